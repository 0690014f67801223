using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>Rejections not covered beside each primitive's main tests.</summary>
public class PreconditionTests
{
    /// <summary>Rewrites the one block realize named <paramref name="name"/>.</summary>
    private static PrimFunc WithBlock(PrimFunc f, string name, Func<BlockRealize, BlockRealize> change) =>
        f with { Body = new BlockChanger(name, change).VisitStmt(f.Body) };

    private sealed class BlockChanger(string name, Func<BlockRealize, BlockRealize> change) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e;
        public override Stmt VisitBlockRealize(BlockRealize r) => r.Block.Name == name ? change(r) : base.VisitBlockRealize(r);
    }

    private sealed class LoopChanger(Func<For, For> change) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e;
        public override Stmt VisitFor(For f) => change((For)base.VisitFor(f));
    }

    [Fact]
    public void GetBlock_rejects_a_name_used_by_two_blocks()
    {
        var f = WithBlock(TestFuncs.Elementwise(), "C", r => r with { Block = r.Block with { Name = "B" } });
        var e = Assert.Throws<BlockNotFoundError>(() => new Sched(f).GetBlock("B"));
        Assert.Equal("GetBlock: 2 blocks are named 'B' in function 'main'; block names must be unique", e.Message);
    }

    [Fact]
    public void Random_variables_of_another_schedule_are_rejected()
    {
        var a = new Sched(TestFuncs.Matmul());
        var b = new Sched(TestFuncs.Matmul());
        var block = a.GetBlock("C");
        Assert.Throws<ScheduleError>(() => b.GetLoops(block));
        var loop = a.GetLoops(block)[0];
        Assert.Throws<ScheduleError>(() => b.Parallel(loop));
    }

    [Fact]
    public void Loop_primitives_reject_a_location_marker()
    {
        var sch = new Sched(TestFuncs.Elementwise(), 1);
        var root = sch.SampleComputeLocation(sch.GetBlock("B"), decision: -1);
        var e = Assert.Throws<ScheduleError>(() => sch.GetChildBlocks(root));
        Assert.Equal("GetChildBlocks: expected a loop, got the 'root' location marker", e.Message);
        Assert.Throws<ScheduleError>(() => sch.Split(root, [null, 2L]));
    }

    [Fact]
    public void Split_rejects_a_loop_with_a_non_constant_extent()
    {
        var n = new Var("n", DataType.Int32);
        var f = TestFuncs.Vector(16);
        f = f with { Body = new LoopChanger(l => l with { Extent = n }).VisitStmt(f.Body) };
        var sch = new Sched(f);
        var e = Assert.Throws<ScheduleError>(() => sch.Split(sch.GetLoops(sch.GetBlock("B"))[0], [null, 4L]));
        Assert.Equal("Split: loop 'i' has a non-constant extent, which is not supported", e.Message);
    }

    [Fact]
    public void Fuse_rejects_a_loop_that_does_not_start_at_zero()
    {
        var f = TestFuncs.Matmul();
        f = f with { Body = new LoopChanger(l => l.LoopVar.Name == "j" ? l with { Min = IntImm.I32(1), Extent = IntImm.I32(15) } : l).VisitStmt(f.Body) };
        var sch = new Sched(f);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<ScheduleError>(() => sch.Fuse([loops[0], loops[1]]));
        Assert.Equal("Fuse: loop 'j' does not start at 0, which is not supported", e.Message);
    }

    [Fact]
    public void Reorder_rejects_a_block_with_an_ordered_iter()
    {
        var f = WithBlock(TestFuncs.Matmul(), "C", r => r with
        {
            Block = r.Block with { IterVars = r.Block.IterVars.SetItem(2, r.Block.IterVars[2] with { Kind = IterKind.Ordered }) },
        });
        var sch = new Sched(f);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([loops[1], loops[0]]));
        Assert.Equal("Reorder: block 'C' under the loops has iter 'v_k' of kind ordered; only data-parallel and reduction iters can be reordered", e.Message);
    }

    [Fact]
    public void Reorder_rejects_a_non_affine_binding_and_Parallel_accepts_it_as_TVM_does()
    {
        var f = WithBlock(TestFuncs.Matmul(), "C", r => r with { IterValues = r.IterValues.SetItem(0, r.IterValues[0] * r.IterValues[0]) });
        var sch = new Sched(f);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var e = Assert.Throws<ReorderError>(() => sch.Reorder([loops[1], loops[0]]));
        Assert.StartsWith("Reorder: block 'C' under the loops does not have an affine binding: binding 0", e.Message);
        // TVM's CheckLoopParallelizableInBlock leaves its affine-binding check disabled: only iter kinds matter.
        sch.Parallel(loops[0]);
        Assert.Equal(ForKind.Parallel, sch.State.FindLoop(sch.Get(loops[0]), "test").Kind);
    }

    [Fact]
    public void Annotate_rejects_a_value_of_another_type()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var e = Assert.Throws<ScheduleError>(() => sch.Annotate(sch.GetBlock("C"), "k", new object()));
        Assert.StartsWith("Annotate: annotation values are integers, floats or strings", e.Message);
    }

    [Fact]
    public void A_failed_primitive_leaves_the_function_and_the_trace_unchanged()
    {
        var sch = new TracedSchedule(TestFuncs.Matmul(), 1);
        var loops = sch.GetLoops(sch.GetBlock("C"));
        var before = sch.Func;
        int n = sch.Trace.Instructions.Count;
        Assert.Throws<ScheduleError>(() => sch.Parallel(loops[2]));
        Assert.Throws<SplitFactorError>(() => sch.Split(loops[0], [2L, 2L]));
        Assert.Same(before, sch.Func);
        Assert.Equal(n, sch.Trace.Instructions.Count);
    }
}
