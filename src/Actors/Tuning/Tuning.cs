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
    /// </summary>
    public static TuneSummary TuneTir(IRModule module, Target target, string workDir, int maxTrialsGlobal, TuneOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrialsGlobal);
        var wall = Stopwatch.StartNew();
        using var workDirLock = WorkDirLock.Acquire(workDir, options.WaitForLock, m => options.Error?.WriteLine(m));
        using var log = new TuneLog(workDir);
        var db = JsonDatabase.Open(workDir, m => { log.Scheduler(m); options.Error?.WriteLine(m); });
        var targetJson = JsonNode.Parse(target.ToJson())!;
        var tasks = TuneTask.Extract(module, db);
        var space = options.Space ?? DefaultSpace();
        var ownModel = options.CostModel is null ? new GbtCostModel(SeedOf(options.Seed)) : null;
        var model = options.CostModel ?? ownModel!;
        try
        {
            int perTask = options.MaxTrialsPerTask ?? maxTrialsGlobal;
            var scheduler = new TrialScheduler(tasks.Select(t => (t.Name, (double)t.Weight)).ToArray(), maxTrialsGlobal, perTask,
                options.NumTrialsPerIter, options.Scheduler, seed: SeedOf(options.Seed));
            log.Scheduler($"tuning {tasks.Count} task(s) for target {target}: max_trials_global {maxTrialsGlobal}, " +
                $"max_trials_per_task {perTask}, num_trials_per_iter {options.NumTrialsPerIter}, strategy {options.Strategy}");
            using var runner = new LocalRunner(new RunnerOptions(options.RunTimeout, target.NumCores, options.Compiler ?? RunnerOptions.Default.Compiler));
            var measurer = new CandidateMeasurer(new Builder(BuilderOptions(target, options)), runner, options.Evaluator, options.Verify, options.DataSeed);
            foreach (var t in tasks)
            {
                if (options.MeasureBaseline) MeasureBaseline(t, db, targetJson, measurer, log, options);
                Prepare(t, target, targetJson, db, space, model, options, scheduler, log);
            }
            double search = 0, costModel = 0;
            while (scheduler.Next() is var (ti, grant))
            {
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
                var results = MeasureRound(task, candidates, measurer, db, targetJson, log, options);
                clock.Restart();
                model.Update(task.Name, candidates.Select(c => PerStoreFeature.Extract(c.Scheduled)).ToArray(), results.Select(r => r.MeanSecs).ToArray());
                costModel += clock.Elapsed.TotalSeconds;
                task.Strategy.NotifyRunnerResults(candidates, results);
                scheduler.Report(ti, candidates.Count, task.BestKnownSecs);
                for (int i = 0; i < tasks.Count; i++) tasks[i].Done = scheduler.Standing(i).Done;
                var table = ProgressTable.Format(tasks.Select(x => x.Summary()).ToArray(), tasks.Select(x => x.Done).ToArray());
                log.Scheduler($"[task #{task.Id} {task.Name}] measured {candidates.Count}\n{table}");
                options.Output?.Write(table);
            }
            var timings = new TuneTimings(search, costModel, measurer.BuildSeconds, measurer.RunSeconds, wall.Elapsed.TotalSeconds);
            var summary = new TuneSummary(tasks.Select(t => t.Summary()).ToArray(), tasks.Sum(t => t.TrialsThisRun), timings);
            var end = $"Tuning done: {summary.TrialsThisRun} trials measured this run, {tasks.Sum(t => t.Trials)} in total; " +
                $"wall {timings.WallSecs:F1} s = search {timings.SearchSecs:F1} s + cost model {timings.CostModelSecs:F1} s + " +
                $"build {timings.BuildSecs:F1} s + run {timings.RunSecs:F1} s + other";
            log.Scheduler(end);
            options.Output?.WriteLine(ProgressTable.Format(summary.Tasks, tasks.Select(x => x.Done).ToArray()).TrimEnd());
            options.Output?.WriteLine(end);
            return summary;
        }
        finally
        {
            ownModel?.Dispose();
        }
    }
}
