using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tuner.Actors.Cluster;

// Scale benchmark of clustered tuning (issue 11; not CI). For each worker count N a real `tuner tune --cluster` process
// (the tuner node: session, search, journal, dispatcher) tunes MODULE while this process hosts N simulated workers,
// each its own "host" (measurement is one item at a time per host). A simulated measure item sleeps for a build time
// (uniform in [0.5, 1.5] × --build-secs, the real run's mean) plus a timing drawn from the real records' run_secs
// (TVM's evaluator: number × mean run, at least min_repeat_ms, per repeat) and answers with those run_secs.
// Printed per N: the trials/min the session sustained between 10 % and 90 % of its budget, the ideal rate of N
// workers, the ratio, and the tuner process's CPU use (near a full core or more: the tuner node is the bottleneck).
//   dotnet run -c Release --project benchmarks/cluster-scale -- MODULE RECORDS --build-secs S [--workers 8,32,128]
//       [--trials 512] [--per-iter 64] [--port 4070]
// `real WORK_DIR [--items N]`: real worker processes instead (RealWorkers.cs).
if (args.Length > 0 && args[0] == "real") return await RealWorkers.Run(args[1..]);
var argv = args.ToList();
string Opt(string name, string fallback)
{
    int i = argv.IndexOf(name);
    if (i < 0) return fallback;
    string v = argv[i + 1];
    argv.RemoveRange(i, 2);
    return v;
}
int[] workerCounts = Opt("--workers", "8,32,128").Split(',').Select(int.Parse).ToArray();
int trials = int.Parse(Opt("--trials", "512"));
int perIter = int.Parse(Opt("--per-iter", "64"));
int port = int.Parse(Opt("--port", "4070"));
double buildSecs = double.Parse(Opt("--build-secs", "0.5"), CultureInfo.InvariantCulture);
if (argv.Count != 2)
{
    Console.Error.WriteLine("usage: cluster-scale MODULE RECORDS [--build-secs S] [--workers 8,32,128] [--trials N] [--per-iter N] [--port P]");
    return 2;
}
string module = Path.GetFullPath(argv[0]);
var runSecs = File.ReadLines(argv[1]).Select(RunSecsOf).Where(r => r is not null).Select(r => r!).ToArray();
if (runSecs.Length == 0) { Console.Error.WriteLine($"{argv[1]}: no valid record with run_secs"); return 2; }
// Simulated workers sleep on the thread pool as real ones block in gcc and the runner: give it the threads up front.
ThreadPool.SetMinThreads(Math.Max(64, 2 * workerCounts.Max()), 64);

Console.WriteLine($"host: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg")[..14]}; module {Path.GetFileName(module)}, " +
    $"{trials} trials, {perIter} per round; {runSecs.Length} real records, build {buildSecs:F2} s mean");
Console.WriteLine($"{"workers",7} {"item s",7} {"ideal/min",10} {"sustained/min",14} {"ratio",6} {"tuner CPU",10} {"wall s",7}");
foreach (int n in workerCounts)
{
    var r = await RunOnce(n);
    Console.WriteLine($"{n,7} {r.ItemSecs,7:F2} {r.Ideal,10:F0} {r.Sustained,14:F0} {r.Sustained / r.Ideal,6:F2} {r.TunerCpu,9:P0} {r.Wall,7:F1}");
}
return 0;

