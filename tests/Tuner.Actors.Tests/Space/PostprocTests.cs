using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Postprocs;
using Tuner.Actors.Space.Rules;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Space;

public class PostprocTests
{
    /// <summary>C[i0..i5] = Σ_k A[i0..i5, k]: six spatial loops of 2 and a reduction of 4 (not vectorizable: k is innermost).</summary>
    private static PrimFunc SixBySum() => TvmScript.ParseFunc("""
        @T.prim_func
        def main(A: T.Buffer((2, 2, 2, 2, 2, 2, 4), "float32"), C: T.Buffer((2, 2, 2, 2, 2, 2), "float32")):
            for i0, i1, i2, i3, i4, i5, k in T.grid(2, 2, 2, 2, 2, 2, 4):
                with T.block("C"):
                    v0, v1, v2, v3, v4, v5, vk = T.axis.remap("SSSSSSR", [i0, i1, i2, i3, i4, i5, k])
                    T.reads(A[v0, v1, v2, v3, v4, v5, vk])
                    T.writes(C[v0, v1, v2, v3, v4, v5])
                    with T.init():
                        C[v0, v1, v2, v3, v4, v5] = T.float32(0.0)
                    C[v0, v1, v2, v3, v4, v5] = C[v0, v1, v2, v3, v4, v5] + A[v0, v1, v2, v3, v4, v5, vk]
        """);

    /// <summary>ParallelizeVectorizeUnroll on the root (unroll decision fixed to 64), then the three CPU postprocessors.</summary>
    private static TracedSchedule Postprocessed(PrimFunc f, int cores)
    {
        var ctx = new TuneContext(f, "t", cores);
        var sch = new TracedSchedule(f, 1);
        new ParallelizeVectorizeUnroll().Apply(ctx, sch, sch.GetBlock("root"));
        var replayed = new TracedSchedule(f, 1);
        sch.Trace.ApplyTo(replayed, decisionOverride: (i, _, _, d) => i.Kind.Name == "SampleCategorical" ? 2L : d);
        replayed.EnterPostproc();
        foreach (var p in SpaceGenerators.Cpu().Postprocs) Assert.True(p.Apply(ctx, replayed), p.Name);
        return replayed;
    }

    private static List<For> Loops(PrimFunc f)
    {
        var loops = new List<For>();
        NodeWalker.Walk(f.Body, s => { if (s is For l) loops.Add(l); });
        return loops;
    }

    [Theory]
    [InlineData(1, 32)] // limit 16: 2·2·2·2·2 = 32 is the first product above it
    [InlineData(2, 64)] // limit 32: the sixth loop crosses it
    [InlineData(3, 64)] // limit 48: all six spatial loops (the reduction loop stops the fusion)
    public void Parallel_fuses_outer_spatial_loops_until_their_product_passes_sixteen_jobs_per_core(int cores, long expected)
    {
        var sch = Postprocessed(SixBySum(), cores);
        var parallel = Assert.Single(Loops(sch.Func), l => l.Kind == ForKind.Parallel);
        Assert.Equal(expected, E.AsConst(parallel.Extent));
        Assert.DoesNotContain(Loops(sch.Func), l => l.Kind == ForKind.Vectorized);
        CandidateChecks.AssertSameOutputs(SixBySum(), sch.Func, cores, "parallelized sum");
    }

    [Fact]
    public void Unroll_becomes_pragmas_on_the_outer_loop_and_the_root_annotations_are_removed()
    {
        var sch = Postprocessed(SixBySum(), 1);
        var outer = Loops(sch.Func)[0];
        Assert.Equal(64L, E.AsConst(outer.Annotations["pragma_auto_unroll_max_step"]!));
        Assert.Equal(1L, E.AsConst(outer.Annotations["pragma_unroll_explicit"]!));
        Assert.True(sch.Func.RootBlock!.Annotations.IsEmpty);
        var after = sch.Trace.Instructions.SkipWhile(i => !i.Kind.IsPostproc).Select(i => i.Kind.Name).ToArray();
        Assert.Equal(["EnterPostproc", "GetBlock", "Unannotate", "Unannotate", "Unannotate", "GetChildBlocks", "GetLoops", "Fuse", "Parallel",
            "Annotate", "Annotate", "GetBlock", "GetLoops", "DecomposeReduction"], after);
    }

    [Fact]
    public void An_elementwise_nest_is_fused_split_by_the_vector_width_parallelized_and_vectorized()
    {
        var f = TvmScript.ParseModule(File.ReadAllText(Path.Combine(Workloads.RepoRoot, "examples", "mlp_module.py"))).PrimFuncs.Single(e => e.Name == "relu").Func;
        var sch = Postprocessed(f, 2);
        var loops = Loops(sch.Func);
        Assert.Equal(2, loops.Count);
        Assert.Equal((ForKind.Parallel, 32L), (loops[0].Kind, E.AsConst(loops[0].Extent)));
        Assert.Equal((ForKind.Vectorized, 64L), (loops[1].Kind, E.AsConst(loops[1].Extent)));
        Assert.True(loops[0].Annotations.IsEmpty); // a purely spatial block is not unrolled
    }

    [Fact]
    public void RewriteReductionBlock_decomposes_the_init_at_the_first_reduction_loop()
    {
        var sch = Postprocessed(Workloads.Matmul(8), 1);
        var blocks = sch.State.BlockRealizes().Select(b => b.Block).ToList();
        Assert.DoesNotContain(blocks, b => b.Init is not null);
        Assert.Contains(blocks, b => b.Name == "C_init");
        Assert.Contains(blocks, b => b.Name == "C_update");
        var loopsAbove = sch.State.LoopsAbove(sch.State.FindBlock("C_update", "test"));
        var initLoops = sch.State.LoopsAbove(sch.State.FindBlock("C_init", "test"));
        Assert.Equal(loopsAbove.Count - 1, initLoops.Count); // the init sits beside the k loop
        CandidateChecks.AssertSameOutputs(Workloads.Matmul(8), sch.Func, 1, "decomposed matmul");
    }

    [Fact]
    public void DisallowDynamicLoop_rejects_a_loop_with_a_symbolic_extent()
    {
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def main(a: T.handle, b: T.handle):
                n = T.int32()
                A = T.match_buffer(a, (n,), "float32")
                B = T.match_buffer(b, (n,), "float32")
                for i in range(n):
                    with T.block("B"):
                        vi = T.axis.spatial(n, i)
                        T.reads(A[vi])
                        T.writes(B[vi])
                        B[vi] = A[vi]
            """);
        var ctx = new TuneContext(f, "dyn", 1);
        Assert.False(new DisallowDynamicLoop().Apply(ctx, new TracedSchedule(f, 1)));
        Assert.True(new DisallowDynamicLoop().Apply(ctx, new TracedSchedule(Workloads.Matmul(4), 1)));
    }
}
