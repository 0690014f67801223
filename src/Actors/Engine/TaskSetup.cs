using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Database;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir.Analysis;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Engine;

/// <summary>Restoring a task from the record log (pure C#, called by its TaskTuner) and the engine's builder options.</summary>
internal static class TaskSetup
{
    /// <summary>
    /// Restores a task from the database (its records for this target count as trials; their programs, replayed,
    /// become the measured set) and creates its strategy. Returns the trials it already has.
    /// </summary>
    public static int Prepare(TuneTask t, EngineContext ctx)
    {
        var (db, options, targetJson) = (ctx.Database, ctx.Options, ctx.TargetJson);
        var all = db.RecordsOf(t.WorkloadIndex, targetJson);
        t.ResetCounts();
        foreach (var r in all) t.Count(r);
        var records = all.Where(r => !r.IsUntuned).ToArray();
        // A different seed per task and per resumed session: a resumed run explores anew instead of redrawing.
        long seed = options.Seed == -1 ? -1 : (options.Seed + 7919L * t.Id + 104729L * records.Length) % Tuner.Ir.Schedule.RandomEngine.Modulus;
        var tc = new TuneContext(t.Workload.Func, t.Name, ctx.Target.NumCores, ctx.Target.Kind, seed);
        var applier = new TraceApplier(tc, ctx.Space);
        var replayed = new List<(SampledProgram Program, TuningRecord Record)>();
        var (measured, unreadable) = MeasuredPrograms.FromTraces(applier, t.Workload.Func, records.Select(r => r.Trace.ToJsonString()),
            (i, p) => replayed.Add((p, records[i])));
        measured.Add(StructuralHash.Hash(t.Workload.Func)); // the untuned program is known: never a candidate
        t.Measured = measured;
        if (options.Strategy == SearchStrategyKind.Evolutionary) Pretrain(ctx.Model, t.Name, replayed, t.Workload.Func, t.BaselineSecs);
        t.Strategy = options.Strategy switch
        {
            SearchStrategyKind.ReplayTrace => new ReplayTraceStrategy(tc, ctx.Space, measured, options.Evolutionary.MaxFailCount),
            _ => new EvolutionaryStrategy(tc, ctx.Space, ctx.Model, measured, TuneTask.TopK(db, t.WorkloadIndex, targetJson), options.Evolutionary),
        };
        ctx.Log.Task(t.Id, t.Name, $"workload #{t.WorkloadIndex}, weight {t.Weight}, {t.Flops:F0} FLOP; resumed with {records.Length} record(s) " +
            $"({t.Valid} valid, {t.Failed} failed, {measured.Count} distinct programs{(unreadable > 0 ? $", {unreadable} unreadable traces" : "")}); " +
            $"untuned {(double.IsFinite(t.BaselineSecs) ? $"{t.BaselineSecs * 1e6:F2} us" : "not measured")}");
        return records.Length;
    }

    /// <summary>
    /// Not in TVM (its cost model starts empty each run): a resumed task's records teach the cost model first, so a
    /// resumed search ranks by learned scores at once instead of repeating the 100 random warm-up samples. The
    /// programs are those replayed for the measured set, and the untuned function when its baseline is known.
    /// </summary>
    private static void Pretrain(ICostModel model, string task, IReadOnlyList<(SampledProgram Program, TuningRecord Record)> replayed,
        Tuner.Ir.PrimFunc untuned, double baselineSecs)
    {
        var funcs = replayed.Select(x => x.Program.Func).ToList();
        var secs = replayed.Select(x => x.Record.IsValid ? x.Record.MeanRunSecs : double.PositiveInfinity).ToList();
        if (double.IsFinite(baselineSecs)) { funcs.Add(untuned); secs.Add(baselineSecs); }
        if (funcs.Count == 0) return;
        model.Update(task, funcs.Select(PerStoreFeature.Extract).ToArray(), secs.ToArray());
    }

    public static CompilerOptions BuilderOptions(Target target, TuneOptions o)
    {
        var c = CompilerOptions.For(target, o.Compiler);
        return c with
        {
            Timeout = o.BuildTimeout,
            MaxParallel = o.BuildParallelism > 0 ? o.BuildParallelism : c.MaxParallel,
            MaxBatchSize = o.BuildBatchSize > 0 ? o.BuildBatchSize : c.MaxBatchSize,
        };
    }

    public static int SeedOf(long seed) => seed == -1 ? Environment.TickCount : (int)(seed % int.MaxValue);
}
