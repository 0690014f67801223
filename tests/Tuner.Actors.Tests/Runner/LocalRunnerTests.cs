using System.Diagnostics;
using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Actors.Tests.Runner;

public class LocalRunnerTests
{
    private static BuildResult BuildTiny() =>
        new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 1"))).Build([Matmul.Naive(4, 4, 4)])[0];

    [Fact]
    public void Min_repeat_ms_raises_the_number_of_calls_until_each_repeat_lasts_that_long()
    {
        var b = BuildTiny();
        using var runner = new LocalRunner(RunnerOptions.Default);
        var args = ArgInfo.Random(ArgInfo.Of(Matmul.Naive(4, 4, 4)), 0);
        runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, EvaluatorConfig.Once)); // worker start-up off the clock
        var watch = Stopwatch.StartNew();
        var r = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, new EvaluatorConfig(Number: 1, Repeat: 3, MinRepeatMs: 60, EnableCpuCacheFlush: true)));
        watch.Stop();
        Assert.True(r.Ok, r.Error);
        Assert.Equal(3, r.RunSecs!.Count);
        // A 4x4x4 matmul takes well under a microsecond, so each repeat needed many calls to reach 60 ms.
        Assert.All(r.RunSecs!, s => Assert.InRange(s, 1e-10, 1e-3));
        Assert.True(watch.ElapsedMilliseconds >= 180, $"3 repeats of >= 60 ms took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1, runner.WorkersStarted);
        Builder.DeleteArtifacts([b]);
    }

    /// <summary>A kernel that counts its calls in its int64 argument (compiled from C here, as the runner loads any such library).</summary>
    private static string BuildCounter() =>
        BuildKernel("#include <stdint.h>\nint32_t count(void** a) { ((int64_t*)a[0])[0] += 1; return 0; }\n");

    /// <summary>A shared library compiled from <paramref name="source"/>.</summary>
    private static string BuildKernel(string source)
    {
        var dir = Directory.CreateTempSubdirectory("tuner-counter").FullName;
        var src = Path.Combine(dir, "counter.c");
        File.WriteAllText(src, source);
        var lib = Path.Combine(dir, "counter.so");
        using var p = Process.Start("cc", ["-O2", "-shared", "-fPIC", "-o", lib, src])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return lib;
    }

    [Theory]
    [InlineData(null, 100, long.MaxValue)] // TVM's loop: a sub-microsecond kernel needs thousands of calls for 20 ms
    [InlineData(1e-12, 2, 2)]              // warm-up over the cutoff: one timed call per repeat
    public void A_warm_up_call_over_the_slow_cutoff_is_followed_by_single_timed_calls(double? cutoff, long minCalls, long maxCalls)
    {
        var lib = BuildCounter();
        using var runner = new LocalRunner(RunnerOptions.Default);
        var counter = new Tuner.Ir.NDArray(Tuner.Ir.DataType.Int64, [1]);
        var r = runner.Run(new RunRequest(lib, "count", [counter], new EvaluatorConfig(Number: 3, Repeat: 1, MinRepeatMs: 20), ReturnArgs: true, SlowCutoffSecs: cutoff));
        Assert.True(r.Ok, r.Error);
        Assert.Single(r.RunSecs!);
        Assert.InRange(r.Args![0].GetLong(0), minCalls, maxCalls);
        Directory.Delete(Path.GetDirectoryName(lib)!, recursive: true);
    }

    [Fact]
    public void A_missing_symbol_or_library_is_an_error_and_the_worker_survives()
    {
        var b = BuildTiny();
        using var runner = new LocalRunner(RunnerOptions.Default);
        var args = ArgInfo.Random(ArgInfo.Of(Matmul.Naive(4, 4, 4)), 0);
        Assert.Equal("symbol not found: nope", runner.Run(new RunRequest(b.ArtifactPath!, "nope", args, EvaluatorConfig.Once)).Error);
        Assert.StartsWith("dlopen failed: /nonexistent.so", runner.Run(new RunRequest("/nonexistent.so", "x", args, EvaluatorConfig.Once)).Error);
        Assert.True(runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, EvaluatorConfig.Once)).Ok);
        Assert.Equal(1, runner.WorkersStarted);
        Builder.DeleteArtifacts([b]);
    }

    /// <summary>
    /// Fault injection for a starved worker: a kernel that is instant for its first 4 calls (the warm-up and the first
    /// batch of 3) and then takes 2 ms a call, as a 1 µs kernel does when its process or its OpenMP threads wait for
    /// busy cores. TVM's loop extrapolates the next batch from the fast one (about a million calls to fill 20 ms),
    /// which took hours and was killed as a timeout; the batch now stops once it has run twice min_repeat_ms.
    /// </summary>
    [Fact]
    public void A_kernel_that_slows_down_after_the_first_batch_is_measured_instead_of_timing_out()
    {
        var lib = BuildKernel("""
            #include <stdint.h>
            #include <unistd.h>
            static long calls;
            int32_t slowing(void** a) { if (++calls > 4) usleep(2000); ((int64_t*)a[0])[0] += 1; return 0; }
            """);
        using var runner = new LocalRunner(RunnerOptions.Default with { Timeout = TimeSpan.FromSeconds(3) });
        var counter = new Tuner.Ir.NDArray(Tuner.Ir.DataType.Int64, [1]);

        var r = runner.Run(new RunRequest(lib, "slowing", [counter], new EvaluatorConfig(Number: 3, Repeat: 1, MinRepeatMs: 20), ReturnArgs: true));

        Assert.True(r.Ok, r.Error);
        Assert.InRange(r.RunSecs!.Single(), 1e-3, 1.0); // the slow calls' mean, not the fast first batch's
        Assert.InRange(r.Args![0].GetLong(0), 10, 2000);
        Directory.Delete(Path.GetDirectoryName(lib)!, recursive: true);
    }
}
