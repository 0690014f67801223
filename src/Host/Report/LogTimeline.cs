using System.Globalization;
using System.Text.RegularExpressions;

namespace Tuner.Host.Report;

/// <summary>One `tuner tune` session as its scheduler log tells it: target text, start, last line, totals.</summary>
internal sealed record LogSession(string Target, DateTime Start, DateTime End, SessionSplit? Split);

/// <summary>Where a session's wall time went (its "Tuning done" line), seconds.</summary>
internal sealed record SessionSplit(double Wall, double Search, double CostModel, double Build, double Run);

/// <summary>
/// A measured batch of one task: when it ended, how many candidates, the time since the previous batch of the
/// session (what the sequential loop spent on this batch) and, when the task log says when the search picked the
/// batch, how much of that was search, building and running (the task log's "built"/"ran" lines in that interval).
/// </summary>
internal sealed record LogBatch(int TaskId, int Count, DateTime End, double Elapsed, double Interval, double? Search, LogSession Session,
    double? Build = null, double? Run = null);

/// <summary>One failed candidate from a task log: kind (build, run, timeout, verification) and the message's first line.</summary>
internal sealed record LogFailure(string Kind, string Reason);

/// <summary>What a task's log says about it.</summary>
internal sealed class LogTask
{
    public int? Workload { get; set; }
    public int? Weight { get; set; }
    public bool Done { get; set; }
    public List<LogFailure> Failures { get; } = [];
    public List<DateTime> Picks { get; } = [];
    /// <summary>When each step of the task ended and how long it took ("built N in S s", "ran N in S s").</summary>
    public List<(DateTime At, double Secs)> Builds { get; } = [];
    public List<(DateTime At, double Secs)> Runs { get; } = [];
}

/// <summary>
/// Reads the timestamped logs of a work_dir (logs/task_scheduler.log and logs/task_&lt;id&gt;_&lt;name&gt;.log; see
/// docs/work_dir.md) into sessions, batches and failures: the records hold no times, so the tuning curve against
/// wall time and the time split come from here. Lines in another format are ignored; a missing logs folder gives an
/// empty timeline. Elapsed time runs over sessions only (the gaps between resumed runs are left out).
/// </summary>
internal sealed class LogTimeline
{
    private static readonly Regex Stamp = new(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (.*)$", RegexOptions.Compiled);
    private static readonly Regex SessionStart = new(@"^tuning \d+ tasks? .*for target '([^']*)'", RegexOptions.Compiled);
    private static readonly Regex BatchLine = new(@"^\[task #(\d+) [^\]]*\] measured (\d+)", RegexOptions.Compiled);
    private static readonly Regex DoneLine = new(
        @"^Tuning done: .*wall ([\d.]+) s = search ([\d.]+) s \+ cost model ([\d.]+) s \+ build ([\d.]+) s \+ run ([\d.]+) s", RegexOptions.Compiled);
    private static readonly Regex TableRow = new(@"^\s*(\d+) \|.*\|\s*(Y?)\s*$", RegexOptions.Compiled);
    private static readonly Regex WorkloadLine = new(@"^workload #(\d+), weight (\d+)", RegexOptions.Compiled);
    private static readonly Regex FailedLine = new(@"^candidate failed \(([a-z]+)\): (.*)$", RegexOptions.Compiled);
    private static readonly Regex PickedLine = new(@"picked \d+\s*$", RegexOptions.Compiled);
    private static readonly Regex StepLine = new(@"^(built|ran) \d+ in ([\d.]+) s\s*$", RegexOptions.Compiled);
    private static readonly Regex TaskFile = new(@"^task_(\d+)_.*\.log$", RegexOptions.Compiled);

    public List<LogSession> Sessions { get; } = [];
    public List<LogBatch> Batches { get; } = [];
    public Dictionary<int, LogTask> Tasks { get; } = [];

    /// <summary>True when the scheduler log was found and held at least one session.</summary>
    public bool HasTimes => Sessions.Count > 0;

    public static LogTimeline Read(string workDir)
    {
        var t = new LogTimeline();
        string dir = Path.Combine(workDir, "logs");
        if (!Directory.Exists(dir)) return t;
        foreach (var file in Directory.GetFiles(dir, "task_*.log"))
            if (TaskFile.Match(Path.GetFileName(file)) is { Success: true } m)
                t.ReadTask(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), file);
        string scheduler = Path.Combine(dir, "task_scheduler.log");
        if (File.Exists(scheduler)) t.ReadScheduler(scheduler);
        return t;
    }

