using System.Diagnostics;
using System.Text.Json.Nodes;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Ir;

/// <summary>
/// `--model-probe MODULE.py --records WORK_DIR`: how well the cost model ranks a work_dir's candidates — trained on
/// the first 70 % of the records (in measurement order), Spearman correlation of its scores with 1/latency on the rest.
/// </summary>
internal static class ModelProbe
{
    /// <summary>One workload's held-out result: records trained on, records tested, Spearman(score, 1/latency), fit and predict seconds.</summary>
    public sealed record Result(int Workload, int Trained, int Tested, double Spearman, double FitSecs, double PredictSecs);

    public static void Run(IRModule module, string workDir)
    {
        foreach (var r in Measure(module, workDir))
            Console.WriteLine($"workload {r.Workload}: trained on {r.Trained} records ({r.FitSecs:F2} s), {r.Tested} held out: Spearman(score, 1/latency) = " +
                $"{r.Spearman:F3}; predict {r.PredictSecs * 1e3:F1} ms");
    }

    public static IReadOnlyList<Result> Measure(IRModule module, string workDir)
    {
        var funcs = module.PrimFuncs.Select(f => Tuner.Actors.Database.Workload.FromFunc(f.Func).Func).ToArray();
        var rows = new List<(int W, float[][] F, double Secs)>();
        foreach (var line in File.ReadLines(Path.Combine(workDir, "database_tuning_record.json")))
        {
            var rec = JsonNode.Parse(line)!;
            int w = (int)rec[0]!;
            var secs = rec[1]![1]!.AsArray().Select(x => (double)x!).ToArray();
            var trace = Tuner.Ir.Schedule.Trace.FromJson(rec[1]![0]!.ToJsonString());
            // The record's function: the first of the module its trace replays on.
            var scheduled = funcs.Select(f => TryApply(f, trace)).FirstOrDefault(s => s is not null);
            if (scheduled is null) continue;
            rows.Add((w, PerStoreFeature.Extract(scheduled), secs.Average()));
        }
        int cut = rows.Count * 7 / 10;
        using var model = new GbtCostModel(1, warmupSamples: 1);
        var sw = Stopwatch.StartNew();
        foreach (var g in rows.Take(cut).GroupBy(r => r.W))
            model.Update($"w{g.Key}", g.Select(r => r.F).ToArray(), g.Select(r => r.Secs).ToArray());
        double fit = sw.Elapsed.TotalSeconds;
        var results = new List<Result>();
        foreach (var g in rows.Skip(cut).Where(r => r.Secs < 1e9).GroupBy(r => r.W))
        {
            var test = g.ToArray();
            sw.Restart();
            var pred = model.Predict($"w{g.Key}", test.Select(r => r.F).ToArray());
            double predictSecs = sw.Elapsed.TotalSeconds;
            results.Add(new Result(g.Key, cut, test.Length, Spearman(pred, test.Select(r => 1 / r.Secs).ToArray()), fit, predictSecs));
        }
        return results;
    }

    private static PrimFunc? TryApply(PrimFunc f, Tuner.Ir.Schedule.Trace trace)
    {
        var sch = new Tuner.Ir.Schedule.Schedule(f, 1);
        try { trace.ApplyTo(sch); return sch.Func; }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; } // not this function's trace
    }

    private static double Spearman(double[] a, double[] b)
    {
        double[] Rank(double[] x) { var r = new double[x.Length]; var idx = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray(); for (int k = 0; k < idx.Length; k++) r[idx[k]] = k; return r; }
        var ra = Rank(a); var rb = Rank(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = Enumerable.Range(0, ra.Length).Sum(i => (ra[i] - ma) * (rb[i] - mb));
        return cov / Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma)) * rb.Sum(x => (x - mb) * (x - mb)));
    }
}
