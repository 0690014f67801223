using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>Functions scheduled with the schedule primitives, lowered, compiled and checked against the interpreter.</summary>
public class ScheduledProgramsTests
{
    [Fact]
    public void A_split_reordered_parallel_vectorized_matmul_matches_the_interpreter()
    {
        var f = Matmul.Scheduled(32, 128, 16, 4, 64, 4);
        string c = CodeGenC.Source(f, "kernel");
        Assert.Contains("#pragma omp parallel for", c);
        Assert.Contains("#pragma omp simd", c);
        Assert.Contains("#pragma GCC unroll 4", c);
        var expected = f.ParamBuffers.Select((b, x) => NDArray.Random(b.Dtype, b.ConstShape()!, 40 + x)).ToArray();
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(c, "kernel").Call(actual));
        double tol = 1e-5 * Math.Sqrt(16) + 1e-5;
        for (long x = 0; x < expected[2].Size; x++)
            Assert.True(Math.Abs(expected[2].GetDouble(x) - actual[2].GetDouble(x)) <= tol * (1 + Math.Abs(expected[2].GetDouble(x))));
    }

    [Fact]
    public void A_non_divisible_split_compiles_its_predicate_to_a_guard()
    {
        var s = new Sched(Matmul.Naive(10, 12, 6), seed: 1);
        var loops = s.GetLoops(s.GetBlock("matmul"));
        s.Split(loops[0], [null, 4]); // 10 = 3 x 4 with a predicate i0*4 + i1 < 10
        var f = s.Func;
        string c = CodeGenC.Source(f, "kernel");
        Assert.Contains("if (", c);
        var expected = f.ParamBuffers.Select((b, x) => NDArray.Random(b.Dtype, b.ConstShape()!, 50 + x)).ToArray();
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(c, "kernel").Call(actual));
        for (long x = 0; x < expected[2].Size; x++) Assert.Equal(expected[2].GetDouble(x), actual[2].GetDouble(x), 1e-4);
    }
}
