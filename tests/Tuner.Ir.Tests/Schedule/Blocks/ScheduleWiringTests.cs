using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>The block primitives through TracedSchedule: random-variable bookkeeping and trace round trips.</summary>
public class ScheduleWiringTests
{
    [Fact]
    public void A_block_rv_follows_the_reduction_block_renamed_by_decompose_reduction()
    {
        var f = BlockTestWorkloads.Matmul();
        var sch = new TracedSchedule(f, 1);
        var mm = sch.GetBlock("matmul");
        var loops = sch.GetLoops(mm);
        var init = sch.DecomposeReduction(mm, loops[1]);
        Assert.Equal("matmul_update", sch.Get(mm));
        Assert.Equal("matmul_init", sch.Get(init));
        Assert.Equal(3, sch.GetLoops(mm).Count);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void CacheWrite_with_consumer_blocks_records_them_and_replays()
    {
        var f = BlockTestWorkloads.MatmulRelu();
        var sch = new TracedSchedule(f, 1);
        var mm = sch.GetBlock("matmul");
        var relu = sch.GetBlock("relu");
        var cache = sch.CacheWrite(mm, 0, "local", [relu]);
        Assert.Equal("C_local", sch.Get(cache));
        Assert.Contains("[\"CacheWrite\",[\"b0\",[\"b1\"]],[0,\"local\"],[\"b2\"]]", sch.Trace.ToJson());
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }
}
