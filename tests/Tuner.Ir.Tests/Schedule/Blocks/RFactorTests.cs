using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class RFactorTests
{
    [Fact]
    public void RFactor_of_the_inner_reduction_loop_of_a_sum_makes_partial_sums_per_k1()
    {
        var f = BlockTestWorkloads.RowReduce(max: false);
        var s = new ScheduleState(f);
        var loops = LoopsOf(s, "rowsum");
        var rf = RFactorPrimitive.Apply(s, loops[2], 0);

        Assert.Equal("rowsum_rf", rf);
        Assert.Equal(["rowsum_rf", "rowsum"], BlockNames(s));
        var rfBuf = Assert.Single(s.Func.RootBlock!.AllocBuffers);
        Assert.Equal("B_rf", rfBuf.Name);
        Assert.Equal([4L, 4L], rfBuf.ConstShape()!);

        var rb = s.FindBlock(rf, "t");
        Assert.Equal([("vk1", IterKind.Spatial), ("v_i", IterKind.Spatial), ("vk0", IterKind.Reduce)],
            rb.Block.IterVars.Select(iv => (iv.Var.Name, iv.Kind)));
        Assert.Equal(["k1", "i", "k0"], rb.IterValues.Select(Show));
        Assert.Equal("(B_rf[vk1, v_i] + A[v_i, ((vk0 * 4) + vk1)])", Show(((BufferStore)rb.Block.Body).Value));
        Assert.Equal("0", Show(((BufferStore)rb.Block.Init!).Value));
        Assert.Equal(["A[v_i, ((vk0 * 4) + vk1)]"], rb.Block.Reads.Select(Show));
        Assert.Equal(["B_rf[vk1, v_i]"], rb.Block.Writes.Select(Show));
        Assert.Equal(["i", "k0", "k1"], LoopsOf(s, rf).Select(v => v.Name));
        Assert.DoesNotContain(loops[0], LoopsOf(s, rf));

        var wb = s.FindBlock("rowsum", "t");
        Assert.Equal([("vk1", IterKind.Reduce), ("v_i", IterKind.Spatial)], wb.Block.IterVars.Select(iv => (iv.Var.Name, iv.Kind)));
        Assert.Equal([loops[0], loops[2]], LoopsOf(s, "rowsum"));
        Assert.Equal("(B[v_i] + B_rf[vk1, v_i])", Show(((BufferStore)wb.Block.Body).Value));
        Assert.Equal(["B_rf[vk1, v_i]"], wb.Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void RFactor_with_a_negative_factor_axis_appends_the_new_dimension()
    {
        var f = BlockTestWorkloads.RowReduce(max: false);
        var s = new ScheduleState(f);
        var rf = RFactorPrimitive.Apply(s, LoopsOf(s, "rowsum")[2], -1);
        Assert.Equal(["B_rf[v_i, vk1]"], s.FindBlock(rf, "t").Block.Writes.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void RFactor_of_a_max_reduction_keeps_the_max_reducer_and_its_identity()
    {
        var f = BlockTestWorkloads.RowReduce(max: true);
        var s = new ScheduleState(f);
        var rf = RFactorPrimitive.Apply(s, LoopsOf(s, "rowmax")[1], 0);
        var rb = s.FindBlock(rf, "t").Block;
        Assert.Equal("max(B_rf[vk0, v_i], A[v_i, ((vk0 * 4) + vk1)])", Show(((BufferStore)rb.Body).Value));
        Assert.Equal(float.MinValue, ((FloatImm)((BufferStore)rb.Init!).Value).Value);
        Assert.Equal("max(B[v_i], B_rf[vk0, v_i])", Show(((BufferStore)s.FindBlock("rowmax", "t").Block.Body).Value));
        Assert.Equal([4L, 4L], s.Func.RootBlock!.AllocBuffers[0].ConstShape()!);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void RFactor_of_the_matmul_reduction_loop_makes_a_three_dimensional_partial_buffer()
    {
        var f = BlockTestWorkloads.Matmul(8);
        var s = new ScheduleState(f);
        RFactorPrimitive.Apply(s, LoopsOf(s, "matmul")[2], 2);
        Assert.Equal([8L, 8L, 8L], s.Func.RootBlock!.AllocBuffers[0].ConstShape()!);
        Assert.Equal(["C_rf[v_i, v_j, vk]"], s.FindBlock("matmul_rf", "t").Block.Writes.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void RFactor_rejects_a_spatial_loop()
    {
        var s = new ScheduleState(BlockTestWorkloads.RowReduce(max: false));
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, LoopsOf(s, "rowsum")[0], 0));
        Assert.Equal("RFactor: loop 'i' is used by a spatial iter var of block 'rowsum'", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_factor_axis_out_of_range()
    {
        var s = new ScheduleState(BlockTestWorkloads.RowReduce(max: false));
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, LoopsOf(s, "rowsum")[2], 2));
        Assert.Equal("RFactor: factor_axis 2 is out of range [-2, 1] for buffer 'B'", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_block_that_is_not_a_reduction()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, LoopsOf(s, "B")[1], 0));
        Assert.Equal("RFactor: block 'B' under loop 'j' is not a reduction block", e.Message);
    }

    [Fact]
    public void RFactor_rejects_a_loop_with_two_blocks()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var i = LoopsOf(s, "matmul")[0];
        ReverseComputeAtPrimitive.Apply(s, "relu", i, false, -1);
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, i, 0));
        Assert.Equal("RFactor: loop 'i' must have exactly one block under it, found 2", e.Message);
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 0.0)]
    public void RFactor_rejects_an_update_that_is_not_a_known_reducer_with_its_identity(bool subtract, double init)
    {
        var (a, b) = (Buf("A", 4, 8), Buf("B", 4));
        var f = Func([a, b], [], Compute("r", "SR", [4, 8], ["i", "k"],
            v => St(b, subtract ? L(b, v[0]) - L(a, v[0], v[1]) : L(b, v[0]) + L(a, v[0], v[1]), v[0]),
            v => St(b, F(init), v[0])));
        var s = new ScheduleState(f);
        var e = Assert.Throws<RFactorError>(() => RFactorPrimitive.Apply(s, LoopsOf(s, "r")[1], 0));
        Assert.Equal("RFactor: block 'r' does not match a supported reducer (sum, product, min, max with their identity as init)", e.Message);
    }
}
