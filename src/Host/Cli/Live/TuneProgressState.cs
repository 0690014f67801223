using System.Globalization;
using Tuner.Actors.Tuning;

namespace Tuner.Host.Cli.Live;

/// <summary>
/// What the display knows of a session, updated by the progress events and read by the renderers: the plan, the
/// latest table rows, what is happening now, and the budget with elapsed time and the ETA derived from the trials
/// measured so far in this run.
/// </summary>
internal sealed class TuneProgressState
{
    public TunePlan? Plan { get; private set; }
    public IReadOnlyList<TaskSummary> Rows { get; private set; } = [];
    public IReadOnlyList<bool> Done { get; private set; } = [];
    public (int TaskId, TunePhase Phase, int Count)? Now { get; private set; }
    public DateTime Started { get; private set; }
    public TuneSummary? Finished { get; private set; }
    public List<string> Messages { get; } = [];

    public void OnPlan(TunePlan plan, DateTime now)
    {
        Plan = plan;
        Started = now;
        Rows = plan.Tasks.Select(t => new TaskSummary(t.Name, t.Weight, -1, t.Flops, double.PositiveInfinity, 0, 0, 0, 0)).ToArray();
        Done = new bool[plan.Tasks.Count];
    }

    public void OnPhase(int taskId, TunePhase phase, int count) => Now = (taskId, phase, count);

    public void OnBatchDone(IReadOnlyList<TaskSummary> rows, IReadOnlyList<bool> done)
    {
        Rows = rows;
        Done = done;
        Now = null;
    }

    public void OnFinished(TuneSummary summary)
    {
        Rows = summary.Tasks;
        Finished = summary;
        Now = null;
    }

    /// <summary>Keeps the last few warning or error lines for the live view.</summary>
    public void AddMessage(string line)
    {
        Messages.Add(line);
        if (Messages.Count > 6) Messages.RemoveAt(0);
    }

    public int TotalTrials => Rows.Count > 0 ? Rows.Sum(r => r.Trials) : Plan?.TrialsAtStart ?? 0;
    public int Budget => Plan?.MaxTrialsGlobal ?? 0;
    public double Fraction => Budget > 0 ? Math.Clamp((double)TotalTrials / Budget, 0, 1) : 0;

    /// <summary>The time left at this run's pace so far; null before the first trial of the run.</summary>
    public TimeSpan? Eta(DateTime now)
    {
        int measured = TotalTrials - (Plan?.TrialsAtStart ?? 0);
        double secs = (now - Started).TotalSeconds;
        if (measured <= 0 || secs <= 0) return null;
        return TimeSpan.FromSeconds(Math.Max(0, Budget - TotalTrials) * secs / measured);
    }

    /// <summary>The fastest tuned task (GFLOP/s of its best trial), or null before any valid trial.</summary>
    public (string Name, double Gflops)? Best =>
        Rows.Where(r => double.IsFinite(r.BestSecs)).OrderByDescending(r => r.Gflops).Select(r => ((string, double)?)(r.Name, r.Gflops)).FirstOrDefault();

    /// <summary>"measuring 8 candidates of task #1 matmul", or "waiting" between batches.</summary>
    public string Activity()
    {
        if (Finished is not null) return Finished.Interrupted ? "interrupted" : "finished";
        if (Now is not { } n || Plan is null) return "starting";
        string task = n.TaskId >= 0 && n.TaskId < Plan.Tasks.Count ? $"task #{n.TaskId} {Plan.Tasks[n.TaskId].Name}" : $"task #{n.TaskId}";
        string what = n.Count == 1 ? "1 candidate" : $"{n.Count} candidates";
        return n.Phase switch
        {
            TunePhase.Searching => $"searching {what} for {task}",
            TunePhase.Building => $"building {what} of {task}",
            _ => $"measuring {what} of {task}",
        };
    }

    /// <summary>The progress line of plain output: trials of the budget, elapsed, ETA, the best speed so far.</summary>
    public string PlainLine(DateTime now) => string.Create(CultureInfo.InvariantCulture,
        $"progress: {TotalTrials}/{Budget} trials ({100 * Fraction:0}%), elapsed {Clock(now - Started)}, ETA {(Eta(now) is { } e ? Clock(e) : "--")}, " +
        $"best so far {(Best is { } b ? $"{b.Gflops:0.##} GFLOP/s ({b.Name})" : "none")}");

    public static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");
}