async Task<(double ItemSecs, double Ideal, double Sustained, double TunerCpu, double Wall)> RunOnce(int n)
{
    string work = Path.Combine(Path.GetTempPath(), $"tuner-scale-{n}-{Environment.ProcessId}");
    if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[]
             {
                 Path.Combine(AppContext.BaseDirectory, "tuner.dll"), "tune", module, "--work-dir", work, "--max-trials-global",
                 trials.ToString(CultureInfo.InvariantCulture), "--num-trials-per-iter", perIter.ToString(CultureInfo.InvariantCulture),
                 "--quiet", "--cluster", "--port", port.ToString(CultureInfo.InvariantCulture),
             })
        psi.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    using var tuner = Process.Start(psi)!;
    var output = tuner.StandardOutput.ReadToEndAsync();
    var errors = tuner.StandardError.ReadToEndAsync();
    await using var node = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [$"akka.tcp://{ClusterNodeSettings.SystemName}@127.0.0.1:{port}"]),
        (s, fp) => new SimulatedExecutor("sim-0", fp, buildSecs, runSecs, 0));
    for (int i = 1; i < n; i++)
        node.System.ActorOf(ClusterWorker.Props(new WorkerInfo($"sim-{i}", node.Fingerprint, 1),
            new SimulatedExecutor($"sim-{i}", node.Fingerprint, buildSecs, runSecs, i), node.Settings.Tick), $"{ClusterWorker.Name}-{i}");

    // Records over time (the record log grows one line per measured candidate) and the tuner's CPU time.
    string records = Path.Combine(work, "database_tuning_record.json");
    var samples = new List<(double T, int Lines, double Cpu)>();
    while (!tuner.HasExited)
    {
        await Task.Delay(250);
        try
        {
            int lines = File.Exists(records) ? File.ReadLines(records).Count() : 0;
            samples.Add((clock.Elapsed.TotalSeconds, lines, tuner.TotalProcessorTime.TotalSeconds));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { }
    }
    double wall = clock.Elapsed.TotalSeconds;
    if (tuner.ExitCode != 0)
        throw new InvalidOperationException($"tuner exited {tuner.ExitCode} with {n} workers:\n{await output}\n{await errors}");
    // Baselines (one record per task before the first trial) are in the log too; the window is 10 %–90 % of its end.
    int total = samples.Count > 0 ? samples[^1].Lines : 0;
    var a0 = samples.First(s => s.Lines >= total / 10);
    var a1 = samples.First(s => s.Lines >= total * 9 / 10);
    double span = Math.Max(a1.T - a0.T, 1e-3);
    double sustained = (a1.Lines - a0.Lines) * 60 / span;
    double cpu = (a1.Cpu - a0.Cpu) / span;
    double meanRun = runSecs.Average(r => SimulatedExecutor.TimingSecs(r, MeasureSettings.Default));
    double itemSecs = buildSecs + meanRun;
    return (itemSecs, n * 60 / itemSecs, sustained, cpu, wall);
}

static double[]? RunSecsOf(string line)
{
    try
    {
        // TVM's record line: [workload index, [trace, run_secs, target, args_info]]
        using var doc = JsonDocument.Parse(line);
        var rs = doc.RootElement[1][1];
        if (rs.ValueKind != JsonValueKind.Array) return null;
        var v = rs.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return v.Length > 0 && v.All(x => x < 1e9) ? v : null;
    }
    catch (JsonException) { return null; }
}

/// <summary>
/// A worker's builder and runner replaced by sleeps (this benchmark only): build time uniform in [0.5, 1.5] × the
/// mean, then the timing of a real record drawn at random; the answer carries that record's run_secs.
/// </summary>
sealed class SimulatedExecutor(string hostId, HostFingerprint fingerprint, double buildSecs, double[][] runSecs, int seed) : IWorkExecutor
{
    private readonly Random _random = new(seed);

    public WorkResult Execute(WorkItem item, CancellationToken ct)
    {
        double build;
        double[] run;
        lock (_random)
        {
            build = buildSecs * (0.5 + _random.NextDouble());
            run = runSecs[_random.Next(runSecs.Length)];
        }
        double measure = item.Kind == WorkKind.Measure ? TimingSecs(run, item.Settings) : 0;
        ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(build + measure));
        return new WorkResult(item.ItemId, item.Kind == WorkKind.Measure ? run : null, null, null, item.Kind == WorkKind.Measure,
            build, hostId, fingerprint.Key);
    }

    /// <summary>TVM's evaluator: each repeat runs number calls, at least min_repeat_ms.</summary>
    public static double TimingSecs(double[] runSecs, MeasureSettings s) => Math.Max(s.MinRepeatMs / 1000.0, s.Number * runSecs.Average()) * s.Repeat;

    public void Dispose() { }
}
