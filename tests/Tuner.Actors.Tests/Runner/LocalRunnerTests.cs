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
}
