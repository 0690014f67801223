using System.Globalization;
using System.Text;

namespace Tuner.Actors.Tuning;

/// <summary>
/// TVM's tuning statistics table (TaskScheduler.PrintTuningStatistics): ID, Name, FLOP, Weight, Speed (GFLOPS),
/// Latency (us), Weighted Latency (us), Trials, Done — right-aligned, "N/A" for a task without a valid record — then
/// the total trials and the total weighted latency ("N/A" when a task has no valid record). Not in TVM: the untuned
/// function's record (<see cref="Baseline"/>, not a trial) counts among the records, so Speed, Latency and Weighted
/// Latency are what apply delivers; the column Untuned (us) shows it, and a line under the table names the tasks
/// whose untuned function no candidate beats (apply keeps it).
/// </summary>
public static class ProgressTable
{
    /// <summary>The column headings.</summary>
    public static readonly IReadOnlyList<string> Head =
        ["ID", "Name", "FLOP", "Weight", "Speed (GFLOPS)", "Latency (us)", "Untuned (us)", "Weighted Latency (us)", "Trials", "Done"];

    /// <summary>The cells of task <paramref name="id"/>'s row.</summary>
    public static string[] Row(int id, TaskSummary t, bool done)
    {
        double best = t.BestKnownSecs;
        bool ok = double.IsFinite(best);
        return [
            I(id), t.Name, I((long)t.Flops), I(t.Weight),
            ok ? F(t.Flops / best / 1e9) : "N/A", ok ? F(best * 1e6) : "N/A", double.IsFinite(t.BaselineSecs) ? F(t.BaselineSecs * 1e6) : "N/A",
            ok ? F(best * 1e6 * t.Weight) : "N/A",
            I(t.Trials), done ? "Y" : "",
        ];
    }

    /// <summary>The total weighted latency in microseconds as the table prints it ("N/A" when a task has no valid record).</summary>
    public static string TotalLatency(IReadOnlyList<TaskSummary> tasks)
    {
        double total = tasks.Sum(t => t.BestKnownSecs * 1e6 * t.Weight);
        return double.IsFinite(total) ? total.ToString("G6", CultureInfo.InvariantCulture) : "N/A";
    }

    public static string Format(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done)
    {
        string[] head = [.. Head];
        var rows = new List<string[]> { head };
        for (int i = 0; i < tasks.Count; i++) rows.Add(Row(i, tasks[i], done[i]));
        var width = Enumerable.Range(0, head.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        string Line(string[] r) => " " + string.Join(" | ", r.Select((x, c) => x.PadLeft(width[c]))) + " ";
        string sep = new('-', Line(head).Length);
        sb.AppendLine(Line(head)).AppendLine(sep);
        foreach (var r in rows.Skip(1)) sb.AppendLine(Line(r));
        sb.AppendLine(sep);
        sb.AppendLine($"Total trials: {I(tasks.Sum(t => t.Trials))}");
        sb.AppendLine($"Total latency (us): {TotalLatency(tasks)}");
        if (tasks.Where(t => t.KeepsUntuned).Select(t => t.Name).ToArray() is { Length: > 0 } kept)
            sb.AppendLine($"Untuned is fastest (apply keeps it): {string.Join(", ", kept)}");
        return sb.ToString();
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