    public LogTask Task(int id) => Tasks.TryGetValue(id, out var t) ? t : Tasks[id] = new LogTask();

    private static IEnumerable<(DateTime At, string Text)> Lines(string file)
    {
        foreach (var line in File.ReadLines(file))
            if (Stamp.Match(line) is { Success: true } m
                && DateTime.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                yield return (at, m.Groups[2].Value);
    }

    private void ReadTask(int id, string file)
    {
        var task = Task(id);
        foreach (var (at, text) in Lines(file))
        {
            if (WorkloadLine.Match(text) is { Success: true } w)
            {
                task.Workload = int.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture);
                task.Weight = int.Parse(w.Groups[2].Value, CultureInfo.InvariantCulture);
            }
            else if (FailedLine.Match(text) is { Success: true } f) task.Failures.Add(new LogFailure(f.Groups[1].Value, f.Groups[2].Value.Trim()));
            else if (PickedLine.IsMatch(text)) task.Picks.Add(at);
            else if (StepLine.Match(text) is { Success: true } st)
                (st.Groups[1].Value == "built" ? task.Builds : task.Runs).Add((at, double.Parse(st.Groups[2].Value, CultureInfo.InvariantCulture)));
        }
    }

    private void ReadScheduler(string file)
    {
        string? target = null;
        DateTime start = default, last = default, previous = default;
        SessionSplit? split = null;
        double before = 0; // elapsed time of the earlier sessions
        var pending = new List<(int Id, int Count, DateTime End, double Interval)>();
        Dictionary<int, bool> done = [];

        void Close()
        {
            if (target is null) return;
            var session = new LogSession(target, start, last, split);
            Sessions.Add(session);
            foreach (var (id, count, end, interval) in pending)
            {
                var from = end.AddSeconds(-interval);
                bool Within(DateTime at) => at <= end && at >= from;
                var picks = Task(id).Picks.Where(Within).ToList();
                double? search = picks.Count > 0 ? (picks.Max() - from).TotalSeconds : null;
                double? Sum(List<(DateTime At, double Secs)> steps)
                {
                    var inside = steps.Where(s => Within(s.At)).ToList();
                    return inside.Count > 0 ? inside.Sum(s => s.Secs) : null;
                }
                Batches.Add(new LogBatch(id, count, end, before + (end - start).TotalSeconds, interval, search, session,
                    Sum(Task(id).Builds), Sum(Task(id).Runs)));
            }
            before += (last - start).TotalSeconds;
            pending.Clear();
            target = null;
            split = null;
        }

        foreach (var (at, text) in Lines(file))
        {
            if (SessionStart.Match(text) is { Success: true } s)
            {
                Close();
                target = s.Groups[1].Value;
                start = previous = last = at;
                continue;
            }
            if (target is null) continue;
            last = at;
            if (BatchLine.Match(text) is { Success: true } b)
            {
                pending.Add((int.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(b.Groups[2].Value, CultureInfo.InvariantCulture),
                    at, (at - previous).TotalSeconds));
                previous = at;
            }
            else if (DoneLine.Match(text) is { Success: true } d)
            {
                double G(int i) => double.Parse(d.Groups[i].Value, CultureInfo.InvariantCulture);
                split = new SessionSplit(G(1), G(2), G(3), G(4), G(5));
            }
            else if (TableRow.Match(text) is { Success: true } r)
                done[int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture)] = r.Groups[2].Value == "Y";
        }
        Close();
        foreach (var (id, d) in done) Task(id).Done = d;
    }
}
