using System.Diagnostics;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Search;
using Tuner.Ir;

/// <summary>
/// `--profile WORKLOAD`: times the evolutionary search alone (no builds or runs) with a trained cost model, so the
/// search's own cost per round can be measured and profiled: 128 sampled programs of the space get random latencies,
/// the model is fitted on them once (so it predicts, past its warm-up), then rounds of 64 candidates are generated.
/// </summary>
internal static class SearchProfile
{
    public static void Run(IRModule module, int rounds, int threads)
    {
        var space = Tuner.Actors.Space.SpaceGenerators.Cpu();
        foreach (var f in module.PrimFuncs)
        {
            var ctx = new TuneContext(f.Func, f.Name, threads, "llvm", 1);
            using var model = new GbtCostModel(1);
            var applier = new TraceApplier(ctx, space);
            var design = applier.DesignSpace();
            var rng = new Random(1);
            var sw = Stopwatch.StartNew();
            var rows = new List<float[][]>();
            var secs = new List<double>();
            for (int i = 0; rows.Count < 128 && i < 1000; i++)
            {
                var p = applier.Apply(design[i % design.Count], i, freshDecisions: true);
                if (p is null) continue;
                rows.Add(PerStoreFeature.Extract(p.Func));
                secs.Add(1e-3 * (1 + rng.NextDouble()));
            }
            Console.WriteLine($"{f.Name}: {design.Count} design-space traces; 128 samples + features in {sw.Elapsed.TotalSeconds:F2} s");
            sw.Restart();
            model.Update(f.Name, rows, secs);
            Console.WriteLine($"  fit on {rows.Count}: {sw.Elapsed.TotalSeconds:F2} s");
            var measured = new MeasuredPrograms();
            var strategy = new EvolutionaryStrategy(ctx, space, model, measured, _ => []);
            for (int r = 0; r < rounds; r++)
            {
                sw.Restart();
                var c = strategy.GenerateMeasureCandidates(64);
                Console.WriteLine($"  round {r}: {c?.Count ?? 0} candidates in {sw.Elapsed.TotalSeconds:F2} s; {strategy.LastRound}; memo hits {strategy.Applier.MemoHits}");
            }
        }
    }
}
