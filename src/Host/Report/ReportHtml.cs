using System.Globalization;
using System.Net;
using System.Text;

namespace Tuner.Host.Report;

/// <summary>
/// The report page: one self-contained HTML file (styles inline, plots as base64 PNG) holding the session's totals,
/// the per-task table (TVM's progress-table columns plus untuned latency, trials per minute and the time split) and
/// one section per task with its plots and failure reasons.
/// </summary>
internal static class ReportHtml
{
    /// <summary>Failed candidates of a task by kind, most first; those the logs do not explain are counted as "unknown".</summary>
    public static List<(string Kind, int Count)> FailureKinds(TaskData t)
    {
        var kinds = t.Failures.GroupBy(f => f.Kind).Select(g => (g.Key, g.Count())).ToList();
        int unexplained = t.Failed - t.Failures.Count;
        if (unexplained > 0) kinds.Add(("unknown", unexplained));
        return [.. kinds.OrderByDescending(k => k.Item2)];
    }

    public static string Build(ReportData d, IReadOnlyDictionary<int, IReadOnlyList<PlotImage>> plots, DateTime generated)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tuning report: ")
          .Append(E(Path.GetFileName(Path.GetFullPath(d.WorkDir).TrimEnd('/')))).Append("</title>\n<style>")
          .Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}")
          .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
          .Append(".plots{display:flex;flex-wrap:wrap;gap:8px}.plots figure{margin:0}figcaption{font-size:12px;color:#555}")
          .Append(".note{color:#555;font-size:13px}</style></head><body>\n");
        sb.Append($"<h1>Tuning report</h1>\n<p>work_dir <code>{E(Path.GetFullPath(d.WorkDir))}</code>, made {generated:yyyy-MM-dd HH:mm} UTC by <code>tuner report</code>.</p>\n");
        Totals(sb, d);
        TaskTable(sb, d);
        foreach (var t in d.Tasks) TaskSection(sb, t, plots.TryGetValue(t.Id, out var p) ? p : []);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Totals(StringBuilder sb, ReportData d)
    {
        var sessions = d.Logs.Sessions;
        int trials = d.Tasks.Sum(t => t.Trials.Count), valid = d.Tasks.Sum(t => t.Valid);
        double? best = d.Tasks.All(t => t.WeightedSecs is not null) && d.Tasks.Count > 0 ? d.Tasks.Sum(t => t.WeightedSecs!.Value) : null;
        double? untuned = d.Tasks.All(t => t.UntunedSecs is not null) && d.Tasks.Count > 0 ? d.Tasks.Sum(t => t.UntunedSecs!.Value * (t.Weight ?? 1)) : null;
        var split = sessions.Where(s => s.Split is not null).Select(s => s.Split!).ToList();
        double? wall = split.Count > 0 ? split.Sum(s => s.Wall) : sessions.Count > 0 ? sessions.Sum(s => (s.End - s.Start).TotalSeconds) : null;
        int timed = d.Tasks.Sum(t => t.TimedTrials);
        sb.Append("<h2>Session totals</h2>\n<table>\n");
        Row(sb, "sessions (runs of tuner tune)", sessions.Count > 0 ? $"{sessions.Count} ({string.Join("; ", sessions.Select(s => s.Target).Distinct())})" : "unknown (no logs)");
        Row(sb, "tasks", I(d.Tasks.Count));
        Row(sb, "trials", $"{trials} ({valid} valid, {trials - valid} failed)");
        Row(sb, "total weighted latency, tuned (us)", best is { } b ? F(b * 1e6) : "N/A (a task has no valid record)");
        Row(sb, "total weighted latency, untuned (us)", untuned is { } u ? F(u * 1e6) : "N/A");
        if (best is { } bb && untuned is { } uu) Row(sb, "speed-up over untuned", $"{uu / bb:0.##}x");
        Row(sb, "wall time (s)", wall is { } w ? $"{w:0.#}" + (split.Count == sessions.Count ? "" : " (some sessions ended without a summary: first to last log line)") : "unknown (no logs)");
        if (wall is { } w2 && w2 > 0 && timed > 0) Row(sb, "trials per minute", $"{timed / (w2 / 60):0.#}");
        if (split.Count > 0)
        {
            double sw = split.Sum(s => s.Wall);
            string P(double x) => sw > 0 ? $"{x:0.#} s ({100 * x / sw:0}%)" : $"{x:0.#} s";
            double search = split.Sum(s => s.Search), model = split.Sum(s => s.CostModel), build = split.Sum(s => s.Build), run = split.Sum(s => s.Run);
            Row(sb, "search / cost model / build / run / other", $"{P(search)} / {P(model)} / {P(build)} / {P(run)} / {P(Math.Max(0, sw - search - model - build - run))}");
        }
        sb.Append("</table>\n<p class=\"note\">");
        sb.Append(sessions.Count > 0
            ? "The records hold no times. Wall-time curves, trials per minute and time shares come from logs/task_scheduler.log "
              + "(when each batch ended; gaps between resumed sessions left out) and the task logs (when the search picked each batch). "
              + "A task's time is the time from the batch before it to its own batch."
            : "This work_dir has no logs/task_scheduler.log: there is no wall-time curve, trials per minute or time split, only what the records hold.");
        sb.Append("</p>\n");
    }

    private static void TaskTable(StringBuilder sb, ReportData d)
    {
        sb.Append("<h2>Tasks</h2>\n<table>\n<tr><th>ID</th><th class=\"l\">Name</th><th>FLOP</th><th>Weight</th><th>Speed (GFLOPS)</th><th>Latency (us)</th>")
          .Append("<th>Weighted Latency (us)</th><th>Trials</th><th>Done</th><th>Untuned (us)</th><th>Best trial (us)</th><th>Speed-up</th><th>Trials/min</th><th>Search %</th><th>Build %</th><th>Run %</th><th>Other %</th></tr>\n");
        foreach (var t in d.Tasks)
        {
            double? perMin = t.BatchSecs is > 0 ? t.TimedTrials / (t.BatchSecs.Value / 60) : null;
            double? Share(double? secs) => secs is { } s && t.BatchSecs is > 0 ? 100 * s / t.BatchSecs.Value : null;
            double? search = Share(t.SearchSecs), build = Share(t.BuildSecs), run = Share(t.RunSecs);
            double? other = search is null ? null : Math.Max(0, 100 - search.Value - (build ?? 0) - (run ?? 0));
            sb.Append("<tr>").Append(Td(I(t.Id))).Append($"<td class=\"l\">{E(t.Name)}</td>").Append(Td(t.Flops.ToString("0", CultureInfo.InvariantCulture)))
              .Append(Td(t.Weight is { } w ? I(w) : "?")).Append(Td(Opt(t.Gflops, "0.####"))).Append(Td(Opt(t.DeliveredSecs * 1e6, "0.####")))
              .Append(Td(Opt(t.WeightedSecs * 1e6, "0.####"))).Append(Td(I(t.Trials.Count))).Append(Td(t.Done == true ? "Y" : ""))
              .Append(Td(Opt(t.UntunedSecs * 1e6, "0.####"))).Append(Td(Opt(t.BestSecs * 1e6, "0.####")))
              .Append(Td(t.DeliveredSecs is { } b && t.UntunedSecs is { } u ? $"{u / b:0.##}x" : "N/A"))
              .Append(Td(Opt(perMin, "0.#"))).Append(Td(Opt(search, "0"))).Append(Td(Opt(build, "0")))
              .Append(Td(Opt(run, "0"))).Append(Td(Opt(other, "0"))).Append("</tr>\n");
        }
        sb.Append("</table>\n<p class=\"note\">Speed, Latency and Weighted Latency are what apply delivers, as in tuner tune's table: the best trial, "
            + "or the untuned function when that is faster. Trials/min and the search, build and run shares count the time of each task's batches (logs); "
            + "other is the rest (cost model, journal, waiting for the host while another task measures).</p>\n");
    }

    private static void TaskSection(StringBuilder sb, TaskData t, IReadOnlyList<PlotImage> plots)
    {
        sb.Append($"<h2 id=\"task{t.Id}\">Task {t.Id}: {E(t.Name)}</h2>\n<p>workload #{t.Workload}, target <code>{E(t.Target)}</code>, ")
          .Append($"{t.Trials.Count} trials ({t.Valid} valid, {t.Failed} failed)");
        if (t.TimedTrials < t.Trials.Count)
            sb.Append($"; the logs time {t.TimedTrials} of them (the wall-time curve shows those)");
        sb.Append(".</p>\n<div class=\"plots\">\n");
        foreach (var p in plots)
            sb.Append($"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(p.Png)}\" width=\"{ReportPlots.Width}\" height=\"{ReportPlots.Height}\" alt=\"{E(p.Caption)}\">")
              .Append($"<figcaption>{E(p.Caption)} ({E(p.FileName)})</figcaption></figure>\n");
        sb.Append("</div>\n");
        if (t.Valid == 0) sb.Append("<p class=\"note\">No valid candidate: no tuning curve or latency distribution.</p>\n");
        if (t.Failed == 0) { sb.Append("<p class=\"note\">No failed candidates.</p>\n"); return; }
        sb.Append("<table><tr><th class=\"l\">kind</th><th>count</th><th class=\"l\">most frequent reasons (first line of the message)</th></tr>\n");
        foreach (var (kind, count) in FailureKinds(t))
        {
            var reasons = t.Failures.Where(f => f.Kind == kind).GroupBy(f => Clip(f.Reason)).OrderByDescending(g => g.Count()).Take(3)
                .Select(g => $"{g.Count()}× {E(g.Key)}");
            sb.Append($"<tr><td class=\"l\">{E(kind)}</td>{Td(I(count))}<td class=\"l\">{string.Join("<br>", reasons)}</td></tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static void Row(StringBuilder sb, string key, string value) => sb.Append($"<tr><th class=\"l\">{E(key)}</th><td class=\"l\">{E(value)}</td></tr>\n");
    private static string Td(string v) => $"<td>{E(v)}</td>";
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
    private static string Opt(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "N/A";
    private static string Clip(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
