using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Actors.Tests.Runner;

public class CandidateMeasurerTests
{
    private const int M = 64, N = 64, K = 32;

    [Fact]
    public void Crashing_hanging_aborting_and_uncompilable_candidates_fail_alone_while_the_rest_are_measured()
    {
        PrimFunc[] candidates =
        [
            Matmul.Tiled(M, N, K, ti: 4, tj: 64, tk: 4),
            FaultyPrograms.Segfault(M, N, K),
            FaultyPrograms.Hang(M, N, K),
            FaultyPrograms.NotCompiling(M, N, K),
            FaultyPrograms.Abort(M, N, K),
            FaultyPrograms.WrongInit(M, N, K),
            Matmul.Naive(M, N, K),
            FaultyPrograms.Printing(M, N, K),
        ];
        var builder = new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 2")));
        using var runner = new LocalRunner(RunnerOptions.Default with { Timeout = TimeSpan.FromSeconds(2) });
        var measurer = new CandidateMeasurer(builder, runner, new EvaluatorConfig(Number: 2, Repeat: 2, MinRepeatMs: 5));

        var r = measurer.Measure(Matmul.Naive(M, N, K), candidates);

        Assert.True(r[0].Ok && r[0].Verified, r[0].Error);
        Assert.Equal(2, r[0].RunSecs!.Count);
        Assert.All(r[0].RunSecs!, s => Assert.InRange(s, 1e-9, 1.0));
        Assert.Contains("SIGSEGV", r[1].Error);
        Assert.Equal("timeout after 2.01 s", r[2].Error);
        Assert.Contains("no_such_function_anywhere", r[3].Error);
        Assert.Contains("SIGABRT", r[4].Error);
        Assert.Contains("output C differs from the untuned function: largest error 1 at flat index", r[5].Error);
        Assert.True(r[6].Ok && r[6].Verified, r[6].Error);
        Assert.True(r[7].Ok && r[7].Verified, r[7].Error); // its output went to stderr, not into the protocol
        Assert.NotEqual([1.0, 2.0, 3.0], r[7].RunSecs);
        // One worker for the reference and the good ones, plus one replacement per crash or hang.
        Assert.Equal(4, runner.WorkersStarted);
    }

    [Fact]
    public void With_the_interpreter_as_reference_good_candidates_verify_and_a_wrong_one_fails()
    {
        var builder = new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 2")));
        using var runner = new LocalRunner(RunnerOptions.Default);
        var measurer = new CandidateMeasurer(builder, runner, new EvaluatorConfig(1, 1, 0), interpreterReference: true);
        var r = measurer.Measure(Matmul.Naive(16, 64, 8), [Matmul.Tiled(16, 64, 8, 4, 64, 4), FaultyPrograms.WrongInit(16, 64, 8)]);
        Assert.True(r[0].Ok && r[0].Verified, r[0].Error);
        Assert.StartsWith("output C differs from the untuned function: largest error 1 at flat index", r[1].Error);
    }
}
