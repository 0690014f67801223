using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>
/// Every representative program is lowered, generated, compiled with cc and run; outputs are compared with
/// values computed in C#. Float tolerance: 1e-5·sqrt(K) + 1e-5 absolute and relative (K = reduction length);
/// integers exact.
/// </summary>
public class CompiledProgramsTests
{
    private static NDArray Rand(DataType t, int seed, params long[] shape) => NDArray.Random(t, shape, seed);

    private static void AssertClose(float[] expected, float[] actual, int k)
    {
        Assert.Equal(expected.Length, actual.Length);
        double tol = 1e-5 * Math.Sqrt(k) + 1e-5;
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= tol + tol * Math.Abs(expected[i]), $"index {i}: expected {expected[i]}, got {actual[i]} (err {err})");
        }
    }

    private static NativeKernel Compile(PrimFunc f) => new(CodeGenC.Source(f, "kernel"), "kernel");

    [Theory]
    [InlineData(64, 48, 32)]
    [InlineData(7, 5, 3)]
    public void Naive_matmul_matches_the_CSharp_product(int m, int n, int k)
    {
        var (a, b, c) = (Rand(DataType.Float32, 1, m, k), Rand(DataType.Float32, 2, k, n), Rand(DataType.Float32, 3, m, n));
        Assert.Equal(0, Compile(Matmul.Naive(m, n, k)).Call(a, b, c));
        AssertClose(Matmul.Expected(NativeKernel.Floats(a), NativeKernel.Floats(b), m, n, k), NativeKernel.Floats(c), k);
    }

    [Fact]
    public void Tiled_parallel_vectorized_matmul_matches_the_CSharp_product()
    {
        const int m = 64, n = 128, k = 32;
        var (a, b, c) = (Rand(DataType.Float32, 4, m, k), Rand(DataType.Float32, 5, k, n), Rand(DataType.Float32, 6, m, n));
        Assert.Equal(0, Compile(Matmul.Tiled(m, n, k)).Call(a, b, c));
        AssertClose(Matmul.Expected(NativeKernel.Floats(a), NativeKernel.Floats(b), m, n, k), NativeKernel.Floats(c), k);
    }

    [Fact]
    public void Tiled_matmul_with_packed_B_matches_the_CSharp_product()
    {
        const int m = 32, n = 64, k = 24;
        var (a, b, c) = (Rand(DataType.Float32, 14, m, k), Rand(DataType.Float32, 15, k, n), Rand(DataType.Float32, 16, m, n));
        Assert.Equal(0, Compile(Matmul.TiledPacked(m, n, k, ti: 8, tj: 32)).Call(a, b, c));
        AssertClose(Matmul.Expected(NativeKernel.Floats(a), NativeKernel.Floats(b), m, n, k), NativeKernel.Floats(c), k);
    }

    [Fact]
    public void Cache_write_matmul_with_a_compacted_accumulator_matches_the_CSharp_product()
    {
        const int m = 32, n = 128, k = 16;
        var (a, b, c) = (Rand(DataType.Float32, 17, m, k), Rand(DataType.Float32, 18, k, n), Rand(DataType.Float32, 19, m, n));
        Assert.Equal(0, Compile(Matmul.CacheWrite(m, n, k, ti: 8, tj: 64)).Call(a, b, c));
        AssertClose(Matmul.Expected(NativeKernel.Floats(a), NativeKernel.Floats(b), m, n, k), NativeKernel.Floats(c), k);
    }

    [Fact]
    public void Softmax_matches_the_CSharp_softmax()
    {
        const int m = 16, n = 33;
        var (a, o) = (Rand(DataType.Float32, 7, m, n), Rand(DataType.Float32, 8, m, n));
        Assert.Equal(0, Compile(Softmax.Build(m, n)).Call(a, o));
        AssertClose(Softmax.Expected(NativeKernel.Floats(a), m, n), NativeKernel.Floats(o), n);
    }

    [Theory]
    [InlineData(9, 9, 4, 8, 3, 1, 1)]
    [InlineData(10, 7, 3, 5, 3, 2, 1)]
    public void Conv2d_with_padding_matches_the_CSharp_convolution(int h, int w, int ci, int co, int kh, int stride, int pad)
    {
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (w + 2 * pad - kh) / stride + 1;
        var x = Rand(DataType.Float32, 9, 1, h, w, ci);
        var wt = Rand(DataType.Float32, 10, kh, kh, ci, co);
        var o = Rand(DataType.Float32, 11, 1, oh, ow, co);
        Assert.Equal(0, Compile(Conv2d.Build(h, w, ci, co, kh, stride, pad)).Call(x, wt, o));
        var expected = Conv2d.Expected(NativeKernel.Floats(x), NativeKernel.Floats(wt), h, w, ci, co, kh, stride, pad);
        AssertClose(expected, NativeKernel.Floats(o), kh * kh * ci);
    }

    [Fact]
    public void Integer_floordiv_floormod_and_int4_unpack_are_exact()
    {
        const int n = 64;
        var a = Rand(DataType.Int32, 12, n);
        var p = new NDArray(DataType.UInt32, [n / 8]);
        var rng = new Random(13);
        for (int i = 0; i < n / 8; i++) p.SetLong(i, (long)(uint)rng.NextInt64(0, 1L << 32));
        var (o, w) = (new NDArray(DataType.Int32, [n, 6]), new NDArray(DataType.Float32, [n]));
        Assert.Equal(0, Compile(Programs.IntOps.Build(n)).Call(a, p, o, w));
        var words = Enumerable.Range(0, n / 8).Select(i => (uint)p.GetLong(i)).ToArray();
        var (eo, ew) = Programs.IntOps.Expected(NativeKernel.Ints(a), words);
        Assert.Equal(eo, NativeKernel.Ints(o));
        Assert.Equal(ew, NativeKernel.Floats(w));
    }
}

/// <summary>Scalar parameters arrive as pointers to their value; loops may use them as bounds.</summary>
public class ScalarParameterTests
{
    [Fact]
    public void A_scalar_parameter_scales_a_vector_over_a_symbolic_length()
    {
        var n = new Var("n", DataType.Int32);
        var alpha = new Var("alpha", DataType.Float32);
        var a = new Tuner.Ir.Buffer("A", DataType.Float32, [IntImm.I32(8)]);
        var b = new Tuner.Ir.Buffer("B", DataType.Float32, [IntImm.I32(8)]);
        var (ha, hb) = (new Var("a", DataType.Handle), new Var("b", DataType.Handle));
        var i = new Var("i", DataType.Int32);
        var body = new For(i, IntImm.I32(0), n, ForKind.Serial,
            new BufferStore(b, new BufferLoad(a, [i]) * alpha, [i]));
        var f = new PrimFunc([ha, hb, n, alpha], [(ha, a), (hb, b)], body, Attrs.Empty);
        var (x, y) = (NDArray.Random(DataType.Float32, [8], 1), new NDArray(DataType.Float32, [8]));
        var (nv, av) = (new NDArray(DataType.Int32, []), new NDArray(DataType.Float32, []));
        nv.SetLong(0, 5);
        av.SetDouble(0, 2.5);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "scale"), "scale").Call(x, y, nv, av));
        for (int k = 0; k < 8; k++) Assert.Equal(k < 5 ? (float)x.GetDouble(k) * 2.5f : 0f, (float)y.GetDouble(k));
    }
}
