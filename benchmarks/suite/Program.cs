// Benchmark suite (not CI; design §7, issue 12): every workload of the library tuned by the evolutionary search and by
// ReplayTrace at equal trials, several seeds each, measured beside the machine's FP32 FMA peak and OpenBLAS, all in one
// run; then every best kernel re-measured, interleaved with the references. Writes results.md, results.json, one
// curve plot per workload and a `tuner report` page per run into --out.
//   dotnet run -c Release --project benchmarks/suite -- [--quick] [--trials 256,1000] [--seeds 1,2,3]
//       [--workloads "GMM;C2D@1,14,14,256,256,3,1,1;…"] [--strategies evolutionary,replay-trace] [--threads 2]
//       [--remeasure 5] [--reports true] [--out DIR]
// --quick: three small workloads, 16 trials, one seed, two re-measurement rounds (minutes, to check the suite works).
// The trial counts are checkpoints of one run per seed: the records of the longest run, cut at each count (one task
// per run, so a shorter run with the same seed measures the same candidates).
using System.Globalization;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Targets;
using Tuner.Ir.Workloads;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var opt = ParseArgs(args);
bool quick = opt.ContainsKey("quick");
int threads = int.Parse(opt.GetValueOrDefault("threads", "2"), CultureInfo.InvariantCulture);
// The VM masks the CPU model: choose OpenBLAS's AVX-512 kernels explicitly (benchmarks/README.md); workers inherit it.
Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "SkylakeX");
Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", threads.ToString(CultureInfo.InvariantCulture));
int[] checkpoints = Ints(opt.GetValueOrDefault("trials", quick ? "8,16" : "256,1000"));
long[] seeds = [.. Ints(opt.GetValueOrDefault("seeds", quick ? "1" : "1,2,3")).Select(s => (long)s)];
string[] strategies = opt.GetValueOrDefault("strategies", "evolutionary,replay-trace").Split(',');
int rounds = int.Parse(opt.GetValueOrDefault("remeasure", quick ? "2" : "5"), CultureInfo.InvariantCulture);
bool reports = opt.GetValueOrDefault("reports", "true") == "true";
string defaultSet = quick ? "GMM@1,128,128,128;C2D@1,14,14,32,32,3,1,1;TBG@1,64,4,32"
    : string.Join(";", ["GMM", "C1D", "C2D", "C3D", "DEP", "DIL", "GRP", "T2D", "CAP", "NRM", "SFM", "CBR", "TBG", "DBR", "Q4MM"]);
