using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class InlineTests
{
    [Fact]
    public void ComputeInline_substitutes_the_producer_expression_and_removes_its_block_and_buffer()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        ComputeInlinePrimitive.Apply(s, "B");

        Assert.Equal(["C"], BlockNames(s));
        Assert.Empty(s.Func.RootBlock!.AllocBuffers);
        var c = s.FindBlock("C", "t").Block;
        Assert.Equal("((A[v_i, v_j] * 2) + 1)", Show(((BufferStore)c.Body).Value));
        Assert.Equal(["A[v_i, v_j]"], c.Reads.Select(Show));
        Assert.Same(s.FindBlock("C", "t"), ((For)((For)s.Func.RootBlock!.Body).Body).Body);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeInline_of_the_padding_puts_the_boundary_condition_into_the_convolution()
    {
        var f = BlockTestWorkloads.PadConv();
        var s = new ScheduleState(f);
        ComputeInlinePrimitive.Apply(s, "pad");
        Assert.Equal(["conv"], BlockNames(s));
        var conv = s.FindBlock("conv", "t").Block;
        Assert.Equal(["A", "W"], conv.Reads.Select(r => r.Buffer.Name));
        // The region read from A is the (un-clamped) window, as TVM's region detector gives it.
        Assert.Equal("A[((v_i + v_r) - 1), ((v_j + v_s) - 1)]", Show(conv.Reads[0]));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ComputeInline_rejects_a_reduction_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(s, "matmul"));
        Assert.Equal("ComputeInline: block 'matmul' is a reduction block", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_an_output_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(s, "C"));
        Assert.Equal("ComputeInline: block 'C' is an output block", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_store_not_indexed_by_distinct_iter_vars()
    {
        var (a, b, c) = (Buf("A", 16), Buf("B", 16), Buf("C", 8));
        var f = Func([a, c], [b],
            Compute("B", "S", [8], ["i"], v => St(b, L(a, v[0]), v[0] * 2)),
            Compute("C", "S", [8], ["i"], v => St(c, L(b, v[0] * 2), v[0])));
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(new ScheduleState(f), "B"));
        Assert.Equal("ComputeInline: the body of block 'B' is not a single store B[v0, v1, ...] = f(...) indexed by distinct iter vars", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_block_that_is_not_the_only_writer()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B1", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("B2", "S", [4], ["i"], v => St(b, L(a, v[0]) + F(1), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(new ScheduleState(f), "B1"));
        Assert.Equal("ComputeInline: block 'B1' is not the only writer of buffer 'B' (block 'B2' writes it too)", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_value_using_an_iter_var_that_is_not_an_index()
    {
        var (a, b, c) = (Buf("A", 4, 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B", "SS", [4, 4], ["i", "j"], v => St(b, L(a, v[0], v[1]), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(new ScheduleState(f), "B"));
        Assert.Equal("ComputeInline: the value stored by block 'B' uses iter var 'v_j' that is not a store index", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_folds_the_consumer_into_its_elementwise_producer()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        ReverseComputeInlinePrimitive.Apply(s, "C");

        Assert.Equal(["B"], BlockNames(s));
        Assert.Empty(s.Func.RootBlock!.AllocBuffers);
        var b = s.FindBlock("B", "t").Block;
        var st = (BufferStore)b.Body;
        Assert.Equal("C", st.Buffer.Name);
        Assert.Equal("((A[v_i, v_j] * 2) + 1)", Show(st.Value));
        Assert.Equal(["C[v_i, v_j]"], b.Writes.Select(Show));
        Assert.Equal(["A[v_i, v_j]"], b.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeInline_maps_transposed_indices_through_the_producer()
    {
        var (a, b, c) = (Buf("A", 4, 8), Buf("B", 4, 8), Buf("C", 8, 4));
        var f = Func([a, c], [b],
            Compute("B", "SS", [4, 8], ["i", "j"], v => St(b, L(a, v[0], v[1]) + F(3), v[0], v[1])),
            Compute("C", "SS", [8, 4], ["j", "i"], v => St(c, L(b, v[1], v[0]) * F(2), v[0], v[1])));
        var s = new ScheduleState(f);
        ReverseComputeInlinePrimitive.Apply(s, "C");
        var st = (BufferStore)s.FindBlock("B", "t").Block.Body;
        Assert.Equal(["v_j", "v_i"], st.Indices.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeInline_masks_producer_instances_outside_a_smaller_consumer()
    {
        var (a, b, c) = (Buf("A", 16), Buf("B", 16), Buf("C", 8));
        var f = Func([a, c], [b],
            Compute("B", "S", [16], ["i"], v => St(b, L(a, v[0]) * F(2), v[0])),
            Compute("C", "S", [8], ["i"], v => St(c, L(b, v[0]) + F(1), v[0])));
        var s = new ScheduleState(f);
        ReverseComputeInlinePrimitive.Apply(s, "C");
        Assert.Equal("(i < 8)", Show(s.FindBlock("B", "t").Predicate));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_consumer_domain_the_producer_does_not_cover()
    {
        var (a, b, c) = (Buf("A", 16), Buf("B", 16), Buf("C", 16));
        var f = Func([a, c], [b],
            Compute("B", "S", [8], ["i"], v => St(b, L(a, v[0]) * F(2), v[0])),
            Compute("C", "S", [16], ["i"], v => St(c, L(b, v[0]) + F(1), v[0])));
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(new ScheduleState(f), "C"));
        Assert.Equal("ReverseComputeInline: the domain of iter var 'v_i' of block 'C' is not covered by producer block 'B'", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_consumer_with_a_predicate()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var br = s.FindBlock("C", "t");
        s.Replace(br, br with { Predicate = E.Lt(br.IterValues[0], I(8)) });
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(s, "C"));
        Assert.Equal("ReverseComputeInline: block 'C' has a non-trivial predicate", e.Message);
    }

    [Fact]
    public void ComputeInline_rejects_a_block_writing_two_buffers()
    {
        var (a, b, b2, c) = (Buf("A", 4), Buf("B", 4), Buf("B2", 4), Buf("C", 4));
        var f = Func([a, c], [b, b2],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var s = new ScheduleState(f);
        var br = s.FindBlock("B", "t");
        s.Replace(br.Block, br.Block with { Writes = br.Block.Writes.Add(BufferRegion.Full(b2)) });
        var e = Assert.Throws<ComputeInlineError>(() => ComputeInlinePrimitive.Apply(s, "B"));
        Assert.Equal("ComputeInline: block 'B' writes 2 buffers; exactly one is required", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_relu_after_a_reduction_producer()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(s, "relu"));
        Assert.Equal("ReverseComputeInline: producer block 'matmul' of block 'relu' is a reduction block", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_consumer_with_two_producers()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(s, "norm"));
        Assert.Equal("ReverseComputeInline: block 'norm' has 2 producer blocks; exactly one is required", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_reduction_consumer()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(s, "expsum"));
        Assert.Equal("ReverseComputeInline: block 'expsum' has an init statement", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_load_that_does_not_cover_all_iter_vars()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4, 4));
        var f = Func([a, c], [b],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]) * F(2), v[0])),
            Compute("C", "SS", [4, 4], ["i", "j"], v => St(c, L(b, v[0]), v[0], v[1])));
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(new ScheduleState(f), "C"));
        Assert.Equal("ReverseComputeInline: block 'C' must load buffer 'B' only as B[v0, v1, ...] with the same distinct iter vars covering all its iter vars", e.Message);
    }

    [Fact]
    public void ReverseComputeInline_rejects_a_producer_with_another_consumer()
    {
        var (a, b, c, d) = (Buf("A", 4), Buf("B", 4), Buf("C", 4), Buf("D", 4));
        var f = Func([a, c, d], [b],
            Compute("B", "S", [4], ["i"], v => St(b, L(a, v[0]) * F(2), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]) + F(1), v[0])),
            Compute("D", "S", [4], ["i"], v => St(d, L(b, v[0]) + F(2), v[0])));
        var e = Assert.Throws<ReverseComputeInlineError>(() => ReverseComputeInlinePrimitive.Apply(new ScheduleState(f), "C"));
        Assert.Equal("ReverseComputeInline: producer block 'B' has another consumer, block 'D'", e.Message);
    }

    [Fact]
    public void CanApply_tells_whether_an_inline_would_succeed_without_changing_the_state()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var before = s.Func;
        Assert.False(ComputeInlinePrimitive.CanApply(s, "matmul"));
        Assert.False(ReverseComputeInlinePrimitive.CanApply(s, "relu"));
        var e = new ScheduleState(BlockTestWorkloads.Elementwise());
        Assert.True(ComputeInlinePrimitive.CanApply(e, "B"));
        Assert.False(ComputeInlinePrimitive.CanApply(e, "C"));
        Assert.True(ReverseComputeInlinePrimitive.CanApply(e, "C"));
        Assert.Same(before, s.Func);
        Assert.Equal(["B", "C"], BlockNames(e));
    }
}
