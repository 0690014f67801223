using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class SplitTests
{
    private static BlockRealize Block(Sched sch, string name) => sch.State.FindBlock(name, "test");

    [Fact]
    public void Split_with_an_inferred_factor_makes_two_loops_and_a_canonical_binding()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var parts = sch.Split(loops[0], [null, 4L]);

        Assert.Equal(["i_0", "i_1", "j", "k"], sch.GetLoops(sch.GetBlock("C")).Select(l => sch.Get(l).Name).ToArray());
        Assert.Equal([4L, 4L], parts.Select(p => E.AsConst(sch.State.FindLoop(sch.Get(p), "t").Extent)!.Value).ToArray());
        var c = Block(sch, "C");
        Assert.Equal("(i_0 * 4) + i_1", IrText.Expr(c.IterValues[0]));
        Assert.Equal("True", IrText.Expr(c.Predicate));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
        Assert.Equal("[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"GetLoops\",[\"b0\"],[],[\"l1\",\"l2\",\"l3\"]],"
            + "[\"Split\",[\"l1\",\"None\",4],[1,0],[\"l4\",\"l5\"]],[\"GetBlock\",[],[\"C\",\"main\"],[\"b6\"]],[\"GetLoops\",[\"b6\"],[],[\"l7\",\"l8\",\"l9\",\"l10\"]]],[]]",
            sch.Trace.ToJson());
    }

    [Fact]
    public void Split_into_three_loops_nests_the_binding()
    {
        var f = TestFuncs.Vector(64);
        var sch = new TracedSchedule(f, seed: 1);
        sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [2L, 4L, 8L]);
        Assert.Equal("((i_0 * 32) + (i_1 * 8)) + i_2", IrText.Expr(Block(sch, "B").IterValues[0]));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Splitting_an_inner_loop_again_keeps_a_flat_sum()
    {
        var f = TestFuncs.Vector(16);
        var sch = new TracedSchedule(f, seed: 1);
        var parts = sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [4L, 4L]);
        sch.Split(parts[1], [2L, 2L]);
        Assert.Equal("((i_0 * 4) + (i_1_0 * 2)) + i_1_1", IrText.Expr(Block(sch, "B").IterValues[0]));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Fusing_the_loops_of_a_split_gives_back_the_plain_binding()
    {
        var f = TestFuncs.Vector(16);
        var sch = new Sched(f, seed: 1);
        var parts = sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [4L, 4L]);
        sch.Fuse(parts);
        Assert.Equal("i_0_i_1_fused", IrText.Expr(Block(sch, "B").IterValues[0]));
        ScheduleAssert.SameResults(f, sch.Func);
    }

    [Fact]
    public void Split_of_a_non_divisible_extent_guards_the_block_with_a_predicate()
    {
        var f = TestFuncs.Vector(10);
        var sch = new TracedSchedule(f, seed: 1);
        var parts = sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [null, 4L]);
        Assert.Equal(3, E.AsConst(sch.State.FindLoop(sch.Get(parts[0]), "t").Extent));
        Assert.Equal("((i_0 * 4) + i_1) < 10", IrText.Expr(Block(sch, "B").Predicate));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Split_whose_factor_product_exceeds_the_extent_adds_the_predicate_too()
    {
        var f = TestFuncs.Vector(10);
        var sch = new Sched(f);
        sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [4L, 4L]);
        Assert.Equal("((i_0 * 4) + i_1) < 10", IrText.Expr(Block(sch, "B").Predicate));
        ScheduleAssert.SameResults(f, sch.Func);
    }

    [Fact]
    public void Split_with_predication_disabled_adds_no_predicate()
    {
        var sch = new Sched(TestFuncs.Vector(10));
        sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [3L, 4L], disablePredication: true);
        Assert.Equal("True", IrText.Expr(Block(sch, "B").Predicate));
    }

    [Fact]
    public void Split_without_preserving_unit_iters_drops_the_unit_loop_from_the_binding()
    {
        var keep = new Sched(TestFuncs.Vector(16));
        keep.Split(keep.GetLoops(keep.GetBlock("B"))[0], [1L, 16L]);
        Assert.Equal("(i_0 * 16) + i_1", IrText.Expr(Block(keep, "B").IterValues[0]));

        var drop = new Sched(TestFuncs.Vector(16));
        drop.Split(drop.GetLoops(drop.GetBlock("B"))[0], [1L, 16L], preserveUnitIters: false);
        Assert.Equal("i_1", IrText.Expr(Block(drop, "B").IterValues[0]));
    }

    [Fact]
    public void Split_by_sampled_factors_records_the_expr_rvs()
    {
        var f = TestFuncs.Vector(64);
        var sch = new TracedSchedule(f, seed: 3);
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        var tiles = sch.SamplePerfectTile(loop, 3, 8, decision: [2, 4, 8]);
        sch.Split(loop, tiles.Cast<ExprRV?>().ToList());
        Assert.Equal("((i_0 * 32) + (i_1 * 8)) + i_2", IrText.Expr(Block(sch, "B").IterValues[0]));
        Assert.Contains("[\"Split\",[\"l1\",\"v2\",\"v3\",\"v4\"],[1,0],[\"l5\",\"l6\",\"l7\"]]", sch.Trace.ToJson());
        Assert.EndsWith("[[2,[2,4,8]]]]", sch.Trace.ToJson());
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Split_of_a_parallel_loop_makes_serial_loops_as_tvm()
    {
        var sch = new Sched(TestFuncs.Vector(16));
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        sch.Parallel(loop);
        var parts = sch.Split(loop, [null, 4L]);
        Assert.All(parts, p => Assert.Equal(ForKind.Serial, sch.State.FindLoop(sch.Get(p), "t").Kind));
    }

    [Fact]
    public void Split_rejects_factors_whose_product_is_less_than_the_extent()
    {
        var sch = new Sched(TestFuncs.Vector(64));
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        var before = sch.Func;
        var e = Assert.Throws<SplitFactorError>(() => sch.Split(loop, [4L, 8L]));
        Assert.Equal("Split: loop 'i': the product of factors 4*8 = 32 is less than the extent 64", e.Message);
        Assert.Same(before, sch.Func);
    }

    [Fact]
    public void Split_rejects_two_inferred_factors()
    {
        var sch = new Sched(TestFuncs.Vector(64));
        var e = Assert.Throws<SplitFactorError>(() => sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], new long?[] { null, null }));
        Assert.Equal("Split: loop 'i': only one factor can be None", e.Message);
    }

    [Fact]
    public void Split_rejects_a_non_positive_factor()
    {
        var sch = new Sched(TestFuncs.Vector(64));
        var e = Assert.Throws<SplitFactorError>(() => sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [null, 0L]));
        Assert.Contains("factor 1 is 0", e.Message);
    }

    [Fact]
    public void Split_rejects_an_annotated_loop()
    {
        var sch = new Sched(TestFuncs.Vector(64));
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        sch.Annotate(loop, "pragma_auto_unroll_max_step", 16L);
        var e = Assert.Throws<ScheduleError>(() => sch.Split(loop, [null, 4L]));
        Assert.Equal("Split: loop 'i' has annotations or a thread binding", e.Message);
    }

    [Fact]
    public void Split_rejects_a_loop_that_does_not_start_at_zero()
    {
        var f = TestFuncs.Vector(64);
        var loop = (For)((BlockRealize)f.Body).Block.Body;
        f = f with { Body = ((BlockRealize)f.Body) with { Block = ((BlockRealize)f.Body).Block with { Body = loop with { Min = IntImm.I32(1), Extent = IntImm.I32(63) } } } };
        var sch = new Sched(f);
        var e = Assert.Throws<ScheduleError>(() => sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [null, 4L]));
        Assert.Equal("Split: loop 'i' does not start at 0, which is not supported", e.Message);
    }
}
