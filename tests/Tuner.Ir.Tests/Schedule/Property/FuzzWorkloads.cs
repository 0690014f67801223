using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

namespace Tuner.Ir.Tests.Schedule.Property;

/// <summary>
/// The library workloads the random-trace property tests schedule, at shapes small enough for the interpreter
/// (reductions of at most 54 terms, the tests' tolerance assumes so).
/// </summary>
internal static class FuzzWorkloads
{
    /// <summary>TVM's matmul 16×16, K = 12 (block "C"), named main.</summary>
    public static string Matmul { get; } = WorkloadLibrary.Script("MM", [16, 16, 12], "main");

    public static IEnumerable<(string Name, PrimFunc Func)> All() =>
    [
        ("mm", TvmScript.ParseFunc(Matmul)),
        ("tbg", WorkloadLibrary.Func("TBG", [1, 8, 2, 6], "main")),
        ("c2d", WorkloadLibrary.Func("C2D", [1, 6, 6, 2, 3, 3, 1, 1], "main")),
        ("sfm", WorkloadLibrary.Func("SFM", [4, 8], "main")),
        ("cbr", WorkloadLibrary.Func("CBR", [1, 6, 6, 2, 4, 3, 1, 0], "main")),
    ];
}
