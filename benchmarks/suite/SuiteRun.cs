using System.Text.Json.Nodes;

/// <summary>A workload of the suite: library key, shape, the module (one function named after the key) and its FLOPs.</summary>
internal sealed record SuiteWorkload(string Key, long[] Shape, Tuner.Ir.IRModule Module, double Flops)
{
    public string Label => $"{Key} {string.Join(",", Shape)}";
}

/// <summary>
/// One tuning run (workload × strategy × seed): its work_dir, the best-so-far curve from the records in measurement
/// order, the time split, the trial that first reached 90 % of the final best, and the best re-measured at the end.
/// </summary>
internal sealed class SuiteRun
{
    public required SuiteWorkload Workload { get; init; }
    public required string Strategy { get; init; }
    public required long Seed { get; init; }
    public required string WorkDir { get; init; }
    public required Tuner.Actors.Tuning.TuneSummary Summary { get; init; }
    /// <summary>Best valid mean latency (s) after each trial, +∞ before the first valid one (the untuned baseline is not a trial).</summary>
    public required double[] BestAfter { get; init; }
    public Tuner.Ir.IRModule? Applied { get; set; }
    public double RemeasuredSecs { get; set; } = double.PositiveInfinity;
    public double? Spearman { get; set; }

    public double BestAt(int trials) => BestAfter.Length == 0 ? double.PositiveInfinity : BestAfter[Math.Min(trials, BestAfter.Length) - 1];

    /// <summary>The first trial whose best-so-far speed is at least 90 % of the final best (null without a valid trial).</summary>
    public int? TrialTo90 => BestAfter.Length == 0 || !double.IsFinite(BestAfter[^1]) ? null
        : Array.FindIndex(BestAfter, b => b <= BestAfter[^1] / 0.9) + 1;

    public double TrialsPerMinute => Summary.Timings.WallSecs > 0 ? Summary.TrialsThisRun / (Summary.Timings.WallSecs / 60) : 0;

    /// <summary>The best-so-far curve of a work_dir's records for one workload, in file (measurement) order.</summary>
    public static double[] Curve(string workDir)
    {
        var curve = new List<double>();
        double best = double.PositiveInfinity;
        foreach (var line in File.ReadLines(Path.Combine(workDir, "database_tuning_record.json")))
        {
            var rec = JsonNode.Parse(line)![1]!;
            if (rec[0]![0] is JsonArray { Count: 0 }) continue; // the untuned baseline: not a trial
            var secs = rec[1]?.AsArray().Select(x => (double)x!).ToArray() ?? [];
            if (secs.Length > 0 && secs.All(s => double.IsFinite(s) && s < 1e10)) best = Math.Min(best, secs.Average());
            curve.Add(best);
        }
        return [.. curve];
    }
}
