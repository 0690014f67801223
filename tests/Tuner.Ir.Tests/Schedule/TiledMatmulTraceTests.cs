using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>
/// A hand-written MetaSchedule trace in TVM's JSON form (Schedule/Traces/tiled_matmul.json): SSRSRS multi-level tiling
/// of a 64³ matmul, a global write cache at the second spatial level, then the postprocessing TVM appends (parallel
/// fused outer loop, vectorized write-back, unroll pragmas, decomposed reduction). It replays to the golden TVMScript
/// (tiled_matmul.py) and computes what the untuned matmul (matmul.py) computes.
/// </summary>
public class TiledMatmulTraceTests
{
    private static string TraceFile(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln")))
                return Path.Combine(d.FullName, "tests", "Tuner.Ir.Tests", "Schedule", "Traces", name);
        throw new InvalidOperationException("repository root not found");
    }

    private static PrimFunc Untuned => TvmScript.ParseFunc(File.ReadAllText(TraceFile("matmul.py")));

    [Fact]
    public void Tiled_matmul_trace_replays_to_the_golden_script()
    {
        var scheduled = TraceReplay.ApplyJson(Untuned, File.ReadAllText(TraceFile("tiled_matmul.json")));
        var golden = File.ReadAllText(TraceFile("tiled_matmul.py"));
        // The golden is what TVM's sch.mod.script() prints: the one-function module.
        Assert.Equal(golden, TvmScript.PrintAsModule(scheduled));
        Assert.True(StructuralEqual.Equal(TvmScript.ParseFunc(golden), scheduled), "the golden text parses to a different function");
        Assert.Empty(Verifier.VerifyStrict(scheduled));
    }

    [Fact]
    public void Tiled_matmul_trace_computes_the_untuned_outputs()
    {
        var scheduled = TraceReplay.ApplyJson(Untuned, File.ReadAllText(TraceFile("tiled_matmul.json")));
        // Same summation order per element (k0 outer, k1 inner), so the 1e-5 tolerance is ample.
        ScheduleAssert.SameResults(Untuned, scheduled);
    }

    [Fact]
    public void Tiled_matmul_trace_round_trips_through_json_with_its_decisions()
    {
        var trace = Trace.FromJson(File.ReadAllText(TraceFile("tiled_matmul.json")));
        Assert.Equal(25, trace.Instructions.Count);
        Assert.Equal(["SamplePerfectTile", "SamplePerfectTile", "SamplePerfectTile"],
            trace.Instructions.Where(i => trace.Decisions.ContainsKey(i)).Select(i => i.Kind.Name));
        Assert.Equal(trace.ToJson(), Trace.FromJson(trace.ToJson()).ToJson());
        Assert.Equal(File.ReadAllText(TraceFile("tiled_matmul.json")).Replace("\n", "").Replace(" ", ""), trace.ToJson());
    }
}
