using System.Globalization;
using ScottPlot;

namespace Tuner.Host.Report;

/// <summary>A rendered plot: the file name it is saved under beside the page, its caption and the PNG bytes.</summary>
internal sealed record PlotImage(string FileName, string Caption, byte[] Png);

/// <summary>
/// The report's plots, drawn with ScottPlot 5 (SkiaSharp) into PNG: per task the tuning curve against trials and
/// against wall time, the latency distribution of the valid candidates and the failures by kind. A plot with nothing
/// to show is not made (the page says why instead).
/// </summary>
internal static class ReportPlots
{
    public const int Width = 640, Height = 360;

    /// <summary>Best GFLOP/s so far against the trial number, each valid trial as a dot, the untuned speed as a dashed line.</summary>
    public static PlotImage? CurveByTrials(TaskData t)
    {
        if (t.Valid == 0) return null;
        var plt = Curve(t, t.Trials.Select(x => (double)x.Index).ToArray(), t.Trials);
        plt.XLabel("trial");
        return Render(plt, $"task{t.Id}_curve_trials.png", $"{t.Name}: best GFLOP/s against trials");
    }

    /// <summary>The same curve against the session time at which each trial's batch ended (logs only).</summary>
    public static PlotImage? CurveByTime(TaskData t)
    {
        var timed = t.Trials.Where(x => x.Elapsed is not null).ToList();
        if (timed.Count == 0 || timed.All(x => x.Secs is null)) return null;
        var plt = Curve(t, timed.Select(x => x.Elapsed!.Value).ToArray(), timed);
        plt.XLabel("wall time of the session (s)");
        return Render(plt, $"task{t.Id}_curve_time.png", $"{t.Name}: best GFLOP/s against wall time");
    }

    private static Plot Curve(TaskData t, double[] xs, IReadOnlyList<Trial> trials)
    {
        var plt = new Plot();
        double best = double.PositiveInfinity;
        var bestX = new List<double>();
        var bestY = new List<double>();
        var dotX = new List<double>();
        var dotY = new List<double>();
        for (int i = 0; i < trials.Count; i++)
        {
            if (trials[i].Secs is not { } s) continue;
            dotX.Add(xs[i]);
            dotY.Add(t.Flops / s / 1e9);
            best = Math.Min(best, s);
            bestX.Add(xs[i]);
            bestY.Add(t.Flops / best / 1e9);
        }
        var dots = plt.Add.Markers(dotX.ToArray(), dotY.ToArray(), MarkerShape.FilledCircle, 4, Colors.Gray.WithAlpha(0.5));
        dots.LegendText = "valid trial";
        var line = plt.Add.Scatter(bestX.ToArray(), bestY.ToArray(), Colors.Blue);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = "best so far";
        if (t.UntunedSecs is { } u)
        {
            var h = plt.Add.HorizontalLine(t.Flops / u / 1e9, 1.5f, Colors.OrangeRed, LinePattern.Dashed);
            h.LegendText = "untuned";
        }
        plt.YLabel("GFLOP/s");
        plt.Axes.Margins(bottom: 0);
        plt.ShowLegend(Alignment.LowerRight);
        return plt;
    }

    /// <summary>How many valid candidates ran how long: a histogram over log10 of the latency in microseconds.</summary>
    public static PlotImage? LatencyHistogram(TaskData t)
    {
        var logs = t.ValidSecs.Select(s => Math.Log10(s * 1e6)).ToArray();
        if (logs.Length == 0) return null;
        double lo = Math.Floor(logs.Min() * 10) / 10, hi = Math.Ceiling(logs.Max() * 10) / 10;
        if (hi - lo < 0.2) { lo -= 0.1; hi += 0.1; }
        int bins = Math.Clamp(logs.Length / 3, 8, 40);
        double width = (hi - lo) / bins;
        var counts = new double[bins];
        foreach (var x in logs) counts[Math.Min(bins - 1, (int)((x - lo) / width))]++;
        var plt = new Plot();
        var bars = plt.Add.Bars(Enumerable.Range(0, bins).Select(i => lo + (i + 0.5) * width).ToArray(), counts);
        foreach (var b in bars.Bars)
        {
            b.Size = width * 0.95;
            b.FillColor = Colors.SteelBlue;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (double e = Math.Floor(lo); e <= Math.Ceiling(hi); e += 0.5)
            if (e >= lo - 1e-9 && e <= hi + 1e-9) ticks.AddMajor(e, Us(Math.Pow(10, e)));
        plt.Axes.Bottom.TickGenerator = ticks;
        plt.XLabel("latency (us, log scale)");
        plt.YLabel("valid candidates");
        plt.Axes.Margins(bottom: 0);
        return Render(plt, $"task{t.Id}_latency.png", $"{t.Name}: latency of the {logs.Length} valid candidates");
    }

    /// <summary>Failed candidates by kind (build, run, timeout, verification; "unknown" when the logs do not say).</summary>
    public static PlotImage? Failures(TaskData t)
    {
        if (t.Failed == 0) return null;
        var byKind = ReportHtml.FailureKinds(t);
        var plt = new Plot();
        var bars = plt.Add.Bars(Enumerable.Range(0, byKind.Count).Select(i => (double)i).ToArray(), byKind.Select(k => (double)k.Count).ToArray());
        foreach (var b in bars.Bars) b.FillColor = Colors.FireBrick;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < byKind.Count; i++) ticks.AddMajor(i, byKind[i].Kind);
        plt.Axes.Bottom.TickGenerator = ticks;
        plt.YLabel("failed candidates");
        plt.Axes.Margins(bottom: 0);
        return Render(plt, $"task{t.Id}_failures.png", $"{t.Name}: {t.Failed} failed candidates by kind");
    }

    private static PlotImage Render(Plot plt, string file, string caption)
    {
        plt.Title(caption);
        return new PlotImage(file, caption, plt.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static string Us(double us) => us >= 100 ? us.ToString("0", CultureInfo.InvariantCulture) : us.ToString("0.##", CultureInfo.InvariantCulture);
}
