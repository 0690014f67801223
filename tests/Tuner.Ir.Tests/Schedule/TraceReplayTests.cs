using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class TraceReplayTests
{
    [Fact]
    public void ApplyJson_returns_the_scheduled_function()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Split(loops[0], [null, 4L]);
        sch.Parallel(loops[1]);
        var replayed = TraceReplay.ApplyJson(f, sch.Trace.ToJson());
        Assert.Equal(IrText.Of(sch.Func), IrText.Of(replayed));
        ScheduleAssert.SameResults(f, replayed);
    }

    [Fact]
    public void ApplyJson_names_the_failing_instruction_and_the_primitive_error()
    {
        var f = TestFuncs.Matmul();
        const string json = "[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"GetLoops\",[\"b0\"],[],[\"l1\",\"l2\",\"l3\"]],"
            + "[\"Split\",[\"l1\",4,2],[1,0],[\"l4\",\"l5\"]]],[]]";
        var e = Assert.Throws<TraceReplayException>(() => TraceReplay.ApplyJson(f, json));
        Assert.Equal(2, e.Index);
        Assert.Equal("Split", e.Kind);
        Assert.IsType<SplitFactorError>(e.Inner);
        Assert.Equal("TraceReplay: instruction 2 (Split) failed: Split: loop 'i': the product of factors 4*2 = 8 is less than the extent 16", e.Message);
    }

    [Fact]
    public void ApplyJson_reports_a_missing_block_at_its_instruction()
    {
        var e = Assert.Throws<TraceReplayException>(() => TraceReplay.ApplyJson(TestFuncs.Matmul(), "[[[\"GetBlock\",[],[\"D\",\"main\"],[\"b0\"]]],[]]"));
        Assert.Equal(0, e.Index);
        Assert.Equal("GetBlock", e.Kind);
        Assert.Contains("no block named 'D'", e.Message);
    }

    [Fact]
    public void ApplyJson_reports_malformed_json_at_index_minus_one()
    {
        var e = Assert.Throws<TraceReplayException>(() => TraceReplay.ApplyJson(TestFuncs.Matmul(), "[[[\"Nope\",[],[],[]]],[]]"));
        Assert.Equal(-1, e.Index);
        Assert.Contains("unknown instruction kind 'Nope'", e.Message);
    }

    [Fact]
    public void A_replay_using_an_expired_loop_fails_as_in_tvm()
    {
        // l1 (loop i) is replaced by the split; using it again afterwards is an error.
        const string json = "[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"GetLoops\",[\"b0\"],[],[\"l1\",\"l2\",\"l3\"]],"
            + "[\"Split\",[\"l1\",\"None\",4],[1,0],[\"l4\",\"l5\"]],[\"Parallel\",[\"l1\"],[],[]]],[]]";
        var e = Assert.Throws<TraceReplayException>(() => TraceReplay.ApplyJson(TestFuncs.Matmul(), json));
        Assert.Equal(3, e.Index);
        Assert.Contains("expired", e.Message);
    }
}