var workloads = opt.GetValueOrDefault("workloads", defaultSet).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Workload).ToList();
string repo = RepoRoot();
string outDir = Path.GetFullPath(opt.GetValueOrDefault("out", quick ? Path.Combine(Path.GetTempPath(), $"tuner-suite-quick-{DateTime.UtcNow:yyyyMMdd-HHmmss}")
    : Path.Combine(repo, "benchmarks", "suite", "results", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
Directory.CreateDirectory(outDir);
var target = Target.Parse($"llvm -num-cores {threads}");
var steady = quick ? new EvaluatorConfig(Number: 3, Repeat: 3, MinRepeatMs: 50) : new EvaluatorConfig(Number: 3, Repeat: 5, MinRepeatMs: 100);
var started = DateTime.UtcNow;
string command = "dotnet run -c Release --project benchmarks/suite -- " + string.Join(" ", args.Select(a => a.Contains(' ') || a.Contains(';') ? $"\"{a}\"" : a));
Console.WriteLine($"benchmark suite: {workloads.Count} workloads × {strategies.Length} strategies × {seeds.Length} seeds, {checkpoints.Max()} trials, " +
    $"target '{target}', out {outDir}\n{command}\nload average at start: {LoadAverage()}");

using var refs = new References(repo, threads);
var peaks = new List<double> { refs.PeakGflops(steady) };
Console.WriteLine($"FP32 FMA peak, {threads} thread(s): {peaks[0]:F0} GFLOP/s{(refs.BlasProblem is { } bp ? $"; {bp}" : "")}");
var blasChecks = new Dictionary<string, string?>();
foreach (var w in workloads.Where(w => References.BlasEntry(w) is not null))
{
    blasChecks[w.Label] = refs.Check(w);
    Console.WriteLine($"OpenBLAS {w.Label}: {blasChecks[w.Label] ?? "output agrees with the untuned function"}");
}

var runs = new List<SuiteRun>();
foreach (var w in workloads)
    foreach (var strategy in strategies)
        foreach (var seed in seeds)
        {
            var dir = Path.Combine(outDir, "work", $"{w.Key}-{strategy}-s{seed}");
            var options = TuneOptions.Default with { Strategy = TuneOptions.ParseStrategy(strategy), Seed = seed, Output = null };
            var s = Tuning.TuneTir(w.Module, target, dir, checkpoints.Max(), options);
            var run = new SuiteRun { Workload = w, Strategy = strategy, Seed = seed, WorkDir = dir, Summary = s, BestAfter = SuiteRun.Curve(dir) };
            run.Applied = Tuning.ApplyDatabase(w.Module, target, dir, _ => { });
            if (strategy == "evolutionary" && seed == seeds[0])
                run.Spearman = ModelProbe.Measure(w.Module, dir).Select(r => (double?)r.Spearman).FirstOrDefault();
            runs.Add(run);
            Console.WriteLine($"{w.Label} {strategy} seed {seed}: {s.TrialsThisRun} trials this run in {s.Timings.WallSecs:F0} s, " +
                $"best {w.Flops / run.BestAt(checkpoints.Max()) / 1e9:F2} GFLOP/s, 90 % at trial {run.TrialTo90?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        }

// Re-measure side by side, interleaved: each round measures the peak, then per workload the untuned function (first two
// rounds: it is slow), OpenBLAS and every run's best; the minimum over the rounds is kept.
var untuned = workloads.ToDictionary(w => w.Label, _ => double.PositiveInfinity);
var blas = workloads.ToDictionary(w => w.Label, _ => (double?)null);
for (int r = 0; r < rounds; r++)
{
    peaks.Add(refs.PeakGflops(steady));
    foreach (var w in workloads)
    {
        if (r < 2) untuned[w.Label] = Math.Min(untuned[w.Label], LocalExecution.Bench(w.Module.PrimFuncs.Single().Func, target, new EvaluatorConfig(1, 1, 0)).MinSecs);
        if (refs.BlasSecs(w, steady) is { } b) blas[w.Label] = Math.Min(blas[w.Label] ?? double.PositiveInfinity, b);
        foreach (var run in runs.Where(x => x.Workload == w))
        {
            try { run.RemeasuredSecs = Math.Min(run.RemeasuredSecs, LocalExecution.Bench(run.Applied!.PrimFuncs.Single().Func, target, steady).MinSecs); }
            catch (MeasureException e) { Console.WriteLine($"re-measuring {w.Label} {run.Strategy} seed {run.Seed} failed: {e.Message}"); }
        }
    }
}

var result = new SuiteResult(command, started, DateTime.UtcNow, LoadAverage(), target.ToString(), threads, peaks, checkpoints, workloads, runs, untuned, blas, blasChecks);
SuiteOutput.Write(result, outDir, reports);
Console.WriteLine($"wrote {Path.Combine(outDir, "results.md")}, results.json and the plots in {(DateTime.UtcNow - started).TotalMinutes:F1} min");
return 0;

static SuiteWorkload Workload(string spec)
{
    var parts = spec.Split('@', 2);
    var def = WorkloadLibrary.Get(parts[0].Trim());
    long[] shape = parts.Length > 1 ? WorkloadLibrary.ParseShape(parts[1]) : def.DefaultShape;
    var module = def.Module(shape);
    return new SuiteWorkload(def.Key, shape, module, FlopCounter.Count(module.PrimFuncs.Single().Func));
}

static int[] Ints(string s) => [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) return d.FullName;
    throw new InvalidOperationException("repository root (Tuner.Actors.sln) not found");
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var d = new Dictionary<string, string>();
    for (int i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
        bool flag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
        d[args[i][2..]] = flag ? "" : args[++i];
    }
    return d;
}
