using System.Runtime.CompilerServices;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Lowering;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.CodeGen;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.Lowering;

public class RegisterTilesTests
{
    private static string Repo([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../.."));

    /// <summary>benchmarks/traces/gmm1024.py with other sizes: the committed hand trace applies to any multiple of 4 × 64.</summary>
    private static PrimFunc Gmm(long m, long n, long k) => TvmScript.ParseFunc($$"""
        @T.prim_func
        def main(A: T.Buffer(({{m}}, {{k}}), "float32"), B: T.Buffer(({{k}}, {{n}}), "float32"), C: T.Buffer(({{m}}, {{n}}), "float32")):
            for i, j, k in T.grid({{m}}, {{n}}, {{k}}):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """);

    private static PrimFunc HandTrace(long m, long n, long k) =>
        TraceReplay.ApplyJson(Gmm(m, n, k), File.ReadAllText(Path.Combine(Repo(), "benchmarks/traces/gmm1024_hand.json")));

    /// <summary>Runs f interpreted and compiled on the same random inputs; asserts the verifier's tolerance on every output element.</summary>
    private static void AssertCompiledMatchesInterpreter(PrimFunc f, string code, long reduction)
    {
        var expected = f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 21 + i)).ToArray();
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(code, "kernel").Call(actual));
        double tol = 1e-5 * Math.Sqrt(reduction) + 1e-5;
        for (int p = 0; p < expected.Length; p++)
            for (long x = 0; x < expected[p].Size; x++)
            {
                double e = expected[p].GetDouble(x), a = actual[p].GetDouble(x);
                Assert.True(Math.Abs(e - a) <= tol * (1 + Math.Abs(e)), $"param {p} [{x}]: {a} vs {e}");
            }
    }

    private static List<T> All<T>(Stmt s)
    {
        var r = new List<T>();
        NodeWalker.Walk(s, onStmt: x => { if (x is T t) r.Add(t); }, onExpr: x => { if (x is T t) r.Add(t); });
        return r;
    }

    [Fact]
    public void The_hand_traced_gmm_keeps_its_accumulator_in_vector_variables_and_matches_the_interpreter()
    {
        // 64 x 128 x 32: two column panels (the parallel j0 loop stays), sixteen 4-row tiles, the trace's structure.
        var f = HandTrace(64, 128, 32);
        int lanes = VectorWidth.HostBytes / 4;
        var lowered = LoweringPipeline.Lower(f);
        var tile = All<Allocate>(lowered.Body).Single(a => a.Buffer.Name == "C_local");
        Assert.Equal(lanes, RegisterTiles.RegisterLanes(tile.Buffer, tile.Body));
        // The k loop is the only loop left around the accumulator: i1 and j1 (init, update, write-back) are expanded.
        Assert.Equal(["k"], All<For>(tile.Body).Select(l => l.LoopVar.Name));
        string code = CodeGenC.Source(f, "kernel");
        Assert.DoesNotContain("float C_local[", code);
        for (int slot = 0; slot < 256 / lanes; slot++) Assert.Contains($"tnr_f32x{lanes} C_local_{slot};", code);
        Assert.Contains($"C_local_0 = (C_local_0 + (tnr_vbcast_f32x{lanes}(A[", code);
        AssertCompiledMatchesInterpreter(f, code, 32);
    }

    /// <summary>
    /// Lowered-form accumulator nest over a local L[4·16]: init (unrolled i, vectorized j), update over k with
    /// B read at stride <paramref name="bStride"/> in j, write-back by plain serial loops; j's extent is
    /// the parameter n[0] when <paramref name="symbolicExtent"/>, else 16, in the update nest.
    /// </summary>
    private static PrimFunc Accumulator(long bStride, bool symbolicExtent = false)
    {
        var a = Buf("A", F32, 4 * 8);
        var b = Buf("B", F32, 8 * 32);
        var c = Buf("C", F32, 4 * 16);
        var n = Buf("n", I32, 1);
        var l = new Buffer("L", F32, [C(64)], Seq<Expr>.Empty, "local");
        Var i1 = V("i_init"), j1 = V("j_init"), k = V("k"), i2 = V("i"), j2 = V("j"), i3 = V("i_wb"), j3 = V("j_wb");
        var init = Loop(i1, 4, Loop(j1, 16, St(l, F(0), i1 * 16 + j1), ForKind.Vectorized), ForKind.Unrolled);
        var upd = Loop(k, 8, Loop(i2, 4, new For(j2, C(0), symbolicExtent ? Ld(n, C(0)) : C(16), ForKind.Vectorized,
            St(l, Ld(l, i2 * 16 + j2) + Ld(a, i2 * 8 + k) * Ld(b, k * 32 + j2 * bStride), i2 * 16 + j2)), ForKind.Unrolled));
        var wb = Loop(i3, 4, Loop(j3, 16, St(c, Ld(l, i3 * 16 + j3), i3 * 16 + j3)));
        return Func([a, b, c, n], Seq()) with { Body = new Allocate(l, Seq(init, upd, wb)) };
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void A_local_accumulator_becomes_one_vector_variable_per_register_of_the_given_width(int vectorBytes)
    {
        var f = Accumulator(bStride: 1);
        var promoted = new RegisterTiles(vectorBytes).Apply(f);
        var tile = Assert.IsType<Allocate>(promoted.Body);
        int lanes = vectorBytes / 4;
        Assert.Equal(lanes, RegisterTiles.RegisterLanes(tile.Buffer, tile.Body));
        // init, the k loop body and the write-back: 4 rows of 16/lanes vector stores each, nothing else.
        Assert.Equal(3 * 64 / lanes, All<BufferStore>(tile.Body).Count(s => s.Indices[0] is Ramp { Lanes: var n } && n == lanes));
        Assert.Equal(3 * 64 / lanes, All<BufferStore>(tile.Body).Count);
        string code = CodeGenC.Module([CodeGenC.Generate(promoted, "kernel")]);
        Assert.DoesNotContain("float L[", code);
        Assert.Contains($"tnr_f32x{lanes} L_{64 / lanes - 1};", code);
        Assert.Contains($"typedef float tnr_f32x{lanes} __attribute__((vector_size({vectorBytes})));", code);
        AssertCompiledMatchesInterpreter(f, code, 8);
    }

    [Fact]
    public void A_strided_access_in_the_vectorized_loop_leaves_the_buffer_an_array()
    {
        var f = Accumulator(bStride: 2);
        Assert.Same(f, new RegisterTiles(64).Apply(f));
        string code = CodeGenC.Module([CodeGenC.Generate(f, "kernel")]);
        Assert.Contains("float L[64] __attribute__((aligned(64)));", code);
        Assert.Contains("#pragma omp simd", code);
        Assert.DoesNotContain("tnr_f32x", code);
        AssertCompiledMatchesInterpreter(f, code, 8);
    }

    [Fact]
    public void A_loop_extent_that_is_not_a_constant_leaves_the_buffer_an_array()
    {
        var f = Accumulator(bStride: 1, symbolicExtent: true);
        Assert.Same(f, new RegisterTiles(64).Apply(f));
    }

    [Fact]
    public void A_serial_loop_that_reads_its_own_output_elsewhere_is_not_vectorized()
    {
        // for j in 16 (serial): L[j] = L[0] + A[j]: iteration j reads what iteration 0 wrote.
        var a = Buf("A", F32, 16);
        var c = Buf("C", F32, 16);
        var l = new Buffer("L", F32, [C(16)], Seq<Expr>.Empty, "local");
        Var j = V("j"), j2 = V("j_wb");
        var body = new Allocate(l, Seq(
            Loop(j, 16, St(l, Ld(l, C(0)) + Ld(a, j), j)),
            Loop(j2, 16, St(c, Ld(l, j2), j2))));
        var f = Func([a, c], Seq()) with { Body = body };
        Assert.Same(f, new RegisterTiles(64).Apply(f));
    }

    [Fact]
    public void A_tile_larger_than_the_limit_stays_on_the_stack()
    {
        // 32 x 64 floats = 8 KiB > RegisterTiles.MaxBytes.
        string code = CodeGenC.Source(CodeGen.Programs.Matmul.CacheWrite(64, 128, 16, ti: 32, tj: 64), "f");
        Assert.Contains("float C_global[2048] __attribute__((aligned(64)));", code);
        Assert.DoesNotContain("tnr_f32x", code);
    }

    [Fact]
    public void The_vector_width_follows_the_target_cpu_and_attributes()
    {
        Assert.Equal(64, VectorWidth.Bytes(Targets.Target.Parse("llvm -num-cores 1 -mcpu=skylake-avx512")));
        Assert.Equal(32, VectorWidth.Bytes(Targets.Target.Parse("llvm -num-cores 1 -mcpu=znver3")));
        Assert.Equal(64, VectorWidth.Bytes(Targets.Target.Parse("llvm -num-cores 1 -mcpu=znver3 -mattr=+avx512f")));
        Assert.Equal(16, VectorWidth.Bytes(Targets.Target.Parse("llvm -num-cores 1 -mcpu=core2")));
        Assert.Equal(VectorWidth.HostBytes, VectorWidth.Bytes(Targets.Target.Parse("llvm -num-cores 1")));
    }
}
