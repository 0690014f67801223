using Tuner.Actors.Runner;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Actors.Tests.Runner;

public class LocalExecutionTests
{
    private static readonly Target Cpu = Target.Parse("llvm -num-cores 2");

    [Fact]
    public void RunOnce_returns_the_outputs_of_the_compiled_function()
    {
        const int m = 16, n = 24, k = 8;
        var args = ArgInfo.Random(ArgInfo.Of(Matmul.Naive(m, n, k)), seed: 3);
        var outs = LocalExecution.RunOnce(Matmul.Naive(m, n, k), args, Cpu);
        var a = Enumerable.Range(0, m * k).Select(i => (float)args[0].GetDouble(i)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => (float)args[1].GetDouble(i)).ToArray();
        var expected = Matmul.Expected(a, b, m, n, k);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], (float)outs[2].GetDouble(i), 1e-5f);
        Assert.Equal(args[0].Data, outs[0].Data); // inputs untouched
    }

    [Fact]
    public void RunOnce_rejects_arguments_of_the_wrong_shape()
    {
        var args = ArgInfo.Random(ArgInfo.Of(Matmul.Naive(4, 4, 4)), 0);
        var e = Assert.Throws<ArgumentException>(() => LocalExecution.RunOnce(Matmul.Naive(4, 4, 5), args, Cpu));
        Assert.Equal("argument 0: expected float32(4, 5), got float32(4, 4)", e.Message);
    }

    [Fact]
    public void Bench_reports_latency_per_repeat_and_flops_counted_from_the_IR()
    {
        var r = LocalExecution.Bench(Matmul.Naive(64, 64, 64), Cpu, new EvaluatorConfig(Number: 1, Repeat: 3, MinRepeatMs: 20));
        Assert.Equal(3, r.RunSecs.Count);
        Assert.Equal(2.0 * 64 * 64 * 64, r.Flops);
        Assert.InRange(r.MinSecs, 1e-7, 0.1);
        Assert.Equal(r.Flops / r.MeanSecs / 1e9, r.Gflops, 9);
    }

    [Fact]
    public void A_kernel_that_crashes_in_RunOnce_raises_a_MeasureException_naming_the_signal()
    {
        var f = FaultyPrograms.Segfault(4, 4, 4);
        var e = Assert.Throws<MeasureException>(() => LocalExecution.RunOnce(f, ArgInfo.Random(ArgInfo.Of(f), 0), Cpu));
        Assert.StartsWith("run failed: worker killed by SIGSEGV", e.Message);
    }

    [Fact]
    public void Verifier_tolerance_grows_with_the_square_root_of_the_reduction_length()
    {
        Assert.Equal(1024, OutputVerifier.ReductionLength(Matmul.Naive(8, 8, 1024)));
        Assert.Equal(1e-5 * 32 + 1e-5, OutputVerifier.Tolerance(DataType.Float32, 1024), 15);
        Assert.Equal(0, OutputVerifier.Tolerance(DataType.Int32, 1024));
        Assert.Equal([2], OutputVerifier.OutputParams(Matmul.Naive(4, 4, 4)));
    }
}
