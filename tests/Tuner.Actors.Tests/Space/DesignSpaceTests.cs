using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tests.Space;

public class DesignSpaceTests
{
    private static IReadOnlyList<TracedSchedule> MatmulSpaces() => SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.Matmul(128), "matmul", NumCores: 2, Seed: 1));

    [Fact]
    public void Matmul_design_space_holds_the_three_multi_level_tiling_variants_in_TVM_order()
    {
        var spaces = MatmulSpaces();
        Assert.Equal(3, spaces.Count);
        string[] prefix = ["GetBlock", "GetBlock", "Annotate", "GetLoops", "SamplePerfectTile", "Split", "SamplePerfectTile", "Split",
            "SamplePerfectTile", "Split", "Reorder", "GetConsumers"];
        string[] tail = ["Annotate", "Annotate", "SampleCategorical", "Annotate"];
        string[][] variants = [["CacheWrite", "ReverseComputeAt"], ["CacheWrite", "ReverseComputeAt"], []];
        for (int v = 0; v < 3; v++)
        {
            var insts = spaces[v].Trace.Instructions;
            Assert.Equal([.. prefix, .. variants[v], .. tail], insts.Select(i => i.Kind.Name).ToArray());
            var splits = insts.Where(i => i.Kind.Name == "Split").Select(i => i.Outputs).ToList();
            var (iT, jT, kT) = (splits[0], splits[1], splits[2]);
            Assert.Equal([iT[0], jT[0], iT[1], jT[1], kT[0], iT[2], jT[2], kT[1], iT[3], jT[3]], insts[10].Inputs.Cast<object>().ToArray());
            if (v < 2)
            {
                var rca = insts[13];
                Assert.Same(insts[12].Outputs[0], rca.Inputs[0]);
                // Level 2 (first space, as TVM's stack order gives) is the last S1 loop; level 1 the last S0 loop.
                Assert.Same(v == 0 ? jT[1] : jT[0], rca.Inputs[1]);
                Assert.Equal(new object?[] { 1L, -1L }, rca.Attrs);
                Assert.Equal(new object?[] { 0L, "global" }, insts[12].Attrs);
            }
            foreach (var inst in insts.Where(i => i.Kind.Name == "SamplePerfectTile"))
            {
                var d = (long[])spaces[v].Trace.GetDecision(inst)!;
                Assert.Equal(128, d.Aggregate(1L, (a, b) => a * b));
                Assert.True(d[^1] <= 64);
                Assert.Equal(new object?[] { (long)d.Length, 64L }, inst.Attrs);
            }
            Assert.Equal("SSRSRS", insts[2].Inputs[1]);
            Assert.Equal("meta_schedule.tiling_structure", insts[2].Attrs[0]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Matmul_design_space_traces_match_their_golden_JSON_and_replay_to_the_same_IR(int index)
    {
        var space = MatmulSpaces()[index];
        var path = Workloads.Golden($"matmul128_space{index}.json");
        var json = space.Trace.ToJson();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, json + "\n");
        Assert.Equal(File.ReadAllText(path).Trim(), json);
        var replayed = new Schedule(Workloads.Matmul(128), seed: 5);
        Trace.FromJson(json).ApplyTo(replayed);
        Assert.True(StructuralEqual.Equal(space.Func, replayed.Func));
    }

    [Fact]
    public void Blocks_are_fetched_in_post_order_and_visited_consumers_first()
    {
        var spaces = SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.Softmax(), "softmax", 2));
        Assert.Equal(9, spaces.Count); // two rfactor variants plus the original for each of the two reductions
        foreach (var sp in spaces)
        {
            var insts = sp.Trace.Instructions;
            Assert.Equal(["T_softmax_maxelem", "T_softmax_exp", "T_softmax_expsum", "T_softmax_norm", "root"], insts.Take(5).Select(i => (string)i.Attrs[0]!).ToArray());
            var order = new List<int>();
            foreach (var i in insts.Where(i => i.Kind.Name == "SampleComputeLocation"))
            {
                int idx = Enumerable.Range(0, 5).FirstOrDefault(b => ReferenceEquals(insts[b].Outputs[0], i.Inputs[0]), -1);
                if (idx >= 0) order.Add(idx);
            }
            // sum (2) before exp (1) before max (0): consumers first; norm (an output) and root are not moved.
            Assert.Equal([2, 1, 0], order);
        }
    }

    [Fact]
    public void ParallelizeVectorizeUnroll_annotates_the_root_with_sixteen_jobs_per_core()
    {
        var spaces = SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.Matmul(16), "mm", NumCores: 3));
        foreach (var sp in spaces)
        {
            var anns = sp.Trace.Instructions.Where(i => i.Kind.Name == "Annotate" && ((string)i.Attrs[0]!).StartsWith("meta_schedule.", StringComparison.Ordinal)
                && i.Attrs[0] is not "meta_schedule.tiling_structure").ToList();
            Assert.Equal(["meta_schedule.parallel", "meta_schedule.vectorize", "meta_schedule.unroll_explicit"], anns.Select(a => (string)a.Attrs[0]!).ToArray());
            Assert.Equal(48L, anns[0].Inputs[1]);
            Assert.Equal(64L, anns[1].Inputs[1]);
            var cat = sp.Trace.Instructions.Single(i => i.Kind.Name == "SampleCategorical");
            Assert.Same(cat.Outputs[0], anns[2].Inputs[1]);
            Assert.Equal(new object?[] { 0L, 16L, 64L, 512L }, ((IEnumerable<object?>)cat.Attrs[0]!).ToArray());
            Assert.Equal(new object?[] { 0.25, 0.25, 0.25, 0.25 }, ((IEnumerable<object?>)cat.Attrs[1]!).ToArray());
        }
    }

    [Fact]
    public void A_single_elementwise_consumer_is_moved_under_tile_level_one_or_two_instead_of_a_cache()
    {
        var spaces = SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.MatmulRelu(16), "mm_relu", 2));
        Assert.Equal(3, spaces.Count);
        Assert.All(spaces, s => Assert.DoesNotContain(s.Trace.Instructions, i => i.Kind.Name == "CacheWrite"));
        var moved = spaces.Select(s => s.Trace.Instructions.SingleOrDefault(i => i.Kind.Name == "ReverseComputeAt")).ToList();
        // TVM's order for this case: [level 1, level 2, unmoved], reversed three times by the rule stacks.
        Assert.Null(moved[0]);
        for (int v = 1; v < 3; v++)
        {
            var insts = spaces[v].Trace.Instructions;
            var jTiles = insts.Where(i => i.Kind.Name == "Split").ElementAt(1).Outputs;
            var consumers = insts.Single(i => i.Kind.Name == "GetConsumers");
            Assert.Same(consumers.Outputs.Single(), moved[v]!.Inputs[0]); // block D, as GetConsumers returned it
            Assert.Same(v == 1 ? jTiles[1] : jTiles[0], moved[v]!.Inputs[1]);
        }
    }

    [Fact]
    public void A_write_cache_level_annotation_forces_one_cache_at_that_level()
    {
        var f = Workloads.MatmulRelu(16, "T.block_attr({\"meta_schedule.write_cache_level\": 1})");
        var space = Assert.Single(SpaceGenerators.Cpu().Generate(new TuneContext(f, "mm_relu", 2)));
        var insts = space.Trace.Instructions;
        Assert.DoesNotContain(insts, i => i.Kind.Name == "GetConsumers");
        var rca = insts.Single(i => i.Kind.Name == "ReverseComputeAt");
        Assert.Same(insts.Single(i => i.Kind.Name == "CacheWrite").Outputs[0], rca.Inputs[0]);
        Assert.Same(insts.Where(i => i.Kind.Name == "Split").ElementAt(1).Outputs[0], rca.Inputs[1]);
    }

    [Fact]
    public void A_target_without_a_core_count_is_refused_with_a_message_naming_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => SpaceGenerators.Cpu().Generate(new TuneContext(Workloads.Matmul(8), "mm", NumCores: 0)));
        Assert.Contains("-num-cores", e.Message);
    }
}
