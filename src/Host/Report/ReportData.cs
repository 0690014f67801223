using Tuner.Actors.Database;
using Tuner.Ir;
using Tuner.Ir.CodeGen;

namespace Tuner.Host.Report;

/// <summary>One trial of a task in measurement order: its latency (null: failed) and, when the logs tell, the session time at which its batch ended.</summary>
internal sealed record Trial(int Index, double? Secs, double? Elapsed);

/// <summary>Everything the report shows about one task (a workload under one target).</summary>
internal sealed record TaskData(
    int Id, int Workload, string Name, string Target, double Flops, int? Weight, double? UntunedSecs,
    IReadOnlyList<Trial> Trials, IReadOnlyList<LogFailure> Failures, bool? Done,
    double? BatchSecs, double? SearchSecs, int TimedTrials, double? BuildSecs = null, double? RunSecs = null)
{
    public IEnumerable<double> ValidSecs => Trials.Where(t => t.Secs is not null).Select(t => t.Secs!.Value);
    public int Valid => Trials.Count(t => t.Secs is not null);
    public int Failed => Trials.Count - Valid;
    /// <summary>The best valid trial's mean latency.</summary>
    public double? BestSecs => Valid > 0 ? ValidSecs.Min() : null;

    /// <summary>What apply delivers, as the progress table shows it: the best trial, or the untuned function when that is faster.</summary>
    public double? DeliveredSecs => (BestSecs, UntunedSecs) switch
    {
        ({ } b, { } u) => Math.Min(b, u),
        ({ } b, null) => b,
        (null, var u) => u,
    };

    public double? Gflops => DeliveredSecs is { } d ? Flops / d / 1e9 : null;
    public double? WeightedSecs => DeliveredSecs is { } d ? d * (Weight ?? 1) : null;
}

/// <summary>The whole work_dir: its tasks and sessions, read without writing anything.</summary>
internal sealed record ReportData(string WorkDir, IReadOnlyList<TaskData> Tasks, LogTimeline Logs)
{
    /// <summary>
    /// Reads the records (<see cref="JsonDatabase.OpenReadOnly"/>), the names and the logs of
    /// <paramref name="workDir"/>. The records give the trials in measurement order; the logs give their times, the
    /// weights, the failure reasons and the Done flags when they are there.
    /// </summary>
    public static ReportData Load(string workDir, Action<string> warn)
    {
        var db = JsonDatabase.OpenReadOnly(workDir, warn);
        var names = WorkloadNames.Read(workDir);
        var logs = LogTimeline.Read(workDir);
        var workloads = db.Workloads;
        var tasks = new List<TaskData>();
        foreach (var group in db.Records.GroupBy(r => (r.Workload, r.Record.TargetKey)).OrderBy(g => g.Key.Workload))
        {
            var func = workloads[group.Key.Workload].Func;
            string target = Cli.RecordsCommand.TargetText(group.First().Record);
            var tuned = group.Select(g => g.Record).Where(r => !r.IsUntuned).ToList();
            var untuned = group.Select(g => g.Record).Where(r => r.IsUntuned && r.IsValid).Select(r => r.MeanRunSecs).ToList();
            // The task ids of the sessions that tuned this workload for this target.
            var ids = logs.Tasks.Where(t => t.Value.Workload == group.Key.Workload).Select(t => t.Key).ToHashSet();
            var batches = logs.Batches.Where(b => ids.Contains(b.TaskId) && b.Session.Target == target).ToList();
            var trials = new List<Trial>();
            int next = 0;
            foreach (var b in batches)
                for (int i = 0; i < b.Count && next < tuned.Count; i++, next++) trials.Add(Trial(next, tuned[next], b.Elapsed));
            int timed = next;
            for (; next < tuned.Count; next++) trials.Add(Trial(next, tuned[next], null));
            var logTasks = ids.Select(logs.Task).ToList();
            tasks.Add(new TaskData(
                tasks.Count, group.Key.Workload, Name(names, group.Key.Workload, func), target, FlopCounter.Count(func),
                logTasks.Select(t => t.Weight).FirstOrDefault(w => w is not null), untuned.Count > 0 ? untuned.Min() : null,
                trials, logTasks.SelectMany(t => t.Failures).ToList(), logTasks.Count > 0 ? logTasks.Any(t => t.Done) : null,
                batches.Count > 0 ? batches.Sum(b => b.Interval) : null,
                Total(batches, b => b.Search), timed, Total(batches, b => b.Build), Total(batches, b => b.Run)));
        }
        return new ReportData(workDir, tasks, logs);
    }

    /// <summary>The sum of a per-batch time over the batches that have it; null when none does (older logs).</summary>
    private static double? Total(List<LogBatch> batches, Func<LogBatch, double?> part) =>
        batches.Any(b => part(b) is not null) ? batches.Sum(b => part(b) ?? 0) : null;

    private static Trial Trial(int index, TuningRecord r, double? elapsed) => new(index + 1, r.IsValid ? r.MeanRunSecs : null, elapsed);

    private static string Name(WorkloadNames names, int workload, PrimFunc f) =>
        names.Of(workload) is { Count: > 0 } known ? string.Join(",", known) : Cli.RecordsCommand.FirstBlock(f);
}
