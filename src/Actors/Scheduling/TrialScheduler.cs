namespace Tuner.Actors.Scheduling;

/// <summary>How the scheduler picks the next task to tune.</summary>
public enum TrialSchedulerKind { GradientBased, RoundRobin }

/// <summary>A task's standing: its weight (occurrences in the module), trials measured, best latency after each round.</summary>
public sealed record TaskStanding(string Name, double Weight, int Trials, bool Done, IReadOnlyList<double> BestLatencyHistory)
{
    public double BestLatency => BestLatencyHistory.Count == 0 ? double.PositiveInfinity : BestLatencyHistory[^1];
}

/// <summary>
/// Shares one global trial budget between tasks (TVM's TaskScheduler; design §4.5). Each pick grants up to
/// num_trials_per_iter trials to one task, never more than the global or per-task budget left. Gradient-based
/// (alpha 0.2, window 3): after a first round over every task, pick the task whose weighted latency is expected to
/// fall the most — alpha · (recent improvement per round) + (1 − alpha) · (best latency / rounds); round-robin cycles.
/// Pure logic: the caller reports what was measured with <see cref="Report"/>.
/// </summary>
public sealed class TrialScheduler
{
    private readonly List<(string Name, double Weight)> _tasks;
    private readonly int[] _trials, _granted;
    private readonly bool[] _done;
    private readonly List<double>[] _history;
    private readonly Random _rng;
    private int _rr;

    public TrialScheduler(IReadOnlyList<(string Name, double Weight)> tasks, int maxTrialsGlobal, int maxTrialsPerTask,
        int numTrialsPerIter = 64, TrialSchedulerKind kind = TrialSchedulerKind.GradientBased, double alpha = 0.2, int window = 3, int seed = 0)
    {
        if (numTrialsPerIter <= 0) throw new ArgumentOutOfRangeException(nameof(numTrialsPerIter));
        _tasks = tasks.ToList();
        MaxTrialsGlobal = maxTrialsGlobal;
        MaxTrialsPerTask = maxTrialsPerTask;
        NumTrialsPerIter = numTrialsPerIter;
        Kind = kind;
        Alpha = alpha;
        Window = window;
        _trials = new int[_tasks.Count];
        _granted = new int[_tasks.Count];
        _done = new bool[_tasks.Count];
        _history = _tasks.Select(_ => new List<double>()).ToArray();
        _rng = new Random(seed);
    }

    public int MaxTrialsGlobal { get; }
    public int MaxTrialsPerTask { get; }
    public int NumTrialsPerIter { get; }
    public TrialSchedulerKind Kind { get; }
    public double Alpha { get; }
    public int Window { get; }

    /// <summary>Trials measured plus trials granted and not yet reported: what the budget must cover.</summary>
    public int Committed => _trials.Sum() + _granted.Sum();
    public int TotalTrials => _trials.Sum();

    public TaskStanding Standing(int task) => new(_tasks[task].Name, _tasks[task].Weight, _trials[task], _done[task], _history[task].ToArray());

    /// <summary>Restores a task's measured trials and best latency (e.g. from an earlier session's records).</summary>
    public void Restore(int task, int trials, double bestLatency)
    {
        _trials[task] = trials;
        if (double.IsFinite(bestLatency)) _history[task].Add(bestLatency);
        if (trials >= MaxTrialsPerTask) _done[task] = true;
    }

    /// <summary>The next (task, trials granted), or null when the budget is spent or every task is done.</summary>
    public (int Task, int Trials)? Next()
    {
        int globalLeft = MaxTrialsGlobal - Committed;
        if (globalLeft <= 0) return null;
        var open = Enumerable.Range(0, _tasks.Count).Where(t => !_done[t] && _granted[t] == 0 && Left(t) > 0).ToList();
        if (open.Count == 0) return null;
        int pick = Kind == TrialSchedulerKind.RoundRobin ? NextRoundRobin(open) : NextByGradient(open);
        int grant = Math.Min(NumTrialsPerIter, Math.Min(globalLeft, Left(pick)));
        _granted[pick] = grant;
        return (pick, grant);
    }

    /// <summary>
    /// Grants up to <paramref name="trials"/> to <paramref name="task"/> (a batch journaled before a crash, measured
    /// before anything new): never more than the global and per-task budgets leave. Returns the grant (0: none).
    /// </summary>
    public int Grant(int task, int trials)
    {
        if (_granted[task] != 0) throw new InvalidOperationException($"task {task} has a round in flight");
        int grant = Math.Min(trials, Math.Min(MaxTrialsGlobal - Committed, Left(task)));
        if (grant <= 0) return 0;
        _granted[task] = grant;
        return grant;
    }

    private int Left(int t) => MaxTrialsPerTask - _trials[t];

    private int NextRoundRobin(List<int> open)
    {
        for (int k = 0; k < _tasks.Count; k++)
        {
            int t = (_rr + k) % _tasks.Count;
            if (open.Contains(t)) { _rr = t + 1; return t; }
        }
        return open[0];
    }

    private int NextByGradient(List<int> open)
    {
        // First round: every task once, in order (TVM warms up all tasks before using gradients).
        var unseen = open.Where(t => _history[t].Count == 0 && _trials[t] == 0).ToList();
        if (unseen.Count > 0) return unseen[0];
        double bestGrad = double.NegativeInfinity;
        var best = new List<int>();
        foreach (int t in open)
        {
            double g = Gradient(t);
            if (g > bestGrad + 1e-12) { bestGrad = g; best.Clear(); best.Add(t); }
            else if (Math.Abs(g - bestGrad) <= 1e-12) best.Add(t);
        }
        return best[_rng.Next(best.Count)];
    }

    /// <summary>Expected decrease of the weighted latency from one more round of this task.</summary>
    public double Gradient(int t)
    {
        var h = _history[t];
        int n = h.Count;
        if (n == 0 || !double.IsFinite(h[^1]) || h[^1] >= 1e9) return double.PositiveInfinity; // nothing valid yet: try it again
        double recent = n >= 1 + Window ? (h[n - 1 - Window] - h[n - 1]) / Window : 0;
        double g = Alpha * recent + (1 - Alpha) * h[^1] / n;
        return g * _tasks[t].Weight;
    }

    /// <summary>Reports a granted round: trials actually measured and the task's best latency after it (∞ if none valid).</summary>
    public void Report(int task, int measured, double bestLatency, bool exhausted = false)
    {
        if (_granted[task] == 0) throw new InvalidOperationException($"task {task} has no round in flight");
        if (measured > _granted[task]) throw new InvalidOperationException($"task {task} measured {measured} trials but was granted {_granted[task]}");
        _granted[task] = 0;
        _trials[task] += measured;
        _history[task].Add(bestLatency);
        if (exhausted || Left(task) <= 0) _done[task] = true;
    }
}
