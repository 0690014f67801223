using Tuner.Host.Tests.Cli;
using Tuner.Ir.Workloads;

namespace Tuner.Host.Tests.Report;

/// <summary>
/// A real work_dir for the report tests, made once per test class by `tuner tune` (ReplayTrace, 16 trials, quick
/// timings) on a module of two library workloads: a 32³ matmul "mm" and a 16×32 softmax "sfm".
/// </summary>
public sealed class TunedWorkDir : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "tuner-report-" + Guid.NewGuid().ToString("N")[..12]);
    public string Work => Path.Combine(Dir, "work");
    public string TuneOutput { get; }

    public TunedWorkDir()
    {
        Directory.CreateDirectory(Dir);
        var module = Path.Combine(Dir, "two.py");
        File.WriteAllText(module, WorkloadLibrary.Script("MM", [32, 32, 32], "mm") + "\n" + WorkloadLibrary.Script("SFM", [16, 32], "sfm"));
        var config = Path.Combine(Dir, "quick.conf");
        File.WriteAllText(config, "tuner.runner { number = 1, min-repeat-ms = 1 }\ntuner.builder.timeout = 10s\n");
        var (code, output, err) = CliRunner.Run("tune", module, "--work-dir", Work, "--max-trials-global", "16", "--num-trials-per-iter", "8",
            "--target", "llvm -num-cores 2", "--seed", "3", "--strategy", "replay-trace", "--config", config);
        if (code != 0) throw new InvalidOperationException($"tuner tune failed ({code}): {err}\n{output}");
        TuneOutput = output;
    }

    public void Dispose() => Directory.Delete(Dir, true);
}
