namespace Tuner.Actors.Build;

/// <summary>
/// Outcome of building one candidate: the shared library and the symbol of its function (<c>cand_k</c>), or the
/// error text (lowering/codegen message, or the compiler's output).
/// </summary>
public sealed record BuildResult(int Index, string? ArtifactPath, string? Symbol, string? Error, string? Source = null)
{
    public bool Ok => Error is null;
}
