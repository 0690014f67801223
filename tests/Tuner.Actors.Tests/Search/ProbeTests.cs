using System.Diagnostics;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Search;
using Xunit.Abstractions;

namespace Tuner.Actors.Tests.Search;

public class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe_sampling_speed()
    {
        var f = Workloads.MatmulFunc(512);
        var ctx = new TuneContext(Tuner.Actors.Database.Workload.FromFunc(f).Func, "matmul", 2);
        var space = new TestSpace();
        var applier = new TraceApplier(ctx, space);
        var ds = applier.DesignSpace();
        var sw = Stopwatch.StartNew();
        int n = 200;
        var progs = new List<SampledProgram>();
        for (int i = 0; i < n; i++) progs.Add(applier.Apply(ds[0], i + 1, freshDecisions: true)!);
        output.WriteLine($"apply: {sw.Elapsed.TotalMilliseconds / n:F3} ms each; failures {applier.Failures}");
        sw.Restart();
        foreach (var p in progs) PerStoreFeature.Extract(p.Func);
        output.WriteLine($"features: {sw.Elapsed.TotalMilliseconds / n:F3} ms each");
        sw.Restart();
        foreach (var p in progs) Tuner.Ir.Analysis.StructuralHash.Hash(p.Func);
        output.WriteLine($"hash: {sw.Elapsed.TotalMilliseconds / n:F3} ms each");
        var evo = new EvolutionaryStrategy(ctx, space, new RandomCostModel(1), new MeasuredPrograms(), _ => []);
        sw.Restart();
        var c = evo.GenerateMeasureCandidates(64)!;
        output.WriteLine($"evolutionary round: {sw.Elapsed.TotalMilliseconds:F0} ms, {c.Count} candidates; {evo.LastRound}; failures {evo.Applier.Failures}");
        sw.Restart();
        c = evo.GenerateMeasureCandidates(64)!;
        output.WriteLine($"evolutionary round 2: {sw.Elapsed.TotalMilliseconds:F0} ms, {c.Count} candidates; {evo.LastRound}");
    }
}
