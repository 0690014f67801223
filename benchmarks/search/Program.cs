// Search benchmark (not CI): evolutionary vs ReplayTrace at equal trials, one run each per workload.
//   dotnet run -c Release --project benchmarks/search -- [--trials 64] [--workloads gmm,c2d,sfm,example]
//       [--strategies evolutionary,replay-trace] [--threads 2] [--seed 1] [--out DIR]
// Prints per run: untuned and best latency, GFLOP/s, trials per minute and the share of wall time in
// search (+ cost model) / build / run; for GMM also OpenBLAS cblas_sgemm on the same runner.
using System.Diagnostics;
using System.Globalization;
using Tuner.Actors.Runner;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Targets;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null) Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", "SkylakeX");
if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null) Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", ParseArgs(args).GetValueOrDefault("threads", "2"));
var opt = ParseArgs(args);
int trials = int.Parse(opt.GetValueOrDefault("trials", "64"), CultureInfo.InvariantCulture);
int threads = int.Parse(opt.GetValueOrDefault("threads", "2"), CultureInfo.InvariantCulture);
long seed = long.Parse(opt.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
var workloads = opt.GetValueOrDefault("workloads", string.Join(',', BenchWorkloads.Names)).Split(',');
var strategies = opt.GetValueOrDefault("strategies", "evolutionary,replay-trace").Split(',');
string outDir = opt.GetValueOrDefault("out", Path.Combine(Path.GetTempPath(), $"tuner-search-bench-{DateTime.UtcNow:yyyyMMddHHmmss}"));
var target = Target.Parse($"llvm -num-cores {threads}");
if (opt.TryGetValue("model-probe", out var mprobed))
{
    ModelProbe.Run(BenchWorkloads.Names.Contains(mprobed) ? BenchWorkloads.Get(mprobed) : Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(mprobed)), opt["records"]);
    return 0;
}
if (opt.TryGetValue("build-probe", out var bprobed))
{
    BuildProbe.Run(Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(bprobed)), opt["records"], target, int.Parse(opt.GetValueOrDefault("count", "48"), CultureInfo.InvariantCulture));
    return 0;
}
if (opt.TryGetValue("run-probe", out var probed))
{
    RunProbe.Run(Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(probed)), target);
    return 0;
}
if (opt.TryGetValue("profile", out var profiled))
{
    SearchProfile.Run(BenchWorkloads.Get(profiled), int.Parse(opt.GetValueOrDefault("rounds", "3"), CultureInfo.InvariantCulture), threads);
    return 0;
}
var steady = new EvaluatorConfig(Number: 3, Repeat: 5, MinRepeatMs: 100);

