using Tuner.Actors.Search;
using Tuner.Actors.Settings;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Rules;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tests.Space;

/// <summary>Rule PackReusedOperand (ours): which operand it packs, at which levels, golden trace, sampled and compiled candidates.</summary>
public class PackReusedOperandTests
{
    private static readonly SpaceSettings PackOn = SpaceSettings.Tvm with { PackOperand = new(true, [2, 3]) };

    private static IReadOnlyList<TracedSchedule> Spaces(PrimFunc f) => SpaceGenerators.Cpu(PackOn).Generate(new TuneContext(f, "t", 2));

    private static bool Packed(TracedSchedule s) => s.Trace.Instructions.Any(i => i.Kind.Name == "CacheRead");

    [Fact]
    public void Packs_B_of_a_matmul_and_the_weights_of_an_NHWC_conv()
    {
        Block BlockOf(PrimFunc f, string name) => new TracedSchedule(f, 1).State.FindBlock(name, "test").Block;
        var mm = BlockOf(Workloads.Matmul(16), "C");
        Assert.Equal("B", mm.Reads[PackReusedOperand.ReusedOperand(mm)!.Value].Buffer.Name);
        var conv = BlockOf(Workloads.Conv2dNhwc(), "conv2d_nhwc");
        var packed = conv.Reads[PackReusedOperand.ReusedOperand(conv)!.Value].Buffer.Name;
        Assert.NotEqual("pad_temp", packed);
        Assert.DoesNotContain(conv.Writes, w => w.Buffer.Name == packed);
    }

    [Fact]
    public void Each_tiled_space_gets_a_copy_at_levels_two_and_three_beside_the_unpacked_one()
    {
        var spaces = Spaces(Workloads.Matmul(16));
        Assert.Equal(9, spaces.Count); // TVM's three MultiLevelTiling spaces × (unpacked, level 2, level 3)
        Assert.Equal(6, spaces.Count(Packed));
        foreach (var s in spaces.Where(Packed))
        {
            var cache = s.State.TryFindBlock("B_global");
            Assert.NotNull(cache);
            // i_0 j_0 i_1 j_1 (level 2) or also k_0 (level 3) above the copy: the copy is one tile's panel.
            int depth = s.State.LoopsAbove(cache!).Count;
            Assert.Contains(depth, new[] { 4 + 2, 5 + 2 });
        }
    }

    [Fact]
    public void Packed_matmul_space_trace_matches_its_golden_JSON_and_replays_to_the_same_IR()
    {
        var f = Workloads.Matmul(64);
        var space = Spaces(f).First(Packed);
        var path = Workloads.Golden("pack_operand_matmul64.json");
        var json = space.Trace.ToJson();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, json + "\n");
        Assert.Equal(File.ReadAllText(path).Trim(), json);
        var replayed = new Schedule(f, seed: 5);
        Trace.FromJson(json).ApplyTo(replayed);
        Assert.True(StructuralEqual.Equal(space.Func, replayed.Func));
    }

    [Theory]
    [InlineData("matmul32")]
    [InlineData("conv2d_nhwc")]
    [InlineData("matmul_relu")]
    public void Sampled_packed_candidates_pass_postprocessing_verify_and_compute_the_untuned_outputs(string name)
    {
        var f = name switch { "matmul32" => Workloads.Matmul(32), "conv2d_nhwc" => Workloads.Conv2dNhwc(), _ => Workloads.MatmulRelu(16) };
        foreach (var (what, func) in CandidateChecks.Sample(SpaceGenerators.Cpu(PackOn), f, name, 4, Packed)) CandidateChecks.AssertSameOutputs(f, func, 5, what);
    }

    [Fact]
    public void Sampled_packed_candidates_compiled_compute_what_the_interpreter_computes()
    {
        foreach (var (name, f) in new[] { ("matmul64", Workloads.Matmul(64)), ("conv2d_nhwc", Workloads.Conv2dNhwc()) })
            CandidateChecks.AssertCompiledAgree(f, CandidateChecks.Sample(SpaceGenerators.Cpu(PackOn), f, name, 1, Packed));
    }
}
