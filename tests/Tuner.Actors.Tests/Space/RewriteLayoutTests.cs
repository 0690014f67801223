using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Postprocs;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Space;

public class RewriteLayoutTests
{
    /// <summary>A 32³ matmul whose weight B (parameter 1) is layout-free, as TVM's create_prim_func marks constant weights.</summary>
    private static PrimFunc LayoutFreeMatmul() => TvmScript.ParseFunc("""
        @T.prim_func
        def main(A: T.Buffer((32, 32), "float32"), B: T.Buffer((32, 32), "float32"), C: T.Buffer((32, 32), "float32")):
            T.func_attr({"layout_free_buffers": [1], "tir.noalias": T.bool(True)})
            for i, j, k in T.grid(32, 32, 32):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """);

    [Fact]
    public void RewriteLayout_packs_the_layout_free_weight_in_the_order_the_tiled_loops_read_it()
    {
        var f = LayoutFreeMatmul();
        var sch = new TracedSchedule(f, 1);
        var c = sch.GetBlock("C");
        var l = sch.GetLoops(c);
        var j = sch.Split(l[1], new long?[] { null, 8 });
        sch.Reorder([j[0], l[0], l[2], j[1]]);
        sch.EnterPostproc();
        Assert.True(new RewriteLayout().Apply(new TuneContext(f, "mm", 1), sch));

        var pack = sch.State.FindBlock("B_global", "t").Block;
        Assert.Equal(1L, ((IntImm)pack.Annotations[RewriteLayout.PreprocAnnotation]!).Value);
        Assert.Equal([4L, 32L, 8L], sch.Func.RootBlock!.AllocBuffers.Single().ConstShape()!); // j0, k, j1: panels of 8 columns
        Assert.Contains("index_map=lambda i0, i1: (i1 // 8, i0, i1 % 8)", TracePython.Write(sch.Trace));
        CandidateChecks.AssertSameOutputs(f, sch.Func, 3, "rewritten layout");
        var replay = new Tuner.Ir.Schedule.Schedule(f, 1);
        Trace.FromJson(sch.Trace.ToJson()).ApplyTo(replay);
        Assert.True(Tuner.Ir.Analysis.StructuralEqual.Equal(sch.Func, replay.Func));
    }

    [Fact]
    public void RewriteLayout_leaves_functions_without_layout_free_buffers_and_offsets_alone()
    {
        var plain = Workloads.Matmul(16);
        var sch = new TracedSchedule(plain, 1);
        Assert.True(new RewriteLayout().Apply(new TuneContext(plain, "mm", 1), sch));
        Assert.Empty(sch.Trace.Instructions);
    }

    [Fact]
    public void The_CPU_space_with_rewrite_layout_samples_candidates_that_compute_the_same_outputs()
    {
        var f = LayoutFreeMatmul();
        var ctx = new TuneContext(f, "mm", NumCores: 2, Seed: 5);
        var space = SpaceGenerators.Cpu(rewriteLayout: true);
        int packed = 0;
        foreach (var design in space.Generate(ctx))
            for (int s = 0; s < 4; s++)
            {
                if (SpaceSampler.Sample(ctx, space, design.Trace, 100 + s) is not { } sch) continue;
                if (sch.Trace.Instructions.Any(i => i.Kind.Name == "TransformLayout")) packed++;
                CandidateChecks.AssertSameOutputs(f, sch.Func, s, "sampled candidate");
            }
        Assert.True(packed > 0, "no sampled candidate had its weight packed");
        Assert.DoesNotContain(SpaceGenerators.Cpu().Postprocs, p => p is RewriteLayout);
    }

    [Fact]
    public void RewriteLayout_is_off_in_the_reference_configuration_and_switched_on_by_tuner_space_rewrite_layout()
    {
        Assert.False(Tuner.Actors.Settings.TunerSettings.Load().Space.RewriteLayout);
        var on = Tuner.Actors.Settings.TunerSettings.Load("tuner.space.rewrite-layout.enabled = on").Space;
        Assert.True(on.RewriteLayout);
        Assert.IsType<RewriteLayout>(SpaceGenerators.Cpu(on).Postprocs[0]);
        Assert.DoesNotContain(SpaceGenerators.Cpu(Tuner.Actors.Settings.TunerSettings.Load().Space).Postprocs, p => p is RewriteLayout);
    }
}
