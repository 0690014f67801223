using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>
/// The IR after the block primitives, as TVMScript in the layout TVM prints (names, loop nests, T.axis bindings,
/// regions); each golden text also parses back to a function structurally equal to the scheduled one.
/// </summary>
public class GoldenScriptTests
{
    private static void AssertScript(string expected, PrimFunc actual)
    {
        Assert.Equal(expected.TrimEnd(), TvmScript.Print(actual).TrimEnd());
        Assert.True(StructuralEqual.Equal(TvmScript.ParseFunc(expected), actual), "the golden text parses to a different function");
    }

    [Fact]
    public void CacheRead_of_matmul_prints_as_tvm()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        CacheReadPrimitive.Apply(s, "matmul", 0, "shared");
        AssertScript("""
        # from tvm.script import tir as T

        @T.prim_func
        def main(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"), C: T.Buffer((16, 16), "float32")):
            # with T.block("root"):
            A_shared = T.alloc_buffer((16, 16), scope="shared")
            for ax0, ax1 in T.grid(16, 16):
                with T.block("A_shared"):
                    v0, v1 = T.axis.remap("SS", [ax0, ax1])
                    T.reads(A[v0, v1])
                    T.writes(A_shared[v0, v1])
                    A_shared[v0, v1] = A[v0, v1]
            for i, j, k in T.grid(16, 16, 16):
                with T.block("matmul"):
                    v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                    T.reads(A_shared[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A_shared[v_i, v_k] * B[v_k, v_j]
        """, s.Func);
    }

    [Fact]
    public void Multi_level_tiling_write_cache_with_decomposed_reduction_prints_as_tvm()
    {
        var s = new ScheduleState(BlockTestWorkloads.TiledMatmul());
        var copy = CacheWritePrimitive.Apply(s, "matmul", 0, "global");
        ReverseComputeAtPrimitive.Apply(s, copy, LoopsOf(s, "matmul")[3], true, -1);
        DecomposeReductionPrimitive.Apply(s, "matmul", LoopsOf(s, "matmul")[4]);
        AssertScript("""
        # from tvm.script import tir as T

        @T.prim_func
        def main(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"), C: T.Buffer((16, 16), "float32")):
            # with T.block("root"):
            C_global = T.alloc_buffer((16, 16))
            for i0, j0, i1, j1 in T.grid(2, 2, 2, 2):
                for i2_init, j2_init in T.grid(4, 4):
                    with T.block("matmul_init"):
                        v_i = T.axis.spatial(16, i0 * 8 + i1 * 4 + i2_init)
                        v_j = T.axis.spatial(16, j0 * 8 + j1 * 4 + j2_init)
                        T.reads()
                        T.writes(C_global[v_i, v_j])
                        C_global[v_i, v_j] = T.float32(0.0)
                for k0, i2, j2, k1 in T.grid(4, 4, 4, 4):
                    with T.block("matmul_update"):
                        v_i = T.axis.spatial(16, i0 * 8 + i1 * 4 + i2)
                        v_j = T.axis.spatial(16, j0 * 8 + j1 * 4 + j2)
                        v_k = T.axis.reduce(16, k0 * 4 + k1)
                        T.reads(C_global[v_i, v_j], A[v_i, v_k], B[v_k, v_j])
                        T.writes(C_global[v_i, v_j])
                        C_global[v_i, v_j] = C_global[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
                for ax0, ax1 in T.grid(4, 4):
                    with T.block("C_global"):
                        v0 = T.axis.spatial(16, i0 * 8 + i1 * 4 + ax0)
                        v1 = T.axis.spatial(16, j0 * 8 + j1 * 4 + ax1)
                        T.reads(C_global[v0, v1])
                        T.writes(C[v0, v1])
                        C[v0, v1] = C_global[v0, v1]
        """, s.Func);
    }

    [Fact]
    public void RFactor_of_a_row_sum_prints_as_tvm()
    {
        var s = new ScheduleState(BlockTestWorkloads.RowReduce(max: false));
        RFactorPrimitive.Apply(s, LoopsOf(s, "rowsum")[2], 0);
        AssertScript("""
        # from tvm.script import tir as T

        @T.prim_func
        def main(A: T.Buffer((4, 16), "float32"), B: T.Buffer((4,), "float32")):
            # with T.block("root"):
            B_rf = T.alloc_buffer((4, 4))
            for i, k0, k1 in T.grid(4, 4, 4):
                with T.block("rowsum_rf"):
                    vk1, v_i, vk0 = T.axis.remap("SSR", [k1, i, k0])
                    T.reads(A[v_i, vk0 * 4 + vk1])
                    T.writes(B_rf[vk1, v_i])
                    with T.init():
                        B_rf[vk1, v_i] = T.float32(0.0)
                    B_rf[vk1, v_i] = B_rf[vk1, v_i] + A[v_i, vk0 * 4 + vk1]
            for i, k1 in T.grid(4, 4):
                with T.block("rowsum"):
                    vk1, v_i = T.axis.remap("RS", [k1, i])
                    T.reads(B_rf[vk1, v_i])
                    T.writes(B[v_i])
                    with T.init():
                        B[v_i] = T.float32(0.0)
                    B[v_i] = B[v_i] + B_rf[vk1, v_i]
        """, s.Func);
    }

    [Fact]
    public void ComputeAt_of_the_padding_prints_as_tvm()
    {
        var s = new ScheduleState(BlockTestWorkloads.PadConv());
        ComputeAtPrimitive.Apply(s, "pad", LoopsOf(s, "conv")[0], false, -1);
        AssertScript("""
        # from tvm.script import tir as T

        @T.prim_func
        def main(A: T.Buffer((8, 8), "float32"), W: T.Buffer((3, 3), "float32"), Out: T.Buffer((8, 8), "float32")):
            # with T.block("root"):
            Apad = T.alloc_buffer((10, 10))
            for i in range(8):
                for ax0, ax1 in T.grid(3, 10):
                    with T.block("pad"):
                        v_i = T.axis.spatial(10, i + ax0)
                        v_j = T.axis.spatial(10, ax1)
                        T.reads(A[v_i - 1, v_j - 1])
                        T.writes(Apad[v_i, v_j])
                        Apad[v_i, v_j] = T.if_then_else(v_i >= 1 and v_i < 9 and (v_j >= 1 and v_j < 9), A[v_i - 1, v_j - 1], T.float32(0.0))
                for j, r, s in T.grid(8, 3, 3):
                    with T.block("conv"):
                        v_i, v_j, v_r, v_s = T.axis.remap("SSRR", [i, j, r, s])
                        T.reads(Apad[v_i + v_r, v_j + v_s], W[v_r, v_s])
                        T.writes(Out[v_i, v_j])
                        with T.init():
                            Out[v_i, v_j] = T.float32(0.0)
                        Out[v_i, v_j] = Out[v_i, v_j] + Apad[v_i + v_r, v_j + v_s] * W[v_r, v_s]
        """, s.Func);
    }

    [Fact]
    public void ComputeInline_of_the_padding_prints_as_tvm()
    {
        var s = new ScheduleState(BlockTestWorkloads.PadConv());
        ComputeInlinePrimitive.Apply(s, "pad");
        AssertScript("""
        # from tvm.script import tir as T

        @T.prim_func
        def main(A: T.Buffer((8, 8), "float32"), W: T.Buffer((3, 3), "float32"), Out: T.Buffer((8, 8), "float32")):
            # with T.block("root"):
            for i, j, r, s in T.grid(8, 8, 3, 3):
                with T.block("conv"):
                    v_i, v_j, v_r, v_s = T.axis.remap("SSRR", [i, j, r, s])
                    T.reads(A[v_i + v_r - 1, v_j + v_s - 1], W[v_r, v_s])
                    T.writes(Out[v_i, v_j])
                    with T.init():
                        Out[v_i, v_j] = T.float32(0.0)
                    Out[v_i, v_j] = Out[v_i, v_j] + T.if_then_else(v_i + v_r >= 1 and v_i + v_r < 9 and (v_j + v_s >= 1 and v_j + v_s < 9), A[v_i + v_r - 1, v_j + v_s - 1], T.float32(0.0)) * W[v_r, v_s]
        """, s.Func);
    }
}
