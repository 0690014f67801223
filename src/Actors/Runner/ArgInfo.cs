using Tuner.Ir;

namespace Tuner.Actors.Runner;

/// <summary>An argument's type and shape (TVM's args_info <c>["TENSOR", dtype, [shape]]</c>); scalars have shape [].</summary>
public sealed record ArgInfo(DataType Dtype, long[] Shape)
{
    /// <summary>One per parameter, in order. Symbolic shapes are refused.</summary>
    public static IReadOnlyList<ArgInfo> Of(PrimFunc f) => f.Params.Select(p => f.BufferOf(p) is { } b
        ? new ArgInfo(b.Dtype, b.ConstShape() ?? throw new ArgumentException($"buffer {b.Name} has a symbolic shape; cannot measure it"))
        : new ArgInfo(p.Dtype, [])).ToArray();

    /// <summary>Seeded random arguments (NDArray.Random with seed + index), the same for every candidate of a workload.</summary>
    public static NDArray[] Random(IReadOnlyList<ArgInfo> info, int seed) =>
        info.Select((a, i) => NDArray.Random(a.Dtype, a.Shape, seed + i)).ToArray();
}
