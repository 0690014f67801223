using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class DecomposeReductionTests
{
    [Fact]
    public void DecomposeReduction_at_the_outer_loop_makes_a_separate_init_nest()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        var i = LoopsOf(s, "matmul")[0];
        var init = DecomposeReductionPrimitive.Apply(s, "matmul", i, out var update);

        Assert.Equal("matmul_init", init);
        Assert.Equal("matmul_update", update);
        Assert.Equal(["matmul_init", "matmul_update"], BlockNames(s));
        Assert.Equal(["i_init", "j_init"], LoopsOf(s, init).Select(v => v.Name));
        var ib = s.FindBlock(init, "t");
        Assert.Equal(["i_init", "j_init"], ib.IterValues.Select(Show));
        Assert.All(ib.Block.IterVars, iv => Assert.Equal(IterKind.Spatial, iv.Kind));
        Assert.Empty(ib.Block.Reads);
        Assert.Equal(["C[v_i, v_j]"], ib.Block.Writes.Select(Show));
        var upd = s.FindBlock("matmul_update", "t").Block;
        Assert.Null(upd.Init);
        Assert.Equal(["C[v_i, v_j]", "A[v_i, v_k]", "B[v_k, v_j]"], upd.Reads.Select(Show));
        Assert.Equal(["i", "j", "k"], LoopsOf(s, "matmul_update").Select(v => v.Name));
        Assert.Same(i, LoopsOf(s, "matmul_update")[0]);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void DecomposeReduction_at_the_reduction_loop_puts_the_init_right_before_it()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        var k = LoopsOf(s, "matmul")[2];
        DecomposeReductionPrimitive.Apply(s, "matmul", k);
        Assert.Equal(["i", "j"], LoopsOf(s, "matmul_init").Select(v => v.Name));
        var j = s.FindLoop(LoopsOf(s, "matmul_init")[1], "t");
        var seq = (SeqStmt)j.Body;
        Assert.IsType<BlockRealize>(seq.Stmts[0]);
        Assert.Same(k, ((For)seq.Stmts[1]).LoopVar);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void DecomposeReduction_in_a_tiled_matmul_copies_only_the_spatial_loops_below_the_target()
    {
        var f = BlockTestWorkloads.TiledMatmul();
        var s = new ScheduleState(f);
        var copy = CacheWritePrimitive.Apply(s, "matmul", 0, "global");
        ReverseComputeAtPrimitive.Apply(s, copy, LoopsOf(s, "matmul")[3], true, -1);
        var k0 = LoopsOf(s, "matmul")[4];
        DecomposeReductionPrimitive.Apply(s, "matmul", k0);

        Assert.Equal(["i0", "j0", "i1", "j1", "i2_init", "j2_init"], LoopsOf(s, "matmul_init").Select(v => v.Name));
        Assert.Equal(["(((i0 * 8) + (i1 * 4)) + i2_init)", "(((j0 * 8) + (j1 * 4)) + j2_init)"],
            s.FindBlock("matmul_init", "t").IterValues.Select(v => Show(BlockAffineForm.Simplify(v))));
        Assert.Equal(["matmul_init", "matmul_update", "C_global"], BlockNames(s));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void DecomposeReduction_rejects_a_loop_below_a_reduction_loop()
    {
        var s = new ScheduleState(BlockTestWorkloads.TiledMatmul());
        var e = Assert.Throws<DecomposeReductionError>(() => DecomposeReductionPrimitive.Apply(s, "matmul", LoopsOf(s, "matmul")[5]));
        Assert.Equal("DecomposeReduction: loop 'i2' is not higher than loop 'k0', which reduce iter var 'v_k' of block 'matmul' uses", e.Message);
    }

    [Fact]
    public void DecomposeReduction_rejects_a_block_that_is_not_a_reduction()
    {
        var s = new ScheduleState(BlockTestWorkloads.Elementwise());
        var e = Assert.Throws<DecomposeReductionError>(() => DecomposeReductionPrimitive.Apply(s, "B", LoopsOf(s, "B")[0]));
        Assert.Equal("DecomposeReduction: block 'B' is not a reduction block", e.Message);
    }

    [Fact]
    public void DecomposeReduction_rejects_a_loop_that_is_not_an_ancestor()
    {
        var s = new ScheduleState(BlockTestWorkloads.MatmulRelu());
        var e = Assert.Throws<DecomposeReductionError>(() => DecomposeReductionPrimitive.Apply(s, "matmul", LoopsOf(s, "relu")[0]));
        Assert.Equal("DecomposeReduction: loop 'i' is not an ancestor of block 'matmul'", e.Message);
    }
}
