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
var steady = new EvaluatorConfig(Number: 3, Repeat: 5, MinRepeatMs: 100);

Console.WriteLine($"search benchmark: {trials} trials, target '{target}', seed {seed}, work dirs under {outDir}");
var rows = new List<string>
{
    "| workload | strategy | untuned us | best record us | re-measured us | GFLOP/s | vs untuned | trials | wall s | trials/min | search % | build % | run % |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
};
foreach (var name in workloads)
{
    var module = BenchWorkloads.Get(name);
    double flops = module.PrimFuncs.Sum(f => FlopCounter.Count(f.Func));
    double untuned = module.PrimFuncs.Sum(f => LocalExecution.Bench(f.Func, target, new EvaluatorConfig(1, 3, 0)).MinSecs);
    if (name == "gmm") Console.WriteLine(Blas.Gmm512(threads, steady));
    foreach (var strategy in strategies)
    {
        var dir = Path.Combine(outDir, $"{name}-{strategy}");
        var options = TuneOptions.Default with
        {
            Strategy = TuneOptions.ParseStrategy(strategy),
            Seed = seed,
            Output = null,
        };
        var s = Tuning.TuneTir(module, target, dir, trials, options);
        var applied = Tuning.ApplyDatabase(module, target, dir, _ => { });
        double remeasured;
        try { remeasured = applied.PrimFuncs.Sum(f => LocalExecution.Bench(f.Func, target, steady).MinSecs); }
        catch (MeasureException e)
        {
            Console.WriteLine($"re-measuring {name}/{strategy} failed ({e.Message}); GFLOP/s from the best record");
            remeasured = s.WeightedLatency;
        }
        var t = s.Timings;
        var row = $"| {name} | {strategy} | {untuned * 1e6:F1} | {s.WeightedLatency * 1e6:F1} | {remeasured * 1e6:F1} | {flops / remeasured / 1e9:F2} | " +
            $"{untuned / remeasured:F1}x | {s.TrialsThisRun} | {t.WallSecs:F0} | {s.TrialsThisRun / (t.WallSecs / 60):F0} | " +
            $"{100 * t.SearchShare:F0} | {100 * t.BuildShare:F0} | {100 * t.RunShare:F0} |";
        Console.WriteLine(row);
        rows.Add(row);
    }
}
Console.WriteLine();
foreach (var r in rows) Console.WriteLine(r);
return 0;

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
    public static string Gmm512(int threads, EvaluatorConfig cfg)
    {
        const int n = 512;
        var file = Path.Combine(BenchWorkloads.RepoRoot(), "benchmarks", "c", "blas_sgemm.c");
        string lib = Path.Combine(Directory.CreateTempSubdirectory("tuner-blas").FullName, "blas_sgemm.so");
        var psi = new ProcessStartInfo("cc", ["-O3", "-march=native", "-shared", "-fPIC", "-o", lib, file, "-lopenblas", "-lm"]) { RedirectStandardError = true };
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return $"OpenBLAS: cannot build ({err.Trim()})";
        }
        var args = Enumerable.Range(0, 3).Select(i => NDArray.Random(DataType.Float32, [n, n], i)).ToList();
        var nArg = new NDArray(DataType.Int32, []);
        nArg.SetLong(0, n);
        using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads });
        var r = runner.Run(new RunRequest(lib, "blas_sgemm", [.. args, nArg], cfg));
        if (!r.Ok) return $"OpenBLAS: {r.Error}";
        double secs = r.RunSecs!.Min();
        return $"OpenBLAS cblas_sgemm 512³, {threads} thread(s): {secs * 1e6:F1} us, {2.0 * n * n * n / secs / 1e9:F1} GFLOP/s";
    }
}
