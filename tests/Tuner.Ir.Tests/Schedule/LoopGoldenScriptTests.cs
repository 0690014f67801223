using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.Schedule.Property;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>
/// The IR after the loop primitives, as TVMScript in the layout TVM v0.23 prints it (loop kinds, T.grid grouping,
/// T.axis bindings, T.where, annotations); each golden text also parses back to a function structurally equal to the
/// scheduled one, and the trace replays to it.
/// </summary>
public class LoopGoldenScriptTests
{
    private static (TracedSchedule Sch, BlockRV C, IReadOnlyList<LoopRV> Loops) Matmul()
    {
        var sch = new TracedSchedule(TvmScript.ParseFunc(FuzzWorkloads.Matmul), seed: 1);
        var c = sch.GetBlock("C");
        return (sch, c, sch.GetLoops(c));
    }

    private static void AssertScript(string body, TracedSchedule sch)
    {
        var expected = "# from tvm.script import tir as T\n\n@T.prim_func\n" +
            "def main(A: T.Buffer((16, 12), \"float32\"), B: T.Buffer((12, 16), \"float32\"), C: T.Buffer((16, 16), \"float32\")):\n" +
            "    T.func_attr({\"tir.noalias\": True})\n" +
            "    # with T.block(\"root\"):\n" + body.TrimEnd() + "\n";
        Assert.Equal(expected, TvmScript.Print(sch.Func).TrimEnd() + "\n");
        Assert.True(StructuralEqual.Equal(TvmScript.ParseFunc(expected), sch.Func), "the golden text parses to a different function");
        var replay = TraceReplay.ApplyJson(TvmScript.ParseFunc(FuzzWorkloads.Matmul), sch.Trace.ToJson());
        Assert.True(StructuralEqual.Equal(replay, sch.Func), "the trace replays to a different function");
    }

    [Fact]
    public void Divisible_split_prints_nested_grid_and_affine_binding()
    {
        var (sch, _, l) = Matmul();
        sch.Split(l[0], new long?[] { null, 4 });
        AssertScript("""
            for i_0, i_1, j, k in T.grid(4, 4, 16, 12):
                with T.block("C"):
                    v_i = T.axis.spatial(16, i_0 * 4 + i_1)
                    v_j, v_k = T.axis.remap("SR", [j, k])
                    T.reads(A[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }

    [Fact]
    public void Non_divisible_split_prints_the_predicate_as_t_where()
    {
        var (sch, _, l) = Matmul();
        sch.Split(l[1], new long?[] { null, 5 });
        AssertScript("""
            for i, j_0, j_1, k in T.grid(16, 4, 5, 12):
                with T.block("C"):
                    v_i = T.axis.spatial(16, i)
                    v_j = T.axis.spatial(16, j_0 * 5 + j_1)
                    v_k = T.axis.reduce(12, k)
                    T.where(j_0 * 5 + j_1 < 16)
                    T.reads(A[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }

    [Fact]
    public void Fuse_prints_one_loop_with_floordiv_and_floormod_bindings()
    {
        var (sch, _, l) = Matmul();
        sch.Fuse([l[0], l[1]]);
        AssertScript("""
            for i_j_fused, k in T.grid(256, 12):
                with T.block("C"):
                    v_i = T.axis.spatial(16, i_j_fused // 16)
                    v_j = T.axis.spatial(16, i_j_fused % 16)
                    v_k = T.axis.reduce(12, k)
                    T.reads(A[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }

    [Fact]
    public void Reorder_prints_the_new_loop_order_with_the_same_bindings()
    {
        var (sch, _, l) = Matmul();
        sch.Reorder([l[2], l[0]]);
        AssertScript("""
            for k, j, i in T.grid(12, 16, 16):
                with T.block("C"):
                    v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }

    [Fact]
    public void Parallel_vectorize_and_unroll_print_as_loop_kinds()
    {
        var (sch, _, l) = Matmul();
        var jl = sch.Split(l[1], new long?[] { null, 4 });
        sch.Parallel(l[0]);
        sch.Unroll(l[2]);
        sch.Vectorize(jl[1]);
        AssertScript("""
            for i in T.parallel(16):
                for j_0 in range(4):
                    for j_1 in T.vectorized(4):
                        for k in T.unroll(12):
                            with T.block("C"):
                                v_i = T.axis.spatial(16, i)
                                v_j = T.axis.spatial(16, j_0 * 4 + j_1)
                                v_k = T.axis.reduce(12, k)
                                T.reads(A[v_i, v_k], B[v_k, v_j])
                                T.writes(C[v_i, v_j])
                                with T.init():
                                    C[v_i, v_j] = T.float32(0.0)
                                C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }

    [Fact]
    public void Annotate_prints_loop_annotations_and_block_attrs()
    {
        var (sch, c, l) = Matmul();
        sch.Annotate(l[0], "pragma_auto_unroll_max_step", 64L);
        sch.Annotate(l[0], "pragma_unroll_explicit", 1L);
        sch.Annotate(c, "meta_schedule.tiling_structure", "SSRSRS");
        AssertScript("""
            for i in T.serial(16, annotations={"pragma_auto_unroll_max_step": 64, "pragma_unroll_explicit": 1}):
                for j, k in T.grid(16, 12):
                    with T.block("C"):
                        v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                        T.reads(A[v_i, v_k], B[v_k, v_j])
                        T.writes(C[v_i, v_j])
                        T.block_attr({"meta_schedule.tiling_structure": "SSRSRS"})
                        with T.init():
                            C[v_i, v_j] = T.float32(0.0)
                        C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """, sch);
    }
}
