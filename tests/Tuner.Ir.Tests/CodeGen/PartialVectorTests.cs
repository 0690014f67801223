using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Lowering;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;


namespace Tuner.Ir.Tests.CodeGen;

/// <summary>
/// Register tiles whose vector loop is not a multiple of the register width (TVM's conv tile of 14 columns):
/// whole registers plus one partly used register, loaded and stored with masks. Compiled code is checked against the
/// interpreter with AVX-512 (masked moves) and without it (-march=x86-64-v3: the memcpy fallback).
/// </summary>
public class PartialVectorTests
{
    [Fact]
    public void The_conv_trace_keeps_its_8x2x14_tile_in_registers_and_matches_the_interpreter_with_and_without_AVX512()
    {
        var f = Programs.Conv2dNchw.HandTraced(4, 16);
        string code;
        using (Targets.Target.Parse("llvm -num-cores 1 -mcpu=skylake-avx512").Enter()) code = CodeGenC.Source(f, "kernel");
        Assert.DoesNotContain("float conv2d_nchw[", code);
        Assert.Contains("typedef float tnr_f32x14 __attribute__((vector_size(64)));", code);
        Assert.Contains("tnr_f32x14 conv2d_nchw_15;", code);
        Assert.Contains("_mm512_maskz_loadu_ps((__mmask16)0x3fff, p)", code);
        Assert.Contains("_mm256_maskload_ps(p + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, 0, 0))", code);
        Assert.Contains("tnr_vload_f32x14(&pad_temp[", code);
        Assert.Contains("tnr_vstore_f32x14(&compute[", code);
        Assert.Contains("tnr_vmax_f32x14(", code);
        AssertCompiledMatchesInterpreter(f, code, 4 * 9, "native");
        AssertCompiledMatchesInterpreter(f, code, 4 * 9, "x86-64-v3");
        AssertCompiledMatchesInterpreter(f, code, 4 * 9, "x86-64");
    }

    /// <summary>C[i, j] = relu(sum_k A[i, k] B[k, j]) with a 2 × <paramref name="width"/> accumulator tile (CacheWrite local).</summary>
    private static PrimFunc TiledRelu(int width, string dtype = "float32")
    {
        int n = width * 2;
        var f = TvmScript.ParseFunc($$"""
            @T.prim_func
            def main(A: T.Buffer((4, 8), "{{dtype}}"), B: T.Buffer((8, {{n}}), "{{dtype}}"), D: T.Buffer((4, {{n}}), "{{dtype}}")):
                C = T.alloc_buffer((4, {{n}}), "{{dtype}}")
                for i, j, k in T.grid(4, {{n}}, 8):
                    with T.block("C"):
                        vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                        with T.init():
                            C[vi, vj] = T.{{dtype}}(0.0)
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                for i, j in T.grid(4, {{n}}):
                    with T.block("D"):
                        vi, vj = T.axis.remap("SS", [i, j])
                        D[vi, vj] = T.max(C[vi, vj], T.{{dtype}}(0.0))
            """);
        var s = new Sched(f, seed: 1);
        var c = s.GetBlock("C");
        var loops = s.GetLoops(c);
        var i = s.Split(loops[0], new long?[] { null, 2 });
        var j = s.Split(loops[1], new long?[] { null, width });
        s.Reorder([i[0], j[0], loops[2], i[1], j[1]]);
        s.ReverseComputeAt(s.GetBlock("D"), j[0], preserveUnitLoops: true);
        s.Vectorize(j[1]);
        s.DecomposeReduction(c, loops[2]);
        return s.Func;
    }

