using System.Text.Json.Nodes;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Search;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tuning;

public static partial class Tuning
{
    /// <summary>
    /// Restores a task from the database (its records for this target count as trials; their programs, replayed,
    /// become the measured set) and creates its strategy.
    /// </summary>
    private static void Prepare(TuneTask t, Target target, JsonNode targetJson, JsonDatabase db, ISpaceGenerator space,
        ICostModel model, TuneOptions options, TrialScheduler scheduler, TuneLog log)
    {
        var records = db.RecordsOf(t.WorkloadIndex, targetJson);
        foreach (var r in records) t.Count(r);
        // A different seed per task and per resumed session: a resumed run explores anew instead of redrawing.
        long seed = options.Seed == -1 ? -1 : (options.Seed + 7919L * t.Id + 104729L * records.Count) % RandomEngineModulus;
        var ctx = new Search.TuneContext(t.Workload.Func, t.Name, target.NumCores, target.Kind, seed);
        var applier = new TraceApplier(ctx, space);
        var replayed = new List<(SampledProgram Program, TuningRecord Record)>();
        var (measured, unreadable) = MeasuredPrograms.FromTraces(applier, t.Workload.Func, records.Select(r => r.Trace.ToJsonString()),
            (i, p) => replayed.Add((p, records[i])));
        if (options.Strategy == SearchStrategyKind.Evolutionary) Pretrain(model, t.Name, replayed);
        t.Strategy = options.Strategy switch
        {
            SearchStrategyKind.ReplayTrace => new ReplayTraceStrategy(ctx, space, measured, options.Evolutionary.MaxFailCount),
            _ => new EvolutionaryStrategy(ctx, space, model, measured, TuneTask.TopK(db, t.WorkloadIndex, targetJson), options.Evolutionary),
        };
        scheduler.Restore(t.Id, records.Count, t.BestSecs);
        t.Done = scheduler.Standing(t.Id).Done;
        log.Task(t.Id, t.Name, $"workload #{t.WorkloadIndex}, weight {t.Weight}, {t.Flops:F0} FLOP; resumed with {records.Count} record(s) " +
            $"({t.Valid} valid, {t.Failed} failed, {measured.Count} distinct programs{(unreadable > 0 ? $", {unreadable} unreadable traces" : "")})");
    }

    /// <summary>
    /// Not in TVM (its cost model starts empty each run): a resumed task's records teach the cost model first, so a
    /// resumed search ranks by learned scores at once instead of repeating the 100 random warm-up samples. The
    /// programs are those replayed for the measured set.
    /// </summary>
    private static void Pretrain(ICostModel model, string task, IReadOnlyList<(SampledProgram Program, TuningRecord Record)> replayed)
    {
        if (replayed.Count == 0) return;
        model.Update(task, replayed.Select(x => CostModel.Features.PerStoreFeature.Extract(x.Program.Func)).ToArray(),
            replayed.Select(x => x.Record.IsValid ? x.Record.MeanRunSecs : double.PositiveInfinity).ToArray());
    }

    private const long RandomEngineModulus = Tuner.Ir.Schedule.RandomEngine.Modulus;

    /// <summary>Builds, runs and verifies a batch and commits one record per candidate (failures as [1e10]).</summary>
    private static RunnerResult[] MeasureRound(TuneTask task, IReadOnlyList<MeasureCandidate> candidates, CandidateMeasurer measurer,
        JsonDatabase db, JsonNode targetJson, TuneLog log, TuneOptions options)
    {
        double? cutoff = options.SlowCandidateFactor > 0 && double.IsFinite(task.BestSecs) ? options.SlowCandidateFactor * task.BestSecs : null;
        var measured = measurer.Measure(task.Workload.Func, candidates.Select(c => c.Scheduled).ToArray(), slowCutoffSecs: cutoff);
        var argsInfo = JsonDatabase.ArgsInfo(task.Workload.Func);
        var results = new RunnerResult[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            var m = measured[i];
            var trace = JsonNode.Parse(candidates[i].Trace.ToJson())!;
            var record = m.Ok && m.RunSecs is { Count: > 0 } secs
                ? new TuningRecord(trace, secs, targetJson, argsInfo)
                : TuningRecord.Failed(trace, targetJson, argsInfo);
            db.CommitRecord(task.WorkloadIndex, record);
            task.Count(record);
            task.TrialsThisRun++;
            results[i] = record.IsValid ? new RunnerResult(record.RunSecs, null) : new RunnerResult(null, m.Error ?? "no run time");
            if (!record.IsValid) log.Task(task.Id, task.Name, $"candidate failed: {m.Error}");
        }
        log.Task(task.Id, task.Name, $"measured {candidates.Count}: best {task.BestSecs * 1e6:F2} us, {task.Valid} valid, {task.Failed} failed so far");
        return results;
    }

    private static CompilerOptions BuilderOptions(Target target, TuneOptions o)
    {
        var c = CompilerOptions.For(target, o.Compiler);
        return c with
        {
            Timeout = o.BuildTimeout,
            MaxParallel = o.BuildParallelism > 0 ? o.BuildParallelism : c.MaxParallel,
            MaxBatchSize = o.BuildBatchSize > 0 ? o.BuildBatchSize : c.MaxBatchSize,
        };
    }

    private static int SeedOf(long seed) => seed == -1 ? Environment.TickCount : (int)(seed % int.MaxValue);

    /// <summary>The CPU design space of design §4.1.</summary>
    private static ISpaceGenerator DefaultSpace() => Space.SpaceGenerators.Cpu();
}
