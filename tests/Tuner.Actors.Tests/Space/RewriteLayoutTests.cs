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

    /// <summary>
    /// The layout-free matmul with its j loop split by 8 and moved outermost (optionally vectorizing the inner 8), then
    /// RewriteLayout: its weight packed in panels of 8 columns.
    /// </summary>
    private static (PrimFunc Untuned, TracedSchedule Packed) PanelSchedule(bool vectorize)
    {
        var f = LayoutFreeMatmul();
        var sch = new TracedSchedule(f, 1);
        var c = sch.GetBlock("C");
        var l = sch.GetLoops(c);
        var j = sch.Split(l[1], new long?[] { null, 8 });
        sch.Reorder([j[0], l[0], l[2], j[1]]);
        if (vectorize) sch.Vectorize(j[1]);
        sch.EnterPostproc();
        Assert.True(new RewriteLayout().Apply(new TuneContext(f, "mm", 1), sch));
        return (f, sch);
    }

    [Fact]
    public void RewriteLayout_packs_the_layout_free_weight_in_the_order_the_tiled_loops_read_it()
    {
        var (f, sch) = PanelSchedule(vectorize: false);

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
        Assert.IsType<RewriteLayout>(SpaceGenerators.Cpu().Postprocs[0]);
    }

    [Fact]
    public void RewriteLayout_is_on_in_the_reference_configuration_as_in_TVM_and_switched_off_by_tuner_space_rewrite_layout()
    {
        Assert.True(Tuner.Actors.Settings.TunerSettings.Load().Space.RewriteLayout);
        Assert.IsType<RewriteLayout>(SpaceGenerators.Cpu(Tuner.Actors.Settings.TunerSettings.Load().Space).Postprocs[0]);
        var off = Tuner.Actors.Settings.TunerSettings.Load("tuner.space.rewrite-layout.enabled = off").Space;
        Assert.False(off.RewriteLayout);
        Assert.DoesNotContain(SpaceGenerators.Cpu(off).Postprocs, p => p is RewriteLayout);
    }

    private static (PrimFunc Untuned, PrimFunc Packed) Packed()
    {
        var (f, sch) = PanelSchedule(vectorize: true);
        return (f, sch.Func);
    }

    [Fact]
    public void A_packed_candidate_is_built_without_its_packing_and_measured_on_weights_packed_once_outside_the_timing()
    {
        var (f, packed) = Packed();
        var cpu = Tuner.Ir.Targets.Target.Parse("llvm -num-cores 1");
        var builder = new Tuner.Actors.Build.Builder(Tuner.Actors.Build.CompilerOptions.For(cpu));
        using var runner = new Tuner.Actors.Runner.LocalRunner(Tuner.Actors.Runner.RunnerOptions.Default with { NumThreads = 1 });
        var measurer = new Tuner.Actors.Runner.CandidateMeasurer(builder, runner, new Tuner.Actors.Runner.EvaluatorConfig(2, 2, 1));

        var built = measurer.Build([packed]);
        var layout = Assert.Single(built).Layout;
        Assert.NotNull(layout);
        Assert.Equal([1], layout.Weights);
        Assert.Equal([4L, 32L, 8L], Assert.Single(layout.Packed).Shape);
        // The timed symbol reads the packed buffer only; the copy from B is in the packing symbol.
        var source = built[0].Source!;
        int timed = source.IndexOf("int32_t cand_0(", StringComparison.Ordinal), pack = source.IndexOf("int32_t cand_0_layout(", StringComparison.Ordinal);
        Assert.True(timed >= 0 && pack > timed, source);
        Assert.Contains("B_global", source[timed..pack]);
        Assert.DoesNotMatch(@"\bB\[", source[timed..pack]);
        Assert.Matches(@"\bB\[", source[pack..]);
        var result = Assert.Single(measurer.Run(f, built));
        Assert.True(result.Ok && result.Verified, result.Error);

        // Running the scheduled function whole (tuner run, tuner bench): packed untimed, outputs and weights as given.
        var args = Tuner.Actors.Runner.ArgInfo.Random(Tuner.Actors.Runner.ArgInfo.Of(f), 9);
        var expected = Tuner.Actors.Runner.LocalExecution.RunOnce(f, args.Select(a => a.Clone()).ToArray(), cpu);
        var actual = Tuner.Actors.Runner.LocalExecution.RunOnce(packed, args.Select(a => a.Clone()).ToArray(), cpu);
        Assert.Null(Tuner.Actors.Verify.OutputVerifier.Compare(f, expected, actual));
        Assert.Equal(args[1].Data, actual[1].Data);
        Assert.Equal([32L, 32L], actual[1].Shape);
    }

    [Fact]
    public void A_model_kernel_with_a_packed_weight_packs_it_once_and_leaves_the_callers_weight_alone()
    {
        var (f, packed) = Packed();
        var module = new IRModule([new PrimFuncEntry("mm", packed)]);
        using var kernels = new Tuner.Actors.Models.CompiledKernels(module, Tuner.Ir.Targets.Target.Parse("llvm -num-cores 1"));
        var args = Tuner.Actors.Runner.ArgInfo.Random(Tuner.Actors.Runner.ArgInfo.Of(f), 4);
        var weight = args[1].Clone();
        var expected = args.Select(a => a.Clone()).ToArray();
        Tuner.Ir.Interp.Interpreter.Run(f, expected);
        for (int call = 0; call < 2; call++)
        {
            var callArgs = new[] { args[0], args[1], new NDArray(DataType.Float32, [32, 32]) };
            kernels.Run("mm", packed, callArgs);
            Assert.Null(Tuner.Actors.Verify.OutputVerifier.Compare(f, expected, callArgs));
            Assert.Equal(weight.Data, args[1].Data);
        }
    }
}
