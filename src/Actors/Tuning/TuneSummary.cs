namespace Tuner.Actors.Tuning;

/// <summary>
/// One task after tuning: its name (first function of its structural class), weight (how many functions share
/// it), workload index in the database, FLOPs per call, best mean latency of a tuned candidate (seconds; +∞ without
/// a valid record), trials in the database for this target (all runs), trials measured by this run, valid and failed
/// counts, and the untuned function's mean latency (<see cref="Baseline"/>; +∞ when not measured).
/// </summary>
public sealed record TaskSummary(string Name, int Weight, int Workload, double Flops, double BestSecs, int Trials, int TrialsThisRun, int Valid, int Failed,
    double BaselineSecs = double.PositiveInfinity)
{
    public double Gflops => double.IsFinite(BestSecs) ? Flops / BestSecs / 1e9 : 0;

    /// <summary>What apply delivers: the best tuned candidate or the untuned function, whichever is faster (+∞: neither is valid).</summary>
    public double BestKnownSecs => Math.Min(BestSecs, BaselineSecs);

    /// <summary>No candidate beats the untuned function: apply keeps it.</summary>
    public bool KeepsUntuned => double.IsFinite(BaselineSecs) && BaselineSecs <= BestSecs;
}

/// <summary>
/// Where a run's wall time went: search (candidate generation), cost-model updates, builds (lowering, C generation,
/// compiler calls), runs (the untuned reference, timing and verification), the whole run, and the event journal
/// (persisting the session's events). <see cref="SearchAheadSecs"/>: the part of the search that ran ahead, started while
/// a batch built (engine overlap; it is in <see cref="SearchSecs"/> too, so the parts may then add up to more than the wall).
/// </summary>
public sealed record TuneTimings(double SearchSecs, double CostModelSecs, double BuildSecs, double RunSecs, double WallSecs, double JournalSecs = 0,
    double SearchAheadSecs = 0)
{
    public double SearchShare => WallSecs > 0 ? (SearchSecs + CostModelSecs) / WallSecs : 0;
    public double BuildShare => WallSecs > 0 ? BuildSecs / WallSecs : 0;
    public double RunShare => WallSecs > 0 ? RunSecs / WallSecs : 0;
}

/// <summary>
/// What <see cref="Tuning.TuneTir"/> did: the tasks, trials measured by this run, the time split, whether it was
/// interrupted (cancelled) and its failed candidates by kind.
/// </summary>
public sealed record TuneSummary(IReadOnlyList<TaskSummary> Tasks, int TrialsThisRun, TuneTimings Timings, bool Interrupted = false,
    IReadOnlyDictionary<Runner.FailureKind, int>? Failures = null)
{
    /// <summary>Σ weight · best latency, seconds (+∞ when a task has no valid record).</summary>
    public double WeightedLatency => Tasks.Sum(t => t.Weight * t.BestSecs);

    /// <summary>Trials in the database for the target, every run.</summary>
    public int TotalTrials => Tasks.Sum(t => t.Trials);

    /// <summary>Tasks that were measured and have no valid tuned record: every candidate failed.</summary>
    public IReadOnlyList<TaskSummary> FailedTasks => Tasks.Where(t => t.Trials > 0 && t.Valid == 0).ToArray();

    /// <summary>Tasks that got no trial (the budget ran out first).</summary>
    public IReadOnlyList<TaskSummary> UntriedTasks => Tasks.Where(t => t.Trials == 0).ToArray();

    /// <summary>"interrupted after N trials (M this run); the same command resumes".</summary>
    public string InterruptedMessage => $"interrupted after {TotalTrials} trials ({TrialsThisRun} this run); the same command resumes";

    /// <summary>The error naming the tasks without a valid record, or null when every measured task has one.</summary>
    public string? FailedTasksMessage => FailedTasks.Count == 0 ? null
        : "error: no valid record for " + string.Join(", ", FailedTasks.Select(t => $"{t.Name} ({t.Trials} trials, all failed)")) +
          "; the first error of each kind is shown above, every one in the logs";
}
