using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>The block primitives through Schedule, TracedSchedule and their instruction kinds (TVM layouts).</summary>
public class BlockKindsTests
{
    [Fact]
    public void CacheWrite_then_ReverseComputeAt_round_trips_in_tvms_layout()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, 1);
        var c = sch.GetBlock("C");
        var cache = sch.CacheWrite(c, 0, "global");
        var loops = sch.GetLoops(c);
        sch.ReverseComputeAt(cache, loops[1], preserveUnitLoops: true);
        var json = sch.Trace.ToJson();
        Assert.Contains("[\"CacheWrite\",[\"b0\",[]],[0,\"global\"],[\"b1\"]]", json);
        Assert.Contains("[\"ReverseComputeAt\",[\"b1\",\"l3\"],[1,-1],[]]", json);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void A_tvm_written_trace_with_block_instructions_replays()
    {
        const string json = "[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"CacheWrite\",[\"b0\",[]],[0,\"global\"],[\"b1\"]],"
            + "[\"GetLoops\",[\"b0\"],[],[\"l2\",\"l3\",\"l4\"]],[\"ReverseComputeAt\",[\"b1\",\"l3\"],[1,-1],[]],"
            + "[\"DecomposeReduction\",[\"b0\",\"l4\"],[],[\"b5\"]]],[]]";
        Assert.Equal(json, Trace.FromJson(json).ToJson());
        var f = TestFuncs.Matmul();
        ScheduleAssert.SameResults(f, TraceReplay.ApplyJson(f, json));
    }

    [Fact]
    public void CacheRead_ComputeAt_and_inlining_keep_results()
    {
        var f = TestFuncs.Elementwise();
        var sch = new TracedSchedule(f, 1);
        var b = sch.GetBlock("B");
        var c = sch.GetBlock("C");
        sch.ComputeAt(b, sch.GetLoops(c)[0]);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);

        var cr = new TracedSchedule(f, 1);
        var c2 = cr.GetBlock("C");
        cr.CacheRead(c2, 0, "global", [c2]);
        Assert.Contains("[\"CacheRead\",[\"b0\",[\"b0\"]],[0,\"global\"],[\"b1\"]]", cr.Trace.ToJson());
        ScheduleAssert.SameResults(f, cr.Func);
        ScheduleAssert.TraceRoundTrips(f, cr);

        var inl = new TracedSchedule(f, 1);
        inl.ComputeInline(inl.GetBlock("B"));
        ScheduleAssert.SameResults(f, inl.Func);
        ScheduleAssert.TraceRoundTrips(f, inl);

        var rev = new TracedSchedule(f, 1);
        rev.ReverseComputeInline(rev.GetBlock("C"));
        ScheduleAssert.SameResults(f, rev.Func);
        ScheduleAssert.TraceRoundTrips(f, rev);
    }

    [Fact]
    public void Sampled_compute_locations_are_valid_compute_at_targets()
    {
        var f = TestFuncs.Elementwise();
        for (long seed = 1; seed <= 8; seed++)
        {
            var sch = new TracedSchedule(f, seed * 1_000_003L);
            var b = sch.GetBlock("B");
            var loc = sch.SampleComputeLocation(b);
            sch.ComputeAt(b, loc, preserveUnitLoops: true);
            ScheduleAssert.SameResults(f, sch.Func);
            ScheduleAssert.TraceRoundTrips(f, sch);
        }
    }

    [Fact]
    public void DecomposeReduction_and_RFactor_keep_results()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, 1);
        var c = sch.GetBlock("C");
        var loops = sch.GetLoops(c);
        sch.DecomposeReduction(c, loops[2]);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);

        var rf = new TracedSchedule(f, 1);
        var k = rf.Split(rf.GetLoops(rf.GetBlock("C"))[2], [4L, null]);
        rf.RFactor(k[0], 0);
        ScheduleAssert.SameResults(f, rf.Func);
        ScheduleAssert.TraceRoundTrips(f, rf);
        Assert.Contains("[\"RFactor\",[\"l4\"],[0],[\"b6\"]]", rf.Trace.ToJson());
    }
}
