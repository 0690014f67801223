using System.Globalization;
using System.Text;

namespace Tuner.Actors.Tuning;

/// <summary>
/// TVM's tuning statistics table (TaskScheduler.PrintTuningStatistics): ID, Name, FLOP, Weight, Speed (GFLOPS),
/// Latency (us), Weighted Latency (us), Trials, Done — right-aligned, "N/A" for a task without a valid record — then
/// the total trials and the total weighted latency.
/// </summary>
public static class ProgressTable
{
    public static string Format(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done)
    {
        string[] head = ["ID", "Name", "FLOP", "Weight", "Speed (GFLOPS)", "Latency (us)", "Weighted Latency (us)", "Trials", "Done"];
        var rows = new List<string[]> { head };
        for (int i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            bool ok = double.IsFinite(t.BestSecs);
            rows.Add([
                I(i), t.Name, I((long)t.Flops), I(t.Weight),
                ok ? F(t.Gflops) : "N/A", ok ? F(t.BestSecs * 1e6) : "N/A", ok ? F(t.BestSecs * 1e6 * t.Weight) : "N/A",
                I(t.Trials), done[i] ? "Y" : "",
            ]);
        }
        var width = Enumerable.Range(0, head.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        string Line(string[] r) => " " + string.Join(" | ", r.Select((x, c) => x.PadLeft(width[c]))) + " ";
        string sep = new('-', Line(head).Length);
        sb.AppendLine(Line(head)).AppendLine(sep);
        foreach (var r in rows.Skip(1)) sb.AppendLine(Line(r));
        sb.AppendLine(sep);
        double total = tasks.Where(t => double.IsFinite(t.BestSecs)).Sum(t => t.BestSecs * 1e6 * t.Weight);
        sb.AppendLine($"Total trials: {I(tasks.Sum(t => t.Trials))}");
        sb.AppendLine($"Total latency (us): {total.ToString("G6", CultureInfo.InvariantCulture)}");
        return sb.ToString();
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
