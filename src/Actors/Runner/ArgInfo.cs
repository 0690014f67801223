using Tuner.Ir;

namespace Tuner.Actors.Runner;

/// <summary>An argument's type and shape (TVM's args_info <c>["TENSOR", dtype, [shape]]</c>); scalars have shape [].</summary>
/// <param name="IndexBound">Not in TVM's args_info: for an integer buffer whose values index another buffer
/// (<see cref="IndexOperands"/>), its random values stay in [0, bound) so that a gather reads in bounds.</param>
public sealed record ArgInfo(DataType Dtype, long[] Shape, long? IndexBound = null)
{
    /// <summary>One per parameter, in order. Symbolic shapes are refused.</summary>
    public static IReadOnlyList<ArgInfo> Of(PrimFunc f)
    {
        var bounds = IndexOperands.Bounds(f);
        return f.Params.Select(p => f.BufferOf(p) is { } b
            ? new ArgInfo(b.Dtype, StorageShape(b), bounds.TryGetValue(b, out long bound) ? bound : null)
            : new ArgInfo(p.Dtype, [])).ToArray();
    }

    /// <summary>
    /// The shape to allocate: the buffer's own, or for a strided one (<c>T.match_buffer(a, (32, 32), strides=(64, 1))</c>)
    /// its whole backing storage, flat (strides[0] × shape[0] elements, as FlattenBuffers addresses it).
    /// </summary>
    private static long[] StorageShape(Tuner.Ir.Buffer b)
    {
        var shape = b.ConstShape() ?? throw new ArgumentException($"buffer {b.Name} has a symbolic shape; cannot measure it");
        if (b.Strides.IsEmpty) return shape;
        if (b.Strides[0] is not IntImm s0) throw new ArgumentException($"buffer {b.Name} has symbolic strides; cannot measure it");
        return [shape.Length == 0 ? 1 : s0.Value * shape[0]];
    }

    /// <summary>Seeded random arguments (NDArray.Random with seed + index), the same for every candidate of a workload.</summary>
    public static NDArray[] Random(IReadOnlyList<ArgInfo> info, int seed) =>
        info.Select((a, i) => NDArray.Random(a.Dtype, a.Shape, seed + i, a.IndexBound)).ToArray();
}
