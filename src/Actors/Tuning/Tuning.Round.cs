using System.Text.Json.Nodes;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Search;
using Tuner.Ir.Analysis;
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
        var all = db.RecordsOf(t.WorkloadIndex, targetJson);
        foreach (var r in all) t.Count(r);
        var records = all.Where(r => !r.IsUntuned).ToArray();
        // A different seed per task and per resumed session: a resumed run explores anew instead of redrawing.
        long seed = options.Seed == -1 ? -1 : (options.Seed + 7919L * t.Id + 104729L * records.Length) % RandomEngineModulus;
        var ctx = new Search.TuneContext(t.Workload.Func, t.Name, target.NumCores, target.Kind, seed);
        var applier = new TraceApplier(ctx, space);
        var replayed = new List<(SampledProgram Program, TuningRecord Record)>();
        var (measured, unreadable) = MeasuredPrograms.FromTraces(applier, t.Workload.Func, records.Select(r => r.Trace.ToJsonString()),
            (i, p) => replayed.Add((p, records[i])));
        measured.Add(StructuralHash.Hash(t.Workload.Func)); // the untuned program is known: never a candidate
        if (options.Strategy == SearchStrategyKind.Evolutionary) Pretrain(model, t.Name, replayed, t.Workload.Func, t.BaselineSecs);
        t.Strategy = options.Strategy switch
        {
            SearchStrategyKind.ReplayTrace => new ReplayTraceStrategy(ctx, space, measured, options.Evolutionary.MaxFailCount),
            _ => new EvolutionaryStrategy(ctx, space, model, measured, TuneTask.TopK(db, t.WorkloadIndex, targetJson), options.Evolutionary),
        };
        // A task without trials stays unseen by the scheduler (its first round comes first), baseline or not.
        scheduler.Restore(t.Id, records.Length, records.Length > 0 ? t.BestKnownSecs : double.PositiveInfinity);
        t.Done = scheduler.Standing(t.Id).Done;
        log.Task(t.Id, t.Name, $"workload #{t.WorkloadIndex}, weight {t.Weight}, {t.Flops:F0} FLOP; resumed with {records.Length} record(s) " +
            $"({t.Valid} valid, {t.Failed} failed, {measured.Count} distinct programs{(unreadable > 0 ? $", {unreadable} unreadable traces" : "")}); " +
            $"untuned {(double.IsFinite(t.BaselineSecs) ? $"{t.BaselineSecs * 1e6:F2} us" : "not measured")}");
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
        model.Update(task, funcs.Select(CostModel.Features.PerStoreFeature.Extract).ToArray(), secs.ToArray());
    }

    /// <summary>Measures the task's untuned function unless the database has it (<see cref="Baseline"/>).</summary>
    private static void MeasureBaseline(TuneTask t, JsonDatabase db, JsonNode targetJson, CandidateMeasurer measurer, TuneLog log,
        FailureReporter failures, TuneOptions options, CancellationToken ct)
    {
        var record = Baseline.Ensure(db, t.WorkloadIndex, t.Workload.Func, targetJson, measurer, out var failure, out bool now, ct);
        if (record is not null && now) log.Task(t.Id, t.Name, $"untuned function measured: {record.MeanRunSecs * 1e6:F2} us");
        if (failure is null) return;
        log.Task(t.Id, t.Name, $"untuned function failed: {failure.Error}");
        failures.Report($"{t.Name} (untuned)", failure, log.TaskPath(t.Id, t.Name));
    }

    private const long RandomEngineModulus = Tuner.Ir.Schedule.RandomEngine.Modulus;

    /// <summary>
    /// Builds, runs and verifies a batch and commits one record per candidate (failures as [1e10]); failures go to
    /// the reporter. Cancelled before every candidate was measured: nothing of the batch is committed.
    /// </summary>
    private static (RunnerResult[] Results, IReadOnlyList<MeasureResult> Measured) MeasureRound(TuneTask task, IReadOnlyList<MeasureCandidate> candidates,
        CandidateMeasurer measurer, JsonDatabase db, JsonNode targetJson, TuneLog log, FailureReporter failures, TuneOptions options, CancellationToken ct)
    {
        double? cutoff = options.SlowCandidateFactor > 0 && double.IsFinite(task.BestKnownSecs) ? options.SlowCandidateFactor * task.BestKnownSecs : null;
        var measured = measurer.Measure(task.Workload.Func, candidates.Select(c => c.Scheduled).ToArray(), ct, slowCutoffSecs: cutoff);
        ct.ThrowIfCancellationRequested();
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
            if (record.IsValid) continue;
            log.Task(task.Id, task.Name, $"candidate failed ({m.Failure?.ToString().ToLowerInvariant() ?? "run"}): {m.Error}");
            failures.Report(task.Name, m, log.TaskPath(task.Id, task.Name));
        }
        log.Task(task.Id, task.Name, $"measured {candidates.Count}: best {task.BestSecs * 1e6:F2} us, {task.Valid} valid, {task.Failed} failed so far");
        return (results, measured);
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
