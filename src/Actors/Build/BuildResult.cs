namespace Tuner.Actors.Build;

/// <summary>
/// Outcome of building one candidate: the shared library and the symbol of its function (<c>cand_k</c>), or the
/// error text (lowering/codegen message, or the compiler's output). A candidate whose weights RewriteLayout packs is
/// built without its packing (TVM's RemoveWeightLayoutRewriteBlock): <see cref="Layout"/> says how to pack them.
/// </summary>
public sealed record BuildResult(int Index, string? ArtifactPath, string? Symbol, string? Error, string? Source = null, LayoutPreproc? Layout = null)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The packing lifted out of a candidate (<see cref="Tuner.Ir.Schedule.LayoutRewriteSplit"/>), in the same library:
/// <see cref="Symbol"/> takes the weights (parameters <see cref="Weights"/> of the function) then the packed buffers
/// (<see cref="Packed"/>: dtype and shape each), which the candidate's symbol takes in the weights' places.
/// </summary>
public sealed record LayoutPreproc(string Symbol, int[] Weights, (Tuner.Ir.DataType Dtype, long[] Shape)[] Packed);