var checkpoints = opt.GetValueOrDefault("at", "256").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).Where(x => x < trials).ToArray();
int rounds = int.Parse(opt.GetValueOrDefault("remeasure", "5"), CultureInfo.InvariantCulture);
Console.WriteLine($"search benchmark: {trials} trials, target '{target}', seed {seed}, work dirs under {outDir}");
var rows = new List<string>
{
    "| workload | strategy | " + string.Concat(checkpoints.Select(c => $"best @{c} us | ")) + $"best @{trials} us | re-measured us | GFLOP/s | vs untuned | vs OpenBLAS | wall s | trials/min | search % | build % | run % |",
    "|---|---|" + string.Concat(checkpoints.Select(_ => "---|")) + "---|---|---|---|---|---|---|---|---|---|",
};
foreach (var name in workloads)
{
    var module = BenchWorkloads.Get(name);
    double flops = module.PrimFuncs.Sum(f => FlopCounter.Count(f.Func));
    var runs = new List<(string Strategy, TuneSummary S, IRModule Applied, double[] AtCheckpoints)>();
    foreach (var strategy in strategies)
    {
        var dir = Path.Combine(outDir, $"{name}-{strategy}");
        var options = TuneOptions.Default with { Strategy = TuneOptions.ParseStrategy(strategy), Seed = seed, Output = null };
        var s = Tuning.TuneTir(module, target, dir, trials, options);
        var applied = Tuning.ApplyDatabase(module, target, dir, _ => { });
        runs.Add((strategy, s, applied, checkpoints.Select(c => BestAt(dir, s, c)).ToArray()));
        Console.WriteLine($"{name}/{strategy}: best {s.WeightedLatency * 1e6:F1} us after {s.TrialsThisRun} trials in {s.Timings.WallSecs:F0} s");
    }
    // Side by side: the untuned module, OpenBLAS (GMM) and each strategy's best, interleaved, min over the rounds.
    double untuned = double.PositiveInfinity, blas = double.PositiveInfinity;
    var best = runs.Select(_ => double.PositiveInfinity).ToArray();
    for (int r = 0; r < rounds; r++)
    {
        if (r < 2) untuned = Math.Min(untuned, module.PrimFuncs.Sum(f => LocalExecution.Bench(f.Func, target, new EvaluatorConfig(1, 1, 0)).MinSecs));
        if (name == "gmm" && Blas.Gmm512Secs(threads, steady) is { } b) blas = Math.Min(blas, b);
        for (int i = 0; i < runs.Count; i++)
        {
            try { best[i] = Math.Min(best[i], runs[i].Applied.PrimFuncs.Sum(f => LocalExecution.Bench(f.Func, target, steady).MinSecs)); }
            catch (MeasureException e) { Console.WriteLine($"re-measuring {name}/{runs[i].Strategy} failed: {e.Message}"); }
        }
    }
    if (name == "gmm") Console.WriteLine($"OpenBLAS cblas_sgemm 512³, {threads} thread(s): {blas * 1e6:F1} us = {flops / blas / 1e9:F1} GFLOP/s (min of {rounds}, interleaved)");
    for (int i = 0; i < runs.Count; i++)
    {
        var (strategy, s, _, at) = runs[i];
        var t = s.Timings;
        var row = $"| {name} | {strategy} | " + string.Concat(at.Select(a => $"{a * 1e6:F1} | ")) + $"{s.WeightedLatency * 1e6:F1} | {best[i] * 1e6:F1} | " +
            $"{flops / best[i] / 1e9:F2} | {untuned / best[i]:F1}x | {(name == "gmm" ? $"{blas / best[i]:F2}" : "-")} | {t.WallSecs:F0} | " +
            $"{s.TrialsThisRun / (t.WallSecs / 60):F0} | {100 * t.SearchShare:F0} | {100 * t.BuildShare:F0} | {100 * t.RunShare:F0} |";
        Console.WriteLine(row);
        rows.Add(row);
    }
}
Console.WriteLine();
foreach (var r in rows) Console.WriteLine(r);
return 0;

/// <summary>Σ weight · best valid mean among the first <paramref name="n"/> records of the run (the database is append-only).</summary>
static double BestAt(string dir, TuneSummary s, int n)
{
    var best = new Dictionary<int, double>();
    foreach (var line in File.ReadLines(Path.Combine(dir, "database_tuning_record.json")).Take(n))
    {
        var rec = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        int w = (int)rec[0]!;
        var secs = rec[1]![1]!.AsArray().Select(x => (double)x!).ToArray();
        if (secs.Length == 0 || secs.Any(x => x >= 1e10)) continue;
        best[w] = Math.Min(best.GetValueOrDefault(w, double.PositiveInfinity), secs.Average());
    }
    return s.Tasks.Sum(t => t.Weight * best.GetValueOrDefault(t.Workload, double.PositiveInfinity));
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var d = new Dictionary<string, string>();
    for (int i = 0; i + 1 < args.Length; i += 2)
        d[args[i].TrimStart('-')] = args[i + 1];
    return d;
}

/// <summary>OpenBLAS cblas_sgemm on the project's runner (benchmarks/c/blas_sgemm.c), the GMM reference.</summary>
internal static class Blas
{
    public static double? Gmm512Secs(int threads, EvaluatorConfig cfg)
    {
        const int n = 512;
        var file = Path.Combine(BenchWorkloads.RepoRoot(), "benchmarks", "c", "blas_sgemm.c");
        string lib = Path.Combine(Directory.CreateTempSubdirectory("tuner-blas").FullName, "blas_sgemm.so");
        var psi = new ProcessStartInfo("cc", ["-O3", "-march=native", "-shared", "-fPIC", "-o", lib, file, "-lopenblas", "-lm"]) { RedirectStandardError = true };
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) { Console.WriteLine($"OpenBLAS: cannot build ({err.Trim()})"); return null; }
        }
        var args = Enumerable.Range(0, 3).Select(i => NDArray.Random(DataType.Float32, [n, n], i)).ToList();
        var nArg = new NDArray(DataType.Int32, []);
        nArg.SetLong(0, n);
        using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads });
        var r = runner.Run(new RunRequest(lib, "blas_sgemm", [.. args, nArg], cfg));
        if (!r.Ok) { Console.WriteLine($"OpenBLAS: {r.Error}"); return null; }
        return r.RunSecs!.Min();
    }
}
