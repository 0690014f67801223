namespace Tuner.Ir.Interp;

/// <summary>
/// Extra checks for the <see cref="Interpreter"/>. The defaults are what every run needs; the extra checks
/// cost time and are meant for tests of schedule primitives.
/// </summary>
/// <param name="CheckRegions">
/// Every buffer access inside a block must lie in a region the block declares for that buffer
/// (T.reads ∪ T.writes); a violation throws <see cref="InterpreterException"/> naming the block, the access
/// and the declared regions.
/// </param>
public sealed record InterpreterOptions(bool CheckRegions = false)
{
    public static readonly InterpreterOptions Default = new();
}
