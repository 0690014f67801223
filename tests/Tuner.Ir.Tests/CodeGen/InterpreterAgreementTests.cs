using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Lowering;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>
/// The interpreter as oracle: on every representative program, (1) the lowered function interpreted gives exactly
/// the unlowered function's outputs (lowering changes no arithmetic), and (2) the compiled C gives them within the
/// verifier's tolerance 1e-5·sqrt(K) + 1e-5 (gcc contracts a*b+c into FMA; integers exact).
/// </summary>
public class InterpreterAgreementTests
{
    public static readonly IReadOnlyDictionary<string, (Func<PrimFunc> Build, long K)> Cases = new Dictionary<string, (Func<PrimFunc>, long)>
    {
        ["naive_matmul"] = (() => Matmul.Naive(24, 40, 16), 16),
        ["tiled_matmul"] = (() => Matmul.Tiled(16, 128, 16, 4, 64, 4), 16),
        ["tiled_packed_matmul"] = (() => Matmul.TiledPacked(16, 64, 12, 8, 32), 12),
        ["cache_write_matmul"] = (() => Matmul.CacheWrite(16, 128, 8, 8, 64), 8),
        ["softmax"] = (() => Softmax.Build(8, 37), 37),
        ["conv2d_stride1"] = (() => Conv2d.Build(9, 9, 4, 8, 3, 1, 1), 36),
        ["conv2d_stride2"] = (() => Conv2d.Build(10, 7, 3, 5, 3, 2, 1), 27),
        ["int_ops"] = (() => Programs.IntOps.Build(64), 1),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    private static NDArray[] Args(PrimFunc f) =>
        f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 100 + i)).ToArray();

    [Theory]
    [MemberData(nameof(Names))]
    public void Lowered_IR_interprets_to_exactly_the_outputs_of_the_scheduled_IR(string name)
    {
        var f = Cases[name].Build();
        var expected = Args(f);
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        // The lowered function's buffers are flat: same bytes, 1-d views.
        var lowered = LoweringPipeline.Lower(f);
        Interpreter.Run(lowered, actual.Select((a, i) => new NDArray(a.Dtype, lowered.ParamBuffers.ElementAt(i).ConstShape()!, a.Data)).ToArray());
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].Data, actual[i].Data);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Compiled_C_matches_the_interpreter(string name)
    {
        var (build, k) = Cases[name];
        var f = build();
        var expected = Args(f);
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "kernel"), "kernel").Call(actual));
        double tol = 1e-5 * Math.Sqrt(k) + 1e-5;
        for (int i = 0; i < expected.Length; i++)
            for (long j = 0; j < expected[i].Size; j++)
            {
                double e = expected[i].GetDouble(j), a = actual[i].GetDouble(j);
                Assert.True(Math.Abs(e - a) <= tol + tol * Math.Abs(e), $"{name} arg {i} [{j}]: interpreter {e}, C {a}");
            }
    }
}
