using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class TraceTests
{
    /// <summary>A MetaSchedule-like SSRSR tiling of a 32³ matmul with postprocessing, as TVM's trace would record it.</summary>
    private static TracedSchedule Tiled(PrimFunc f, long seed)
    {
        var sch = new TracedSchedule(f, seed);
        var c = sch.GetBlock("C");
        sch.Annotate(c, "meta_schedule.tiling_structure", "SSRSR");
        var loops = sch.GetLoops(c);
        var ti = sch.SamplePerfectTile(loops[0], 3, 16);
        var i = sch.Split(loops[0], ti.Cast<ExprRV?>().ToList());
        var tj = sch.SamplePerfectTile(loops[1], 3, 16);
        var j = sch.Split(loops[1], tj.Cast<ExprRV?>().ToList());
        var tk = sch.SamplePerfectTile(loops[2], 2, 16);
        var k = sch.Split(loops[2], tk.Cast<ExprRV?>().ToList());
        sch.Reorder([i[0], j[0], i[1], j[1], k[0], i[2], j[2], k[1]]);
        var root = sch.GetBlock("root");
        var unroll = sch.SampleCategorical([0, 16, 64, 512], [0.25, 0.25, 0.25, 0.25]);
        sch.Annotate(root, "meta_schedule.unroll_explicit", unroll);
        sch.EnterPostproc();
        sch.Unannotate(c, "meta_schedule.tiling_structure");
        var fused = sch.Fuse([i[0], j[0]]);
        sch.Parallel(fused);
        sch.Annotate(i[1], "pragma_auto_unroll_max_step", 16L);
        return sch;
    }

    [Fact]
    public void A_tiling_trace_round_trips_through_json_and_replays_to_the_same_function()
    {
        var f = TestFuncs.Matmul(32, 32, 32);
        var sch = Tiled(f, 12345);
        ScheduleAssert.TraceRoundTrips(f, sch);
        ScheduleAssert.SameResults(f, sch.Func);
        var json = sch.Trace.ToJson();
        Assert.StartsWith("[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"Annotate\",[\"b0\",\"\\\"SSRSR\\\"\"],[\"meta_schedule.tiling_structure\"],[]],"
            + "[\"GetLoops\",[\"b0\"],[],[\"l1\",\"l2\",\"l3\"]],[\"SamplePerfectTile\",[\"l1\"],[3,16],[\"v4\",\"v5\",\"v6\"]],"
            + "[\"Split\",[\"l1\",\"v4\",\"v5\",\"v6\"],[1,0],[\"l7\",\"l8\",\"l9\"]]", json);
        Assert.Contains("[\"EnterPostproc\",[],[],[]]", json);
        Assert.Contains("[\"SampleCategorical\",[],[[0,16,64,512],[0.25,0.25,0.25,0.25]],[\"v", json);
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_and_different_seeds_explore()
    {
        var f = TestFuncs.Matmul(32, 32, 32);
        Assert.Equal(Tiled(f, 777).Trace.ToJson(), Tiled(f, 777).Trace.ToJson());
        var distinct = Enumerable.Range(1, 10).Select(s => Tiled(f, s * 7919L + 1).Trace.ToJson()).Distinct().Count();
        Assert.True(distinct > 5, $"{distinct} distinct traces");
    }

    [Fact]
    public void Removing_postproc_stops_before_EnterPostproc()
    {
        var f = TestFuncs.Matmul(32, 32, 32);
        var sch = Tiled(f, 5);
        var json = sch.Trace.ToJson(removePostproc: true);
        Assert.DoesNotContain("EnterPostproc", json);
        Assert.DoesNotContain("Parallel", json);
        var replay = new Sched(f, 1);
        sch.Trace.ApplyTo(replay, removePostproc: true);
        Assert.Equal("SSRSR", ((StringImm)replay.State.FindBlock("C", "t").Block.Annotations["meta_schedule.tiling_structure"]!).Value);
        Assert.DoesNotContain("Parallel", IrText.Of(replay.Func));
    }

    [Fact]
    public void Simplified_drops_unused_getters_and_samplers_only()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, 3);
        var c = sch.GetBlock("C");
        sch.GetLoops(c);                                              // unused: dropped
        sch.SampleCategorical([1, 2], [0.5, 0.5]);                    // unused: dropped
        var loops = sch.GetLoops(c);
        sch.Parallel(loops[0]);
        sch.EnterPostproc();                                          // not pure: kept
        var simplified = sch.Trace.Simplified(removePostproc: false);
        Assert.Equal(["GetBlock", "GetLoops", "Parallel", "EnterPostproc"], simplified.Instructions.Select(i => i.Kind.Name).ToArray());
        Assert.Empty(simplified.Decisions);
        var replay = new Sched(f, 1);
        simplified.ApplyTo(replay);
        Assert.Equal(IrText.Of(sch.Func), IrText.Of(replay.Func));
        Assert.Equal(["GetBlock", "GetLoops", "Parallel"], sch.Trace.Simplified(removePostproc: true).Instructions.Select(i => i.Kind.Name).ToArray());
    }

    [Fact]
    public void WithDecision_changes_what_a_replay_produces()
    {
        var f = TestFuncs.Matmul(32, 32, 32);
        var sch = Tiled(f, 11);
        var tile = sch.Trace.Instructions.First(i => i.Kind.Name == "SamplePerfectTile");
        var changed = sch.Trace.WithDecision(tile, new long[] { 1, 4, 8 }, removePostproc: false);
        Assert.Equal(sch.Trace.Instructions.Count, changed.Instructions.Count);
        var replay = new TracedSchedule(f, 1);
        changed.ApplyTo(replay);
        var extents = replay.GetLoops(replay.GetBlock("C")).Select(l => E.AsConst(replay.State.FindLoop(replay.Get(l), "t").Extent)).ToList();
        Assert.Equal(4, extents[1]); // i_1
        Assert.Equal(8, extents[3 + 1]); // i_2 comes after k_0 in the SSRSR order: i_0*j_0 fused, i_1, j_1, k_0, i_2
        ScheduleAssert.SameResults(f, replay.Func);
        Assert.Equal(new long[] { 1, 4, 8 }, (long[])replay.Trace.GetDecision(replay.Trace.Instructions.First(i => i.Kind.Name == "SamplePerfectTile"))!);
    }

    [Fact]
    public void A_decision_override_replaces_decisions_during_replay()
    {
        var f = TestFuncs.Matmul(32, 32, 32);
        var sch = Tiled(f, 11);
        var replay = new TracedSchedule(f, 1);
        sch.Trace.ApplyTo(replay, decisionOverride: (inst, _, _, d) => inst.Kind.Name == "SampleCategorical" ? 3L : d);
        Assert.Equal(new IntImm(DataType.Int32, 512), replay.State.FindBlock("root", "t").Block.Annotations["meta_schedule.unroll_explicit"]);
    }

    [Fact]
    public void Copy_forks_the_random_stream_and_keeps_the_trace()
    {
        var sch = new TracedSchedule(TestFuncs.Matmul(), 42);
        sch.GetBlock("C");
        var copy = (TracedSchedule)sch.Copy();
        Assert.Equal(sch.Trace.ToJson(), copy.Trace.ToJson());
        Assert.Equal(2027382L * 32767 % 1999999973, copy.RandomState);
        copy.GetBlock("root");
        Assert.Single(sch.Trace.Instructions);
    }

    [Fact]
    public void Json_written_by_tvm_parses_and_writes_back_identically()
    {
        const string json = "[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"Annotate\",[\"b0\",\"\\\"SSRSRS\\\"\"],[\"meta_schedule.tiling_structure\"],[]],"
            + "[\"GetLoops\",[\"b0\"],[],[\"l1\",\"l2\",\"l3\"]],[\"SamplePerfectTile\",[\"l1\"],[4,64],[\"v4\",\"v5\",\"v6\",\"v7\"]],"
            + "[\"Split\",[\"l1\",\"v4\",\"v5\",\"v6\",\"v7\"],[1,0],[\"l8\",\"l9\",\"l10\",\"l11\"]],[\"SampleCategorical\",[],[[0,16,64,512],[0.25,0.25,0.25,0.25]],[\"v12\"]],"
            + "[\"EnterPostproc\",[],[],[]]],[[3,[2,4,32,2]],[5,1]]]";
        var trace = Trace.FromJson(json);
        Assert.Equal(json, trace.ToJson());
        var f = TestFuncs.Matmul(128, 16, 16);
        var sch = new Sched(f, 1);
        trace.ApplyTo(sch);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        // The decision [2,4,32,2] was for extent 512; on 128 it is repaired innermost first: 2 | 128, 32 | 64, 4 ∤ 2 → 2, outermost 1.
        Assert.Equal([1L, 2, 32, 2, 16, 16], loops.Select(l => E.AsConst(sch.State.FindLoop(sch.Get(l), "t").Extent)!.Value).ToArray());
    }

    [Fact]
    public void Floats_are_written_with_20_significant_digits_like_printf_g()
    {
        Assert.Equal("0.25", TraceJson.FormatDouble(0.25));
        Assert.Equal("0.2000000000000000111", TraceJson.FormatDouble(0.2));
        Assert.Equal("0.33333333333333331483", TraceJson.FormatDouble(1.0 / 3));
        Assert.Equal("9.9999999999999995475e-08", TraceJson.FormatDouble(1e-7));
        Assert.Equal("1e+20", TraceJson.FormatDouble(1e20));
        Assert.Equal("123.5", TraceJson.FormatDouble(123.5));
        Assert.Equal("-2", TraceJson.FormatDouble(-2.0));
    }

    [Fact]
    public void Malformed_json_is_rejected_with_a_reason()
    {
        Assert.Throws<FormatException>(() => Trace.FromJson("[[],[]"));
        var e = Assert.Throws<FormatException>(() => Trace.FromJson("[[[\"NoSuchKind\",[],[],[]]],[]]"));
        Assert.Equal("instruction 0: unknown instruction kind 'NoSuchKind'", e.Message);
        e = Assert.Throws<FormatException>(() => Trace.FromJson("[[[\"GetLoops\",[\"b9\"],[],[\"l0\"]]],[]]"));
        Assert.Equal("instruction 0: random variable 'b9' is not defined", e.Message);
    }
}

