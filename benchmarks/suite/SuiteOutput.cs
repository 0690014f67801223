using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScottPlot;

/// <summary>Everything one suite run measured.</summary>
internal sealed record SuiteResult(
    string Command, DateTime Started, DateTime Finished, string LoadAverageAtEnd, string Target, int Threads, List<double> Peaks,
    int[] Checkpoints, List<SuiteWorkload> Workloads, List<SuiteRun> Runs, Dictionary<string, double> Untuned,
    Dictionary<string, double?> Blas, Dictionary<string, string?> BlasChecks)
{
    public double Peak => Median(Peaks);

    public static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary>The suite's outputs: results.md (tables ready for benchmarks/README.md), results.json, curves_KEY.png, reports/.</summary>
internal static class SuiteOutput
{
    public static void Write(SuiteResult r, string dir, bool reports)
    {
        foreach (var w in r.Workloads) Curves(r, w).SavePng(Path.Combine(dir, $"curves_{w.Key}.png"), 720, 400);
        if (reports)
            foreach (var run in r.Runs)
            {
                var page = Path.Combine(dir, "reports", Path.GetFileName(run.WorkDir) + ".html");
                Directory.CreateDirectory(Path.GetDirectoryName(page)!);
                Tuner.Host.Cli.TunerCli.Invoke(["report", run.WorkDir, "-o", page], TextWriter.Null, Console.Error);
            }
        File.WriteAllText(Path.Combine(dir, "results.md"), Markdown(r, reports));
        File.WriteAllText(Path.Combine(dir, "results.json"), Json(r, dir).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string G(double secs, double flops) => double.IsFinite(secs) ? (flops / secs / 1e9).ToString("0.##", CultureInfo.InvariantCulture) : "N/A";

    /// <summary>"median [min–max]" of the runs' GFLOP/s (just the value for one seed).</summary>
    private static string Spread(IReadOnlyList<double> secs, double flops)
    {
        var g = secs.Where(double.IsFinite).Select(s => flops / s / 1e9).ToArray();
        if (g.Length == 0) return "N/A";
        string F(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        return g.Length == 1 ? F(g[0]) : $"{F(SuiteResult.Median(g))} [{F(g.Min())}–{F(g.Max())}]";
    }

    private static string Markdown(SuiteResult r, bool reports)
    {
        var sb = new StringBuilder();
        var strategies = r.Runs.Select(x => x.Strategy).Distinct().ToList();
        sb.AppendLine("# Benchmark suite results\n");
        sb.AppendLine($"Command: `{r.Command}`  ");
        sb.AppendLine($"Run {r.Started:yyyy-MM-dd HH:mm}–{r.Finished:HH:mm} UTC, target `{r.Target}`, load average at the end {r.LoadAverageAtEnd}.  ");
        sb.AppendLine($"FP32 FMA peak on {r.Threads} thread(s): {r.Peak:0} GFLOP/s (median of {r.Peaks.Count} samples through the run, {r.Peaks.Min():0}–{r.Peaks.Max():0}).  ");
        sb.AppendLine("GFLOP/s at a trial count: the best record after that many trials (median over seeds [min–max]); re-measured: each run's best " +
            "kernel timed again at the end, interleaved with the untuned function, OpenBLAS and the peak (min over the rounds).\n");
        sb.Append("| workload | GFLOP | untuned | OpenBLAS | strategy | ").Append(string.Concat(r.Checkpoints.Select(c => $"@{c} | ")))
          .AppendLine("re-measured | of peak | vs OpenBLAS |");
        sb.Append("|---|---|---|---|---|").Append(string.Concat(r.Checkpoints.Select(_ => "---|"))).AppendLine("---|---|---|");
        foreach (var w in r.Workloads)
            foreach (var s in strategies)
            {
                var runs = r.Runs.Where(x => x.Workload == w && x.Strategy == s).ToList();
                double remeasured = SuiteResult.Median(runs.Select(x => x.RemeasuredSecs));
                double? blas = r.Blas[w.Label];
                sb.Append($"| {w.Label} | {w.Flops / 1e9:0.###} | {G(r.Untuned[w.Label], w.Flops)} | {(blas is { } b ? G(b, w.Flops) : "-")} | {s} | ")
                  .Append(string.Concat(r.Checkpoints.Select(c => Spread(runs.Select(x => x.BestAt(c)).ToList(), w.Flops) + " | ")))
                  .Append($"{Spread(runs.Select(x => x.RemeasuredSecs).ToList(), w.Flops)} | ")
                  .Append(double.IsFinite(remeasured) ? $"{w.Flops / remeasured / 1e9 / r.Peak:0.00} | " : "N/A | ")
                  .AppendLine(blas is { } bb && double.IsFinite(remeasured) ? $"{bb / remeasured:0.00}x |" : "- |");
            }
        sb.AppendLine("\nSearch quality and where the time went (median over seeds):\n");
        sb.AppendLine("| workload | strategy | trials/min | search % | cost model % | build % | run % | trial at 90 % of final best | failed trials | held-out Spearman |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var w in r.Workloads)
            foreach (var s in strategies)
            {
                var runs = r.Runs.Where(x => x.Workload == w && x.Strategy == s).ToList();
                string P(Func<Tuner.Actors.Tuning.TuneTimings, double> part) =>
                    $"{SuiteResult.Median(runs.Select(x => x.Summary.Timings.WallSecs > 0 ? 100 * part(x.Summary.Timings) / x.Summary.Timings.WallSecs : 0)):0}";
                var t90 = runs.Where(x => x.TrialTo90 is not null).Select(x => (double)x.TrialTo90!.Value).ToList();
                sb.AppendLine($"| {w.Label} | {s} | {SuiteResult.Median(runs.Select(x => x.TrialsPerMinute)):0} | {P(t => t.SearchSecs)} | {P(t => t.CostModelSecs)} | " +
                    $"{P(t => t.BuildSecs)} | {P(t => t.RunSecs)} | {(t90.Count > 0 ? SuiteResult.Median(t90).ToString("0", CultureInfo.InvariantCulture) : "-")} | " +
                    $"{SuiteResult.Median(runs.Select(x => (double)x.Summary.Tasks.Sum(t => t.Failed))):0} | " +
                    $"{(runs.FirstOrDefault(x => x.Spearman is not null)?.Spearman is { } sp ? sp.ToString("0.00", CultureInfo.InvariantCulture) : "-")} |");
            }
        if (r.BlasChecks.Any(c => c.Value is not null))
            sb.AppendLine("\nOpenBLAS checks that failed: " + string.Join("; ", r.BlasChecks.Where(c => c.Value is not null).Select(c => $"{c.Key}: {c.Value}")));
        sb.AppendLine("\n## Tuning curves\n");
        foreach (var w in r.Workloads) sb.AppendLine($"![{w.Label}](curves_{w.Key}.png)");
        if (reports) sb.AppendLine("\nOne `tuner report` page per run in `reports/`.");
        return sb.ToString();
    }

    /// <summary>Best GFLOP/s so far against trials, one line per run, a colour per strategy; untuned and OpenBLAS dashed.</summary>
    private static Plot Curves(SuiteResult r, SuiteWorkload w)
    {
        var plt = new Plot();
        Color[] colours = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Purple];
        var strategies = r.Runs.Select(x => x.Strategy).Distinct().ToList();
        foreach (var run in r.Runs.Where(x => x.Workload == w))
        {
            var points = run.BestAfter.Select((b, i) => (X: i + 1.0, Y: w.Flops / b / 1e9)).Where(p => double.IsFinite(p.Y)).ToArray();
            if (points.Length == 0) continue;
            var line = plt.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), colours[strategies.IndexOf(run.Strategy) % colours.Length]);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            if (run.Seed == r.Runs.Where(x => x.Workload == w && x.Strategy == run.Strategy).Min(x => x.Seed)) line.LegendText = run.Strategy;
        }
        if (double.IsFinite(r.Untuned[w.Label]))
            plt.Add.HorizontalLine(w.Flops / r.Untuned[w.Label] / 1e9, 1, Colors.Gray, LinePattern.Dashed).LegendText = "untuned";
        if (r.Blas[w.Label] is { } b) plt.Add.HorizontalLine(w.Flops / b / 1e9, 1, Colors.Black, LinePattern.Dashed).LegendText = "OpenBLAS";
        plt.Title($"{w.Label}: best GFLOP/s so far (peak {r.Peak:0})");
        plt.XLabel("trial");
        plt.YLabel("GFLOP/s");
        plt.Axes.Margins(bottom: 0);
        plt.ShowLegend(Alignment.LowerRight);
        return plt;
    }

    private static JsonObject Json(SuiteResult r, string dir) => new()
    {
        ["command"] = r.Command,
        ["started"] = r.Started.ToString("O", CultureInfo.InvariantCulture),
        ["finished"] = r.Finished.ToString("O", CultureInfo.InvariantCulture),
        ["load_average_at_end"] = r.LoadAverageAtEnd,
        ["target"] = r.Target,
        ["threads"] = r.Threads,
        ["peak_gflops_samples"] = new JsonArray([.. r.Peaks.Select(p => (JsonNode?)p)]),
        ["checkpoints"] = new JsonArray([.. r.Checkpoints.Select(c => (JsonNode?)c)]),
        ["workloads"] = new JsonArray([.. r.Workloads.Select(w => (JsonNode?)new JsonObject
        {
            ["key"] = w.Key,
            ["shape"] = new JsonArray([.. w.Shape.Select(x => (JsonNode?)x)]),
            ["flops"] = w.Flops,
            ["untuned_secs"] = Num(r.Untuned[w.Label]),
            ["openblas_secs"] = r.Blas[w.Label] is { } b ? Num(b) : null,
            ["openblas_check"] = r.BlasChecks.GetValueOrDefault(w.Label),
            ["runs"] = new JsonArray([.. r.Runs.Where(x => x.Workload == w).Select(x => (JsonNode?)new JsonObject
            {
                ["strategy"] = x.Strategy,
                ["seed"] = x.Seed,
                ["work_dir"] = Path.GetRelativePath(dir, x.WorkDir),
                ["trials_this_run"] = x.Summary.TrialsThisRun,
                ["wall_secs"] = x.Summary.Timings.WallSecs,
                ["search_secs"] = x.Summary.Timings.SearchSecs,
                ["cost_model_secs"] = x.Summary.Timings.CostModelSecs,
                ["build_secs"] = x.Summary.Timings.BuildSecs,
                ["run_secs"] = x.Summary.Timings.RunSecs,
                ["failed_trials"] = x.Summary.Tasks.Sum(t => t.Failed),
                ["best_secs_at"] = new JsonObject(r.Checkpoints.Select(c => KeyValuePair.Create(c.ToString(CultureInfo.InvariantCulture), Num(x.BestAt(c))))),
                ["trial_to_90_percent"] = x.TrialTo90,
                ["remeasured_secs"] = Num(x.RemeasuredSecs),
                ["heldout_spearman"] = x.Spearman,
                ["best_secs_after_each_trial"] = new JsonArray([.. x.BestAfter.Select(Num)]),
            })]),
        })]),
    };

    private static JsonNode? Num(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
