using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>The remaining documented preconditions of the block primitives, one rejection each.</summary>
public class MorePreconditionTests
{
    /// <summary>B1 writes B, B2 updates B in place (reads and writes it), C reads B.</summary>
    private static PrimFunc TwoWriters()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        return Func([a, c], [b],
            Compute("B1", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("B2", "S", [4], ["i"], v => St(b, L(b, v[0]) + F(1), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
    }

    [Fact]
    public void Cache_primitives_reject_the_root_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        Assert.Equal("CacheRead: block 'root' is the root block", Assert.Throws<CacheReadError>(() => CacheReadPrimitive.Apply(s, "root", 0, "global")).Message);
        Assert.Equal("CacheWrite: block 'root' is the root block", Assert.Throws<CacheWriteError>(() => CacheWritePrimitive.Apply(s, "root", 0, "global")).Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_block_without_consumer()
    {
        // B is allocated (not an output) but nothing reads it.
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(a, v[0]), v[0])));
        var s = new ScheduleState(f);
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "B", LoopsOf(s, "C")[0], false, -1));
        Assert.Equal("ComputeAt: block 'B' has no consumer", e.Message);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_block_that_is_neither_complete_nor_a_reduction()
    {
        var s = new ScheduleState(TwoWriters());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "B2", LoopsOf(s, "B1")[0], false, -1));
        Assert.Equal("ReverseComputeAt: block 'B2' is neither a complete block nor a reduction block", e.Message);
    }

    [Fact]
    public void ReverseComputeAt_rejects_an_index_before_the_last_producer()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var e = Assert.Throws<ScheduleError>(() => ReverseComputeAtPrimitive.Apply(s, "C", LoopsOf(s, "B")[1], false, 0));
        Assert.Equal("ReverseComputeAt: index 0 is not a valid insertion point under loop 'j' (valid: -1, -2, [1, 1])", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_block_that_reads_what_it_writes()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B", "S", [4], ["i"], v => St(b, L(b, v[0]) + L(a, v[0]), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(new ScheduleState(f), "B"));
        Assert.Equal("ComputeInline: block 'B' reads buffer 'B' that it writes", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_block_with_a_predicate()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        var br = s.FindBlock("B", "t");
        s.Replace(br, br with { Predicate = E.Lt(br.IterValues[0], I(8)) });
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(s, "B"));
        Assert.Equal("ComputeInline: block 'B' has a non-trivial predicate", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_body_that_is_not_a_single_store()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("C", "S", [4], ["i"], v => new SeqStmt([St(c, L(b, v[0]), v[0]), St(c, L(b, v[0]) + F(1), v[0])])));
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(new ScheduleState(f), "C"));
        Assert.Equal("ReverseComputeInline: the body of block 'C' is not a single store", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_an_intermediate_that_is_a_function_parameter()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, b, c], [],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]) * F(2), v[0])));
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(new ScheduleState(f), "C"));
        Assert.Equal("ReverseComputeInline: buffer 'B' between block 'B' and block 'C' is a function parameter", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_loop_that_is_not_serial()
    {
        var s = new ScheduleState(BlockTestWorkloads.RowReduce(max: false));
        var k1 = s.FindLoop(LoopsOf(s, "rowsum")[2], "t");
        s.Replace(k1, k1 with { Kind = ForKind.Parallel });
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, k1.LoopVar, 0));
        Assert.Equal("RFactor: loop 'k1' is not serial", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_loop_used_by_both_kinds_of_iter_vars()
    {
        // A fused loop f (64) feeds v_i = f // 16 and v_k = f % 16.
        var (a, b) = (Buf("A", 4, 16), Buf("B", 4));
        var (fl, vi, vk) = (V("f"), V("v_i"), V("v_k"));
        var blk = Blk("r", [(vi, 4, IterKind.Spatial, E.FloorDiv(fl, I(16))), (vk, 16, IterKind.Reduce, E.FloorMod(fl, I(16)))],
            St(b, L(b, vi) + L(a, vi, vk), vi), St(b, F(0), vi));
        var s = new ScheduleState(Func([a, b], [], Loops([(fl, 64)], blk)));
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, fl, 0));
        Assert.Equal("RFactor: loop 'f' is used by a spatial iter var of block 'r'", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_loop_that_no_reduce_iter_var_uses()
    {
        var (a, b) = (Buf("A", 4, 8), Buf("B", 4));
        var o = V("o");
        var f = Func([a, b], [], Loops([(o, 1)], Compute("r", "SR", [4, 8], ["i", "k"],
            v => St(b, L(b, v[0]) + L(a, v[0], v[1]), v[0]), v => St(b, F(0), v[0]))));
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(new ScheduleState(f), o, 0));
        Assert.Equal("RFactor: loop 'o' is not a reduction loop of block 'r'", e.Message);
    }

    [Fact]
    public void RFactor_rejects_an_unbound_loop_under_a_reduction_loop()
    {
        var (a, b) = (Buf("A", 4, 8), Buf("B", 4));
        var (i, k, x, vi, vk) = (V("i"), V("k"), V("x"), V("v_i"), V("v_k"));
        var blk = Blk("r", [(vi, 4, IterKind.Spatial, i), (vk, 8, IterKind.Reduce, k)], St(b, L(b, vi) + L(a, vi, vk), vi), St(b, F(0), vi));
        var s = new ScheduleState(Func([a, b], [], Loops([(i, 4), (k, 8), (x, 2)], blk)));
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, k, 0));
        Assert.Equal("RFactor: loop 'x' under a reduction loop of block 'r' is used by no iter var and has extent other than 1", e.Message);
    }

    [Fact]
    public void ComputeAt_rejects_a_loop_in_another_block_scope()
    {
        // C sits in its own loop nest inside block "outer"; its loop is not in B's scope (the root).
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var inner = Compute("C", "S", [4], ["j"], v => St(c, L(b, v[0]), v[0]));
        var outer = new BlockRealize([], IntImm.True, new Block("outer", [], [BufferRegion.Full(b)], [BufferRegion.Full(c)], inner, null, [], Attrs.Empty));
        var f = Func([a, c], [b], Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])), outer);
        var s = new ScheduleState(f);
        var e = Assert.Throws<ScheduleError>(() => ComputeAtPrimitive.Apply(s, "B", LoopsOf(s, "C")[0], false, -1));
        Assert.Equal("ComputeAt: loop 'j' is not in the scope of block 'B'", e.Message);
    }
}