public class TracePythonTests
{
    [Fact]
    public void The_python_form_reads_like_tvms()
    {
        var sch = new TracedSchedule(TestFuncs.Matmul(), 1);
        var c = sch.GetBlock("C");
        var loops = sch.GetLoops(c);
        var t = sch.SamplePerfectTile(loops[0], 2, 16, decision: [4, 4]);
        sch.Split(loops[0], t.Cast<ExprRV?>().ToList());
        sch.Annotate(c, "meta_schedule.tiling_structure", "SSRSRS");
        sch.Fuse([loops[1], loops[2]]);
        Assert.Equal(
            "# from tvm import tir\ndef apply_trace(sch: tir.Schedule) -> None:\n"
            + "  b0 = sch.get_block(name=\"C\", func_name=\"main\")\n"
            + "  l1, l2, l3 = sch.get_loops(block=b0)\n"
            + "  v4, v5 = sch.sample_perfect_tile(loop=l1, n=2, max_innermost_factor=16, decision=[4, 4])\n"
            + "  l6, l7 = sch.split(loop=l1, factors=[v4, v5], preserve_unit_iters=True, disable_predication=False)\n"
            + "  sch.annotate(block_or_loop=b0, ann_key=\"meta_schedule.tiling_structure\", ann_val=\"SSRSRS\")\n"
            + "  l8 = sch.fuse(l2, l3, preserve_unit_iters=True)\n",
            sch.Trace.AsPython());
        Assert.EndsWith("  pass\n", new Trace().AsPython());
    }
}
