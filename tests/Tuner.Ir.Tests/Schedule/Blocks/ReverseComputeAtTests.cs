using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class ReverseComputeAtTests
{
    [Fact]
    public void ReverseComputeAt_moves_relu_under_the_matmul_row_loop_after_the_reduction()
    {
        var f = BlockTestWorkloads.MatmulRelu();
        var s = new ScheduleState(f);
        var i = LoopsOf(s, "matmul")[0];
        ReverseComputeAtPrimitive.Apply(s, "relu", i, false, -1);

        Assert.Equal(["i", "ax0"], LoopsOf(s, "relu").Select(v => v.Name));
        Assert.Equal(["i", "ax0"], s.FindBlock("relu", "t").IterValues.Select(Show));
        var body = (SeqStmt)s.FindLoop(i, "t").Body;
        Assert.Equal(2, body.Stmts.Count);
        Assert.Same(s.Func.RootBlock!.Body, s.FindLoop(i, "t"));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheWrite_then_ReverseComputeAt_at_a_tile_loop_writes_back_one_tile_per_iteration()
    {
        // MultiLevelTiling: cache_write(matmul, 0, "global") then reverse_compute_at(C_global, j1, preserve_unit_loops=True).
        var f = BlockTestWorkloads.TiledMatmul();
        var s = new ScheduleState(f);
        var copy = CacheWritePrimitive.Apply(s, "matmul", 0, "global");
        var j1 = LoopsOf(s, "matmul")[3];
        ReverseComputeAtPrimitive.Apply(s, copy, j1, preserveUnitLoops: true, index: -1);

        Assert.Equal(["i0", "j0", "i1", "j1", "ax0", "ax1"], LoopsOf(s, copy).Select(v => v.Name));
        var realize = s.FindBlock(copy, "t");
        Assert.Equal(["(((i0 * 8) + (i1 * 4)) + ax0)", "(((j0 * 8) + (j1 * 4)) + ax1)"], realize.IterValues.Select(Show));
        Assert.Equal([4L, 4L], s.LoopsAbove(realize).Skip(4).Select(l => E.AsConst(l.Extent)!.Value));
        Assert.True(E.IsConst(realize.Predicate, 1));
        var body = (SeqStmt)s.FindLoop(j1, "t").Body;
        Assert.Equal("k0", ((For)body.Stmts[0]).LoopVar.Name);
        Assert.Equal("ax0", ((For)body.Stmts[1]).LoopVar.Name);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeAt_gathers_the_softmax_tail_under_the_exp_row_loop()
    {
        var f = BlockTestWorkloads.Softmax();
        var s = new ScheduleState(f);
        var i = LoopsOf(s, "exp")[0];
        ReverseComputeAtPrimitive.Apply(s, "expsum", i, false, -1);
        ReverseComputeAtPrimitive.Apply(s, "norm", i, false, -1);
        Assert.Equal(["i", "ax0"], s.FindBlock("expsum", "t").IterValues.Select(Show));
        Assert.Equal(["i", "ax0"], s.FindBlock("norm", "t").IterValues.Select(Show));
        Assert.Equal(3, ((SeqStmt)s.FindLoop(i, "t").Body).Stmts.Count);
        Assert.Equal(["maxelem", "exp", "expsum", "norm"], BlockNames(s));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeAt_drops_unit_loops_unless_preserved()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        ReverseComputeAtPrimitive.Apply(s, "C", LoopsOf(s, "B")[1], false, -1);
        Assert.Equal(["i", "j"], LoopsOf(s, "C").Select(v => v.Name));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_loop_that_is_not_above_all_producers()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "norm", LoopsOf(s, "expsum")[0], false, -1));
        Assert.Equal("ReverseComputeAt: loop 'i' is not an ancestor of all producers of block 'norm'", e.Message);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_loop_that_is_not_above_any_producer()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "expsum", LoopsOf(s, "maxelem")[0], false, -1));
        Assert.Equal("ReverseComputeAt: loop 'i' is not an ancestor of any producer of block 'expsum'", e.Message);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_loop_that_encloses_the_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "relu", LoopsOf(s, "relu")[0], false, -1));
        Assert.Equal("ReverseComputeAt: loop 'i' is an ancestor of block 'relu'", e.Message);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_block_without_producer()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "matmul", LoopsOf(s, "relu")[0], false, -1));
        Assert.Equal("ReverseComputeAt: block 'matmul' has no producer", e.Message);
    }
}
