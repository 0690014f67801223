using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class FuseTests
{
    private static BlockRealize Block(Sched sch, string name) => sch.State.FindBlock(name, "test");

    [Fact]
    public void Fuse_of_two_loops_binds_floordiv_and_floormod_of_the_fused_var()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var fused = sch.Fuse([loops[0], loops[1]]);
        var loop = sch.State.FindLoop(sch.Get(fused), "t");
        Assert.Equal("i_j_fused", loop.LoopVar.Name);
        Assert.Equal(256, E.AsConst(loop.Extent));
        var c = Block(sch, "C");
        Assert.Equal("i_j_fused // 16", IrText.Expr(c.IterValues[0]));
        Assert.Equal("i_j_fused % 16", IrText.Expr(c.IterValues[1]));
        Assert.Equal("k", IrText.Expr(c.IterValues[2]));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
        Assert.Contains("[\"Fuse\",[\"l1\",\"l2\"],[1],[\"l4\"]]", sch.Trace.ToJson());
    }

    [Fact]
    public void Fuse_of_three_loops_gives_tvm_canonical_bindings()
    {
        var f = TestFuncs.Matmul(4, 8, 16);
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Fuse(loops);
        var c = Block(sch, "C");
        Assert.Equal("i_j_k_fused // 128", IrText.Expr(c.IterValues[0]));
        Assert.Equal("(i_j_k_fused % 128) // 16", IrText.Expr(c.IterValues[1]));
        Assert.Equal("i_j_k_fused % 16", IrText.Expr(c.IterValues[2]));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Fuse_after_split_keeps_results()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var i = sch.Split(loops[0], [null, 4L]);
        var j = sch.Split(loops[1], [null, 8L]);
        sch.Reorder([i[0], j[0], i[1], j[1]]);
        sch.Fuse([i[0], j[0]]);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Fuse_binds_a_unit_loop_to_zero_as_tvm()
    {
        foreach (var preserve in new[] { true, false })
        {
            var f = TestFuncs.Matmul(1, 16, 4);
            var sch = new Sched(f);
            var loops = sch.GetLoops(sch.GetBlock("C"));
            sch.Fuse([loops[0], loops[1]], preserveUnitIters: preserve);
            var c = Block(sch, "C");
            Assert.Equal("0", IrText.Expr(c.IterValues[0]));
            Assert.Equal("i_j_fused", IrText.Expr(c.IterValues[1]));
            ScheduleAssert.SameResults(f, sch.Func);
        }
    }

    [Fact]
    public void Fuse_rejects_loops_that_are_not_directly_nested()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<FuseNotChainError>(() => sch.Fuse([loops[0], loops[2]]));
        Assert.Equal("Fuse: loop 'i' is not the parent of loop 'k'", e.Message);
    }

    [Fact]
    public void Fuse_rejects_an_inner_loop_that_is_not_the_only_child()
    {
        var f = TestFuncs.Elementwise();
        // Put both nests under the first i loop: i { j {B}; j' {C} } with C's i replaced by the outer i.
        var root = ((BlockRealize)f.Body).Block;
        var seq = (SeqStmt)root.Body;
        var first = (For)seq.Stmts[0];
        var second = (For)seq.Stmts[1];
        var secondInner = Substituter.Apply(second.Body, new Dictionary<Var, Expr> { [second.LoopVar] = first.LoopVar });
        var merged = first with { Body = new SeqStmt([first.Body, secondInner]) };
        f = f with { Body = ((BlockRealize)f.Body) with { Block = root with { Body = merged } } };
        var sch = new Sched(f);
        var loops = sch.GetLoops(sch.GetBlock("B"));
        var e = Assert.Throws<FuseNotChainError>(() => sch.Fuse([loops[0], loops[1]]));
        Assert.Equal("Fuse: loop 'j' is not the only child of loop 'i'", e.Message);
    }

    [Fact]
    public void Fuse_rejects_an_annotated_loop()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Parallel(loops[0]);
        sch.Annotate(loops[1], "k", "v");
        Assert.Throws<ScheduleError>(() => sch.Fuse([loops[0], loops[1]]));
    }

    [Fact]
    public void Fuse_rejects_an_inner_loop_whose_extent_depends_on_an_outer_one()
    {
        var sch = new Sched(TestFuncs.Triangle());
        var loops = sch.GetLoops(sch.GetBlock("B"));
        var e = Assert.Throws<FuseNotChainError>(() => sch.Fuse(loops));
        Assert.Equal("Fuse: the extent of loop 'j' depends on loop 'i'", e.Message);
    }

    [Fact]
    public void Fuse_rejects_an_empty_list() =>
        Assert.Throws<ScheduleError>(() => new Sched(TestFuncs.Matmul()).Fuse([]));
}
