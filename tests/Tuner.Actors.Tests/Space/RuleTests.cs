using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Rules;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Space;

public class RuleTests
{
    /// <summary>B = A·2 (optionally exp(A)), C = B + 1, with an optional block attribute on B.</summary>
    private static PrimFunc Chain(string bValue = "A[vi, vj] * T.float32(2.0)", string bAttr = "") => TvmScript.ParseFunc($$"""
        @T.prim_func
        def main(A: T.Buffer((8, 8), "float32"), C: T.Buffer((8, 8), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            Bb = T.alloc_buffer((8, 8))
            for i, j in T.grid(8, 8):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj])
                    T.writes(Bb[vi, vj])
                    {{bAttr}}
                    Bb[vi, vj] = {{bValue}}
            for i, j in T.grid(8, 8):
                with T.block("C"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(Bb[vi, vj])
                    T.writes(C[vi, vj])
                    C[vi, vj] = Bb[vi, vj] + T.float32(1.0)
        """);

    private static IReadOnlyList<TracedSchedule> ApplyToB(IScheduleRule rule, PrimFunc f)
    {
        var sch = new TracedSchedule(f, 1);
        return rule.Apply(new TuneContext(f, "t", 2), sch, sch.GetBlock("B"));
    }

    [Fact]
    public void AutoInline_inlines_an_elementwise_producer_into_its_consumer()
    {
        var result = Assert.Single(ApplyToB(new AutoInline(), Chain()));
        Assert.Equal("ComputeInline", result.Trace.Instructions[^1].Kind.Name);
        Assert.Null(result.State.TryFindBlock("B"));
        CandidateChecks.AssertSameOutputs(Chain(), result.Func, 3, "inlined chain");
    }

    [Fact]
    public void AutoInline_inlines_exp_in_a_purely_spatial_function_but_not_beside_a_reduction()
    {
        var spatial = Assert.Single(ApplyToB(new AutoInline(), Chain("T.exp(A[vi, vj])")));
        Assert.Null(spatial.State.TryFindBlock("B"));
        // In softmax (not purely spatial) AutoInline leaves the exp block (tir.exp is a disallowed op); only
        // RandomComputeLocation may later sample "inline" as its location.
        var spaces = SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.Softmax(), "softmax", 2));
        Assert.All(spaces, s => Assert.DoesNotContain("ComputeInline", s.Trace.Instructions.Select(i => i.Kind.Name)));
    }

    [Fact]
    public void AutoInline_leaves_a_block_annotated_inline_rule_disable()
    {
        var result = Assert.Single(ApplyToB(new AutoInline(), Chain(bAttr: "T.block_attr({\"meta_schedule.inline_rule\": \"disable\"})")));
        Assert.NotNull(result.State.TryFindBlock("B"));
        Assert.DoesNotContain(result.Trace.Instructions, i => i.Kind.Name == "ComputeInline");
    }

    [Fact]
    public void PostOrderApply_leaves_blocks_annotated_schedule_rule_to_their_custom_rule()
    {
        var f = TvmScript.ParseFunc(TvmScript.Print(Workloads.Matmul(16)).Replace("T.writes(C[v_i, v_j])", "T.writes(C[v_i, v_j])\n            T.block_attr({\"schedule_rule\": \"None\"})"));
        var spaces = SpaceGenerators.Cpu().Generate(new TuneContext(f, "mm", 2));
        var only = Assert.Single(spaces);
        Assert.DoesNotContain(only.Trace.Instructions, i => i.Kind.Name is "SamplePerfectTile" or "Split");
    }

    [Fact]
    public void AddRFactor_adds_rfactor_variants_when_the_spatial_loops_are_too_few()
    {
        // C[i] = sum_k A[i, k] over 4 × 256: space 4 < reduce 256 and the block needs no tiling.
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def main(A: T.Buffer((4, 256), "float32"), C: T.Buffer((4,), "float32")):
                for i, k in T.grid(4, 256):
                    with T.block("B"):
                        vi, vk = T.axis.remap("SR", [i, k])
                        T.reads(A[vi, vk])
                        T.writes(C[vi])
                        with T.init():
                            C[vi] = T.float32(0.0)
                        C[vi] = C[vi] + A[vi, vk]
            """);
        var results = ApplyToB(new AddRFactor(), f);
        Assert.Equal(3, results.Count);
        for (int v = 0; v < 2; v++)
        {
            var kinds = results[v].Trace.Instructions.Select(i => i.Kind.Name).ToArray();
            Assert.Equal(["GetBlock", "GetLoops", "SamplePerfectTile", "Split", "RFactor", "GetLoops", "Annotate"], kinds);
            Assert.Equal(64L, results[v].Trace.Instructions[2].Attrs[1]);
            CandidateChecks.AssertSameOutputs(f, results[v].Func, v, $"rfactor variant {v}");
        }
        Assert.Equal(["GetBlock"], results[2].Trace.Instructions.Select(i => i.Kind.Name).ToArray());
    }
}
