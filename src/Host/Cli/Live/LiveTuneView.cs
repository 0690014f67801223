using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tuner.Actors.Tuning;

namespace Tuner.Host.Cli.Live;

/// <summary>
/// The live screen of `tuner tune` on a terminal, drawn from a <see cref="TuneProgressState"/>: a header, TVM's
/// progress table (the task being worked on marked), a bar over the global budget with elapsed time and ETA, what
/// is happening now with the best GFLOP/s so far, and the last warnings.
/// </summary>
internal static class LiveTuneView
{
    private const int BarWidth = 40;

    public static IRenderable Render(TuneProgressState s, DateTime now)
    {
        var parts = new List<IRenderable>();
        if (s.Plan is { } plan)
            parts.Add(new Markup($"[bold]tuning {plan.Tasks.Count} task{(plan.Tasks.Count == 1 ? "" : "s")}[/] for target '{Markup.Escape(plan.Target)}', {plan.MaxTrialsGlobal} trials"));
        parts.Add(Table(s));
        int filled = (int)Math.Round(BarWidth * s.Fraction);
        parts.Add(new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {s.TotalTrials}/{s.Budget} trials {100 * s.Fraction:0}%  " +
            $"elapsed {TuneProgressState.Clock(now - s.Started)}  ETA {(s.Eta(now) is { } e ? TuneProgressState.Clock(e) : "--")}")));
        string best = s.Best is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b.Gflops:0.##} GFLOP/s ({b.Name})") : "none yet";
        parts.Add(new Markup($"[yellow]{Markup.Escape(s.Activity())}[/]  best so far: [bold]{Markup.Escape(best)}[/]"));
        foreach (var m in s.Messages) parts.Add(new Text(m, new Style(Color.Red)));
        return new Rows(parts);
    }

    private static Table Table(TuneProgressState s)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in ProgressTable.Head) table.AddColumn(c == "Name" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        int? current = s.Now?.TaskId;
        for (int i = 0; i < s.Rows.Count; i++)
        {
            var style = i == current ? new Style(Color.Yellow) : Style.Plain;
            table.AddRow(ProgressTable.Row(i, s.Rows[i], i < s.Done.Count && s.Done[i]).Select(c => (IRenderable)new Text(c, style)));
        }
        table.Caption($"Total trials: {s.TotalTrials}   Total latency (us): {(s.Rows.Count > 0 ? ProgressTable.TotalLatency(s.Rows) : "N/A")}");
        return table;
    }
}
