using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class ForKindTests
{
    private static For Loop(Sched sch, LoopRV l) => sch.State.FindLoop(sch.Get(l), "test");

    [Fact]
    public void Parallel_vectorize_and_unroll_set_the_loop_kind()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Parallel(loops[0]);
        sch.Vectorize(loops[1]);
        sch.Unroll(loops[2]);
        Assert.Equal([ForKind.Parallel, ForKind.Vectorized, ForKind.Unrolled], loops.Select(l => Loop(sch, l).Kind).ToArray());
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
        Assert.Contains("[\"Parallel\",[\"l1\"],[],[]],[\"Vectorize\",[\"l2\"],[],[]],[\"Unroll\",[\"l3\"],[],[]]", sch.Trace.ToJson());
    }

    [Fact]
    public void Parallel_rejects_a_loop_bound_to_a_reduction_iter()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var k = sch.GetLoops(sch.GetBlock("C"))[2];
        var e = Assert.Throws<ScheduleError>(() => sch.Parallel(k));
        Assert.Equal("Parallel: loop 'k' cannot be parallelized because block 'C' binds its reduce iter 'v_k' to it", e.Message);
    }

    [Fact]
    public void Vectorize_rejects_a_loop_bound_to_a_reduction_iter()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var k = sch.GetLoops(sch.GetBlock("C"))[2];
        Assert.Throws<ScheduleError>(() => sch.Vectorize(k));
    }

    [Fact]
    public void Unroll_accepts_a_reduction_loop()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var k = sch.GetLoops(sch.GetBlock("C"))[2];
        sch.Unroll(k);
        Assert.Equal(ForKind.Unrolled, Loop(sch, k).Kind);
    }

    [Fact]
    public void Bind_sets_a_thread_binding_and_allows_cross_thread_reduction_on_threadIdx()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Bind(loops[0], "blockIdx.x");
        sch.Bind(loops[2], "threadIdx.x");
        Assert.Equal((ForKind.ThreadBinding, "blockIdx.x"), (Loop(sch, loops[0]).Kind, Loop(sch, loops[0]).ThreadTag));
        Assert.Equal("threadIdx.x", Loop(sch, loops[2]).ThreadTag);
        ScheduleAssert.TraceRoundTrips(f, sch);
        Assert.Contains("[\"Bind\",[\"l1\"],[\"blockIdx.x\"],[]]", sch.Trace.ToJson());
    }

    [Fact]
    public void Bind_rejects_a_reduction_loop_on_blockIdx_and_an_unknown_axis()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        Assert.Throws<ScheduleError>(() => sch.Bind(loops[2], "blockIdx.x"));
        var e = Assert.Throws<ScheduleError>(() => sch.Bind(loops[0], "warp.x"));
        Assert.Equal("Bind: 'warp.x' is not a thread axis (blockIdx.*, threadIdx.*, vthread.*)", e.Message);
    }
}