    [Theory]
    [InlineData(3, new[] { 3 })]
    [InlineData(5, new[] { 5 })]
    [InlineData(12, new[] { 12 })]
    [InlineData(14, new[] { 14 })]
    [InlineData(20, new[] { 16, 4 })]
    [InlineData(30, new[] { 16, 14 })]
    public void A_tile_row_of_any_width_is_whole_registers_and_one_partial_one(int width, int[] registers)
    {
        var f = TiledRelu(width);
        PrimFunc lowered;
        string code;
        using (Targets.Target.Parse("llvm -num-cores 1 -mcpu=skylake-avx512").Enter())
        {
            lowered = LoweringPipeline.Lower(f);
            code = CodeGenC.Source(f, "kernel");
        }
        var tile = Find<Allocate>(lowered.Body).Single(a => a.Buffer.Name == "C");
        var slots = RegisterTiles.RegisterSlots(tile.Buffer, tile.Body);
        Assert.NotNull(slots);
        Assert.Equal(Enumerable.Range(0, 2).SelectMany(_ => registers), slots.Values);
        Assert.DoesNotContain("float C[", code);
        AssertCompiledMatchesInterpreter(f, code, 8, "native");
        AssertCompiledMatchesInterpreter(f, code, 8, "x86-64-v3");
        AssertCompiledMatchesInterpreter(f, code, 8, "x86-64");
    }

    /// <summary>
    /// The AVX/AVX2 branch (-march=x86-64-v3, no mask registers): 32-byte chunks, the tail chunk through vmaskmov.
    /// Checked in float32 and float64 against the interpreter, with AVX-512, AVX2 and the plain memcpy fallback.
    /// </summary>
    [Theory]
    [InlineData("float32", 5, "_mm256_maskload_ps(p, _mm256_setr_epi32(-1, -1, -1, -1, -1, 0, 0, 0))")]
    [InlineData("float32", 14, "_mm256_maskstore_ps(p + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, 0, 0), u.c[1])")]
    [InlineData("float64", 3, "_mm256_maskload_pd(p, _mm256_setr_epi64x(-1, -1, -1, 0))")]
    [InlineData("float64", 6, "_mm256_maskstore_pd(p + 4, _mm256_setr_epi64x(-1, -1, 0, 0), u.c[1])")]
    public void Partial_registers_use_masked_moves_with_AVX2_too(string dtype, int width, string expected)
    {
        var f = TiledRelu(width, dtype);
        string code;
        using (Targets.Target.Parse("llvm -num-cores 1 -mcpu=skylake-avx512").Enter()) code = CodeGenC.Source(f, "kernel");
        Assert.Contains(expected, code);
        foreach (var march in new[] { "native", "x86-64-v3", "x86-64" }) AssertCompiledMatchesInterpreter(f, code, 8, march);
    }

    [Fact]
    public void A_rest_of_one_lane_or_a_partial_integer_register_falls_back_to_the_widest_dividing_register()
    {
        Assert.Equal([(0L, 16), (16L, 16)], TileExpander.Chunks(32, 16, DataType.Float32)!);
        Assert.Equal([(0L, 16), (16L, 14)], TileExpander.Chunks(30, 16, DataType.Float32)!);
        Assert.Null(TileExpander.Chunks(17, 16, DataType.Float32)); // 16 + 1: no 1-lane register; gcd is 1
        Assert.Equal([(0L, 16), (16L, 8)], TileExpander.Chunks(24, 16, DataType.Int32)!); // a power-of-two rest fills its register
        Assert.Equal([(0L, 4), (4L, 4), (8L, 4)], TileExpander.Chunks(12, 16, DataType.Int32)!); // 12 ints: no partial integer register
        Assert.Equal([(0L, 4), (4L, 2)], TileExpander.Chunks(6, 4, DataType.Int32)!);
    }

    private static List<T> Find<T>(Stmt s)
    {
        var r = new List<T>();
        NodeWalker.Walk(s, onStmt: x => { if (x is T t) r.Add(t); });
        return r;
    }

    private static void AssertCompiledMatchesInterpreter(PrimFunc f, string code, long reduction, string march)
    {
        var expected = f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 61 + i)).ToArray();
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(code, "kernel", march).Call(actual));
        double tol = 1e-5 * Math.Sqrt(reduction) + 1e-5;
        for (int p = 0; p < expected.Length; p++)
            for (long x = 0; x < expected[p].Size; x++)
            {
                double e = expected[p].GetDouble(x), a = actual[p].GetDouble(x);
                Assert.True(Math.Abs(e - a) <= tol * (1 + Math.Abs(e)), $"-march={march} param {p} [{x}]: {a} vs {e}");
            }
    }
}
