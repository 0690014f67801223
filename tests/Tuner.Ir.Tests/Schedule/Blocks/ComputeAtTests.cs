using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class ComputeAtTests
{
    private static Var Loop(ScheduleState s, string block, int i) => LoopsOf(s, block)[i];

    [Fact]
    public void ComputeAt_moves_the_padding_under_the_row_loop_computing_the_three_rows_the_convolution_needs()
    {
        var f = BlockTestWorkloads.PadConv();
        var s = new ScheduleState(f);
        var i = Loop(s, "conv", 0);
        ComputeAtPrimitive.Apply(s, "pad", i, preserveUnitLoops: false, index: -1);

        Assert.Equal(["i", "ax0", "ax1"], LoopsOf(s, "pad").Select(v => v.Name));
        var pad = s.FindBlock("pad", "t");
        Assert.Equal([3L, 10L], s.LoopsAbove(pad).Skip(1).Select(l => E.AsConst(l.Extent)!.Value));
        Assert.Equal(["(i + ax0)", "ax1"], pad.IterValues.Select(Show));
        Assert.True(E.IsConst(pad.Predicate, 1));
        var loopI = s.FindLoop(i, "t");
        Assert.Equal(2, ((SeqStmt)loopI.Body).Stmts.Count);
        Assert.Equal(["pad", "conv"], BlockNames(s));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_at_the_column_loop_computes_a_three_by_three_window()
    {
        var f = BlockTestWorkloads.PadConv();
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "pad", Loop(s, "conv", 1), false, -1);
        var pad = s.FindBlock("pad", "t");
        Assert.Equal(["(i + ax0)", "(j + ax1)"], pad.IterValues.Select(Show));
        Assert.Equal([3L, 3L], s.LoopsAbove(pad).Skip(2).Select(l => E.AsConst(l.Extent)!.Value));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_adds_a_predicate_where_the_required_region_may_leave_the_domain()
    {
        // C is computed under a non-divisible split io (3) x ii (6) of 16 with predicate io*6 + ii < 16.
        var (a, b, c) = (Buf("A", 16), Buf("B", 16), Buf("C", 16));
        var (io, ii, vi) = (V("io"), V("ii"), V("v_i"));
        var cBlk = Blk("C", [(vi, 16, IterKind.Spatial, io * 6 + ii)], St(c, L(b, vi) + F(1), vi)) with
        {
            Predicate = E.Lt(io * 6 + ii, I(16)),
        };
        var f = Func([a, c], [b],
            Compute("B", "S", [16], ["i"], v => St(b, L(a, v[0]) * F(2), v[0])),
            Loops([(io, 3), (ii, 6)], cBlk));
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "B", io, false, -1);
        var bb = s.FindBlock("B", "t");
        Assert.Equal(["((io * 6) + ax0)"], bb.IterValues.Select(Show));
        Assert.Equal("(((io * 6) + ax0) < 16)", Show(bb.Predicate));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_inverts_a_strided_write_index()
    {
        // B writes only even elements B[2v]; C (tiled io x ii) reads B[2 v_i].
        var (a, b, c) = (Buf("A", 16), Buf("B", 16), Buf("C", 8));
        var (v, io, ii, vi) = (V("v"), V("io"), V("ii"), V("v_i"));
        var x = V("x");
        var f = Func([a, c], [b],
            Loops([(x, 8)], Blk("B", [(v, 8, IterKind.Spatial, x)], St(b, L(a, v * 2) * F(2), v * 2))),
            Loops([(io, 2), (ii, 4)], Blk("C", [(vi, 8, IterKind.Spatial, io * 4 + ii)], St(c, L(b, vi * 2), vi))));
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "B", io, false, -1);
        var bb = s.FindBlock("B", "t");
        Assert.Equal(["((io * 4) + ax0)"], bb.IterValues.Select(Show));
        Assert.Equal(4L, E.AsConst(s.LoopsAbove(bb)[1].Extent));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_of_a_reduction_block_keeps_its_whole_reduction_domain()
    {
        var f = BlockTestWorkloads.MatmulRelu();
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "matmul", Loop(s, "relu", 0), false, -1);
        var mm = s.FindBlock("matmul", "t");
        Assert.Equal(["i", "ax0", "ax1"], LoopsOf(s, "matmul").Select(v => v.Name));
        Assert.Equal(["i", "ax0", "ax1"], mm.IterValues.Select(Show));
        Assert.Equal([16L, 16L], s.LoopsAbove(mm).Skip(1).Select(l => E.AsConst(l.Extent)!.Value));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_preserves_unit_loops_when_asked()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "B", Loop(s, "C", 1), preserveUnitLoops: true, index: -1);
        Assert.Equal(["i", "j", "ax0", "ax1"], LoopsOf(s, "B").Select(v => v.Name));
        Assert.Equal(["(i + ax0)", "(j + ax1)"], s.FindBlock("B", "t").IterValues.Select(Show));
        AssertSameOutputs(f, s.Func);

        var t = new ScheduleState(f);
        ComputeAtPrimitive.Apply(t, "B", Loop(t, "C", 1), preserveUnitLoops: false, index: -1);
        Assert.Equal(["i", "j"], LoopsOf(t, "B").Select(v => v.Name));
        Assert.Equal(["i", "j"], t.FindBlock("B", "t").IterValues.Select(Show));
        AssertSameOutputs(f, t.Func);
    }

    [Fact]
    public void ComputeAt_fuses_softmax_into_one_row_loop_with_a_cached_input()
    {
        var f = BlockTestWorkloads.Softmax();
        var s = new ScheduleState(f);
        CacheReadPrimitive.Apply(s, "maxelem", 0, "local");
        var i = Loop(s, "norm", 0);
        ComputeAtPrimitive.Apply(s, "expsum", i, false, -1);
        ComputeAtPrimitive.Apply(s, "exp", i, false, -1);
        ComputeAtPrimitive.Apply(s, "maxelem", i, false, -1);
        ComputeAtPrimitive.Apply(s, "A_local", i, false, -1);

        Assert.Equal(["A_local", "maxelem", "exp", "expsum", "norm"], BlockNames(s));
        var loopI = s.FindLoop(i, "t");
        Assert.Same(loopI, s.Func.RootBlock!.Body);
        Assert.Equal(5, ((SeqStmt)loopI.Body).Stmts.Count);
        Assert.Equal(["i", "ax0"], s.FindBlock("exp", "t").IterValues.Select(Show));
        Assert.Equal(["i", "ax0"], s.FindBlock("expsum", "t").IterValues.Select(Show));
        Assert.Equal(["i", "ax0"], s.FindBlock("A_local", "t").IterValues.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_index_minus_two_inserts_right_after_the_last_producer()
    {
        var f = BlockTestWorkloads.Softmax();
        var s = new ScheduleState(f);
        var i = Loop(s, "norm", 0);
        ComputeAtPrimitive.Apply(s, "expsum", i, false, -1);
        ComputeAtPrimitive.Apply(s, "exp", i, false, -1);
        // maxelem has no producer under the loop: right after "nothing" is position 0, before exp.
        ComputeAtPrimitive.Apply(s, "maxelem", i, false, -2);
        Assert.Equal(["maxelem", "exp", "expsum", "norm"], BlockNames(s));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeAt_rejects_a_loop_that_encloses_the_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "B", Loop(s, "B", 0), false, -1));
        Assert.Equal("ComputeAt: loop 'i' is an ancestor of block 'B'", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_an_output_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "relu", Loop(s, "matmul", 0), false, -1));
        Assert.Equal("ComputeAt: block 'relu' is an output block", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_loop_that_is_not_above_any_consumer()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "maxelem", Loop(s, "expsum", 0), false, -1));
        Assert.Equal("ComputeAt: loop 'i' is not an ancestor of any consumer of block 'maxelem'", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_loop_that_is_not_above_all_consumers()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "exp", Loop(s, "norm", 0), false, -1));
        Assert.Equal("ComputeAt: loop 'i' is not an ancestor of all consumers of block 'exp'", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_block_that_is_neither_complete_nor_a_reduction()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B1", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("B2", "S", [4], ["i"], v => St(b, L(b, v[0]) + F(1), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var s = new ScheduleState(f);
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "B2", Loop(s, "C", 0), false, -1));
        Assert.Equal("ComputeAt: block 'B2' is neither a complete block nor a reduction block", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_an_index_outside_the_producer_consumer_window()
    {
        var s = new ScheduleState(BlockTestWorkloads.PadConv());
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "pad", Loop(s, "conv", 0), false, 1));
        Assert.Equal("ComputeAt: index 1 is not a valid insertion point under loop 'i' (valid: -1, -2, [0, 0])", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_removed_loop()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var stale = Loop(s, "B", 0);
        ComputeAtPrimitive.Apply(s, "B", Loop(s, "C", 0), false, -1);
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "B", stale, false, -1));
        Assert.StartsWith("ComputeAt: loop 'i' does not exist", e.Message);
    }

    [Fact]
    public void CandidateLoops_are_the_consumer_loops_down_to_the_last_data_parallel_one()
    {
        var s = new ScheduleState(BlockTestWorkloads.PadConv());
        Assert.Equal(LoopsOf(s, "conv").Take(2), ComputeAtPrimitive.CandidateLoops(s, "pad"));
        var sm = new ScheduleState(BlockTestWorkloads.Softmax());
        Assert.Equal(LoopsOf(sm, "exp"), ComputeAtPrimitive.CandidateLoops(sm, "maxelem"));
        // exp has two consumers in different nests: no common loop.
        Assert.Empty(ComputeAtPrimitive.CandidateLoops(sm, "exp"));
        Assert.Empty(ComputeAtPrimitive.CandidateLoops(sm, "norm"));
    }

    [Fact]
    public void CanApply_tells_whether_compute_at_would_succeed_without_changing_the_state()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var before = s.Func;
        Assert.True(ComputeAtPrimitive.CanApply(s, "maxelem", Loop(s, "exp", 0)));
        Assert.False(ComputeAtPrimitive.CanApply(s, "exp", Loop(s, "norm", 0)));
        Assert.True(ReverseComputeAtPrimitive.CanApply(s, "exp", Loop(s, "maxelem", 0)));
        Assert.False(ReverseComputeAtPrimitive.CanApply(s, "norm", Loop(s, "expsum", 0)));
        Assert.Same(before, s.Func);
    }

    [Fact]
    public void CandidateLoops_see_through_a_loop_body_holding_several_statements()
    {
        // After compute_at of exp into norm's row loop, maxelem's consumer exp sits in a sequence under that loop.
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var i = Loop(s, "norm", 0);
        ComputeAtPrimitive.Apply(s, "expsum", i, false, -1);
        ComputeAtPrimitive.Apply(s, "exp", i, false, -1);
        Assert.Equal(LoopsOf(s, "exp"), ComputeAtPrimitive.CandidateLoops(s, "maxelem"));
        // exp's consumers now share loop i, but exp already sits under it: compute_at there is rejected, as in TVM.
        Assert.Empty(ComputeAtPrimitive.CandidateLoops(s, "exp"));
    }

    [Fact]
    public void CandidateLoops_of_a_producer_whose_consumer_sits_directly_in_a_statement_sequence()
    {
        var (a, p, b, c) = (Buf("A", 8, 8), Buf("P", 8, 8), Buf("B", 8, 8), Buf("C", 8, 8));
        var f = Func([a, c], [p, b],
            Compute("P", "SS", [8, 8], ["i", "j"], v => St(p, L(a, v[0], v[1]) + F(1), v[0], v[1])),
            Compute("B", "SS", [8, 8], ["i", "j"], v => St(b, L(p, v[0], v[1]) * F(2), v[0], v[1])),
            Compute("C", "SS", [8, 8], ["i", "j"], v => St(c, L(b, v[0], v[1]) + F(1), v[0], v[1])));
        var s = new ScheduleState(f);
        ComputeAtPrimitive.Apply(s, "B", Loop(s, "C", 1), false, -1);
        Assert.IsType<SeqStmt>(s.FindLoop(Loop(s, "C", 1), "t").Body);
        Assert.Equal(LoopsOf(s, "C"), ComputeAtPrimitive.CandidateLoops(s, "P"));
        AssertSameOutputs(f, s.Func);
    }
}
