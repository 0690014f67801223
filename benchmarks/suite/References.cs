using System.Diagnostics;
using Tuner.Actors.Runner;
using Tuner.Actors.Verify;
using Tuner.Ir;

/// <summary>
/// The yardsticks measured beside the tuned kernels, through the same runner (worker process, TVM evaluator):
/// the FP32 FMA peak of the machine (benchmarks/c/fma_peak.c) and OpenBLAS for GMM and TBG (cblas_sgemm) and C2D
/// (im2col + sgemm), benchmarks/c/blas_ref.c. OpenBLAS outputs are checked against the untuned function's.
/// </summary>
internal sealed class References : IDisposable
{
    private const int PeakKiloSteps = 20_000;
    private readonly LocalRunner _runner;
    private readonly string _peakLib;
    private readonly string? _blasLib;
    private readonly string _dir;

    public string? BlasProblem { get; }

    public References(string repoRoot, int threads)
    {
        _dir = Directory.CreateTempSubdirectory("tuner-suite-ref").FullName;
        string c = Path.Combine(repoRoot, "benchmarks", "c");
        _peakLib = Compile(Path.Combine(c, "fma_peak.c"), "fma_peak.so", ["-fopenmp"]) ?? throw new InvalidOperationException("fma_peak.c does not compile");
        _blasLib = Compile(Path.Combine(c, "blas_ref.c"), "blas_ref.so", ["-lopenblas"]);
        if (_blasLib is null) BlasProblem = "OpenBLAS not available (apt-get install -y libopenblas-dev)";
        _runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads, Timeout = TimeSpan.FromMinutes(5) });
    }

    private string? Compile(string source, string name, string[] extra)
    {
        string lib = Path.Combine(_dir, name);
        var psi = new ProcessStartInfo("cc", ["-O3", "-march=native", "-shared", "-fPIC", "-o", lib, source, .. extra, "-lm"]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode == 0) return lib;
        Console.WriteLine($"{Path.GetFileName(source)}: {err.Trim()}");
        return null;
    }

    /// <summary>FP32 GFLOP/s of 12 independent FMA chains per thread on every runner thread (min time of the repeats).</summary>
    public double PeakGflops(EvaluatorConfig cfg)
    {
        var outArg = new NDArray(DataType.Float32, [2]);
        var steps = new NDArray(DataType.Int32, []);
        steps.SetLong(0, PeakKiloSteps);
        var r = _runner.Run(new RunRequest(_peakLib, "fma_peak", [outArg, steps], cfg, ReturnArgs: true));
        if (!r.Ok) throw new InvalidOperationException($"fma_peak: {r.Error}");
        double threads = r.Args![0].GetDouble(1);
        return PeakKiloSteps * 1000.0 * 12 * 16 * 2 * threads / r.RunSecs!.Min() / 1e9;
    }

    /// <summary>The OpenBLAS entry point for a workload, or null when it has none (or C2D with dilation, groups or a batch).</summary>
    public static string? BlasEntry(SuiteWorkload w) => w.Key switch
    {
        "GMM" => "blas_gmm",
        "TBG" => "blas_tbg",
        "C2D" when w.Shape[0] == 1 => "blas_c2d",
        _ => null,
    };

    private static int[] Dims(SuiteWorkload w) => w.Key == "C2D" ? [.. w.Shape[1..].Select(x => (int)x)] : [.. w.Shape.Select(x => (int)x)];

    private (string Entry, NDArray[] Args)? Prepare(SuiteWorkload w)
    {
        if (_blasLib is null || BlasEntry(w) is not { } entry) return null;
        var f = w.Module.PrimFuncs.Single().Func;
        var buffers = ArgInfo.Random(ArgInfo.Of(f), 1);
        var dims = Dims(w);
        var d = new NDArray(DataType.Int32, [dims.Length]);
        for (int i = 0; i < dims.Length; i++) d.SetLong(i, dims[i]);
        return (entry, [.. buffers, d]);
    }

    /// <summary>Runs OpenBLAS once and compares its output with the untuned function's on the same inputs; null when they agree.</summary>
    public string? Check(SuiteWorkload w)
    {
        if (Prepare(w) is not { } prepared) return null;
        var (entry, args) = prepared;
        var f = w.Module.PrimFuncs.Single().Func;
        var buffers = args[..^1];
        var expected = LocalExecution.RunOnce(f, buffers.Select(a => a.Clone()).ToArray());
        var r = _runner.Run(new RunRequest(_blasLib!, entry, args, EvaluatorConfig.Once, ReturnArgs: true));
        if (!r.Ok) return $"OpenBLAS {entry}: {r.Error}";
        return OutputVerifier.Compare(f, expected, r.Args!.Take(buffers.Length).ToArray()) is { } diff ? $"OpenBLAS {entry} disagrees with the untuned function: {diff}" : null;
    }

    /// <summary>OpenBLAS's time for the workload (min of the repeats), or null when it has no OpenBLAS form.</summary>
    public double? BlasSecs(SuiteWorkload w, EvaluatorConfig cfg)
    {
        if (Prepare(w) is not { } prepared) return null;
        var (entry, args) = prepared;
        var r = _runner.Run(new RunRequest(_blasLib!, entry, args, cfg));
        return r.Ok ? r.RunSecs!.Min() : null;
    }

    public void Dispose()
    {
        _runner.Dispose();
        Directory.Delete(_dir, true);
    }
}
