using System.Diagnostics;
using System.Text.Json.Nodes;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tuning;

/// <summary>
/// TVM's tune_tir and apply-database as plain library calls (the actor engine drives the same parts).
/// </summary>
public static partial class Tuning
{
    /// <summary>
    /// Tunes every PrimFunc of <paramref name="module"/> for <paramref name="target"/>, recording into
    /// <paramref name="workDir"/>: one task per structurally distinct PrimFunc (weight = how many share it), one
    /// global budget of <paramref name="maxTrialsGlobal"/> trials shared by the <see cref="TrialScheduler"/>. Each
    /// round: the strategy proposes up to the granted trials → <see cref="CandidateMeasurer"/> builds, runs and
    /// verifies them → records are committed (failed or wrong candidates with run_secs [1e10]) → the cost model
    /// learns → the strategy and the scheduler hear the results → the progress table is printed. Resumable: records
    /// already in <paramref name="workDir"/> for this target count towards the budgets and their programs are never
    /// measured again. Logs go to workDir/logs/. The work_dir is locked for the whole call (<see cref="WorkDirLock"/>).
    /// Not in TVM: each task's untuned function is measured first (<see cref="Baseline"/>); failed candidates are
    /// reported by kind (<see cref="FailureReporter"/>) and a batch that fails to build with one error stops the run
    /// (<see cref="TuningFailedException"/>); cancelling <paramref name="ct"/> stops after the records committed so
    /// far and returns a summary marked interrupted (the same call resumes).
    /// </summary>
    public static TuneSummary TuneTir(IRModule module, Target target, string workDir, int maxTrialsGlobal, TuneOptions options, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrialsGlobal);
        var wall = Stopwatch.StartNew();
        using var workDirLock = WorkDirLock.Acquire(workDir, options.WaitForLock, m => options.Error?.WriteLine(m), ct);
        using var log = new TuneLog(workDir);
        var db = JsonDatabase.Open(workDir, m => { log.Scheduler(m); options.Error?.WriteLine(m); });
        var targetJson = JsonNode.Parse(target.ToJson())!;
        var tasks = TuneTask.Extract(module, db, WorkloadNames.Read(workDir));
        var space = options.Space ?? DefaultSpace();
        var ownModel = options.CostModel is null ? new GbtCostModel(SeedOf(options.Seed)) : null;
        var model = options.CostModel ?? ownModel!;
        try
        {
            int perTask = options.MaxTrialsPerTask ?? maxTrialsGlobal;
            var scheduler = new TrialScheduler(tasks.Select(t => (t.Name, (double)t.Weight)).ToArray(), maxTrialsGlobal, perTask,
                options.NumTrialsPerIter, options.Scheduler, seed: SeedOf(options.Seed));
            var plan = TuneMessages.Start(tasks.Select(t => t.Name).ToArray(), target, workDir, log.Dir, maxTrialsGlobal, perTask, options.NumTrialsPerIter);
            log.Scheduler(plan + $", strategy {options.Strategy}");
            options.Output?.WriteLine(plan);
            options.Output?.Flush();
            using var runner = new LocalRunner(new RunnerOptions(options.RunTimeout, target.NumCores, options.Compiler ?? RunnerOptions.Default.Compiler));
            var measurer = new CandidateMeasurer(new Builder(BuilderOptions(target, options)), runner, options.Evaluator, options.Verify, options.DataSeed);
            var failures = new FailureReporter(options.Error);
            double search = 0, costModel = 0;
            string? lastTable = null;
            bool interrupted = false;
            try
            {
                foreach (var t in tasks)
                {
                    if (options.MeasureBaseline) MeasureBaseline(t, db, targetJson, measurer, log, failures, options, ct);
                    Prepare(t, target, targetJson, db, space, model, options, scheduler, log);
                }
                while (scheduler.Next() is var (ti, grant))
                {
                    ct.ThrowIfCancellationRequested();
                    var task = tasks[ti];
                    var clock = Stopwatch.StartNew();
                    var candidates = task.Strategy.GenerateMeasureCandidates(grant);
                    search += clock.Elapsed.TotalSeconds;
                    if (task.Strategy is EvolutionaryStrategy evo) log.Task(task.Id, task.Name, evo.LastRound);
                    if (candidates is null || candidates.Count == 0)
                    {
                        log.Task(task.Id, task.Name, "the search found no new candidate: task done");
                        task.Done = true;
                        scheduler.Report(ti, 0, task.BestKnownSecs, exhausted: true);
                        continue;
                    }
                    var (results, measured) = MeasureRound(task, candidates, measurer, db, targetJson, log, failures, options, ct);
                    if (FailureReporter.SameBuildError(measured) is { } buildError)
                        throw new TuningFailedException($"error: {task.Name}: all {measured.Count} candidates of a batch failed to build with the same error, " +
                            $"so the run stops (check --target and the compiler):\n{FailureReporter.Indent(buildError, 12)}");
                    clock.Restart();
                    model.Update(task.Name, candidates.Select(c => PerStoreFeature.Extract(c.Scheduled)).ToArray(), results.Select(r => r.MeanSecs).ToArray());
                    costModel += clock.Elapsed.TotalSeconds;
                    task.Strategy.NotifyRunnerResults(candidates, results);
                    scheduler.Report(ti, candidates.Count, task.BestKnownSecs);
                    for (int i = 0; i < tasks.Count; i++) tasks[i].Done = scheduler.Standing(i).Done;
                    var table = ProgressTable.Format(tasks.Select(x => x.Summary()).ToArray(), tasks.Select(x => x.Done).ToArray());
                    log.Scheduler($"[task #{task.Id} {task.Name}] measured {candidates.Count}\n{table}");
                    options.Output?.Write(table);
                    options.Output?.Flush();
                    lastTable = table;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                interrupted = true; // what was committed stays; the batch in flight is measured again by the next run
            }
            var timings = new TuneTimings(search, costModel, measurer.BuildSeconds, measurer.RunSeconds, wall.Elapsed.TotalSeconds);
            var summary = new TuneSummary(tasks.Select(t => t.Summary()).ToArray(), tasks.Sum(t => t.TrialsThisRun), timings, interrupted, failures.Counts);
            var end = TuneMessages.End(summary, failures.CountsText());
            log.Scheduler(end);
            var finalTable = ProgressTable.Format(summary.Tasks, tasks.Select(x => x.Done).ToArray());
            if (finalTable != lastTable) options.Output?.Write(finalTable); // printed once: the last round's table is usually the final one
            options.Output?.WriteLine(end);
            return summary;
        }
        finally
        {
            ownModel?.Dispose();
        }
    }
}
