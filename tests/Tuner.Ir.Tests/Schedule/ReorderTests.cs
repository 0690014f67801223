using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class ReorderTests
{
    private static string Order(Sched sch, string block) => string.Join(",", sch.GetLoops(sch.GetBlock(block)).Select(l => sch.Get(l).Name));

    [Fact]
    public void Reorder_permutes_the_listed_loops_and_keeps_their_vars()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Reorder([loops[2], loops[0]]);
        Assert.Equal("k,j,i", Order(sch, "C"));
        Assert.Equal("i", sch.Get(loops[0]).Name); // the RV still refers to the same loop
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
        Assert.Contains("[\"Reorder\",[\"l3\",\"l1\"],[],[]]", sch.Trace.ToJson());
    }

    [Fact]
    public void Reorder_of_split_loops_builds_a_tiled_nest()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var i = sch.Split(loops[0], [null, 4L]);
        var j = sch.Split(loops[1], [null, 4L]);
        sch.Reorder([i[0], j[0], loops[2], i[1], j[1]]);
        Assert.Equal("i_0,j_0,k,i_1,j_1", Order(sch, "C"));
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Reorder_rejects_a_repeated_loop()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([loops[0], loops[0]]));
        Assert.Equal("Reorder: loop 'i' appears more than once", e.Message);
    }

    [Fact]
    public void Reorder_rejects_loops_of_different_nests()
    {
        var sch = new Sched(TestFuncs.Elementwise());
        var b = sch.GetLoops(sch.GetBlock("B"));
        var c = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([b[0], c[1]]));
        Assert.Equal("Reorder: loops 'i' and 'j' are not in the same loop nest", e.Message);
    }

    [Fact]
    public void Reorder_rejects_a_loop_with_more_than_one_child_in_the_chain()
    {
        var f = TestFuncs.Elementwise();
        var root = ((BlockRealize)f.Body).Block;
        var seq = (SeqStmt)root.Body;
        var first = (For)seq.Stmts[0];
        var second = (For)seq.Stmts[1];
        var secondInner = Substituter.Apply(second.Body, new Dictionary<Var, Expr> { [second.LoopVar] = first.LoopVar });
        f = f with { Body = ((BlockRealize)f.Body) with { Block = root with { Body = first with { Body = new SeqStmt([first.Body, secondInner]) } } } };
        var sch = new Sched(f);
        var loops = sch.GetLoops(sch.GetBlock("B"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([loops[1], loops[0]]));
        Assert.Equal("Reorder: loop 'i' has more than one child or a non-loop statement between it and loop 'j'", e.Message);
    }

    [Fact]
    public void Reorder_rejects_moving_a_loop_outside_a_loop_its_extent_depends_on()
    {
        var sch = new Sched(TestFuncs.Triangle());
        var loops = sch.GetLoops(sch.GetBlock("B"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([loops[1], loops[0]]));
        Assert.Equal("Reorder: the domain of loop 'j' would depend on loop 'i' inside it", e.Message);
    }

    [Fact]
    public void Reorder_of_one_loop_changes_nothing()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var before = sch.Func;
        sch.Reorder([sch.GetLoops(sch.GetBlock("C"))[1]]);
        Assert.Same(before, sch.Func);
    }
}
