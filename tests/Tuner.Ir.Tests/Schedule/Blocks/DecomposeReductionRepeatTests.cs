using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;
using static Tuner.Ir.Tests.Schedule.Blocks.FuzzRegression;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>decompose_reduction above a loop that repeats the reduction (random-trace regressions).</summary>
public class DecomposeReductionRepeatTests
{
    [Fact]
    public void DecomposeReduction_rejects_a_loop_no_binding_uses_between_the_target_and_the_block()
    {
        // expsum computed at norm's j recomputes the whole sum per j; an init hoisted above j would run once.
        var why = Rejected(Workload("softmax"),
            """["GetBlock",[],["expsum","main"],["b0"]],["GetBlock",[],["norm","main"],["b1"]],["GetLoops",["b1"],[],["l2","l3"]],["ComputeAt",["b0","l3"],[0,-1],[]],["GetLoops",["b0"],[],["l4","l5","l6"]],["DecomposeReduction",["b0","l4"],[],["b7"]]""",
            5, "DecomposeReduction");
        Assert.Contains("loop 'j' under loop 'i' repeats instances", why);
    }

    [Fact]
    public void DecomposeReduction_rejects_a_fused_loop_whose_inner_part_no_binding_uses()
    {
        // norm's i and j fused; expsum at the fused loop binds vi = fused // 8, so each vi repeats for 8 iterations.
        var why = Rejected(Workload("softmax"),
            """["GetBlock",[],["norm","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2"]],["Fuse",["l1","l2"],[1],["l3"]],["GetBlock",[],["expsum","main"],["b4"]],["ComputeAt",["b4","l3"],[0,-1],[]],["GetLoops",["b4"],[],["l5","l6"]],["DecomposeReduction",["b4","l5"],[],["b7"]]""",
            6, "DecomposeReduction");
        Assert.Contains("repeats instances of block 'expsum'", why);
    }

    [Fact]
    public void DecomposeReduction_below_the_repeating_loop_still_applies()
    {
        var f = Workload("softmax");
        var g = Replay(f, """["GetBlock",[],["expsum","main"],["b0"]],["GetBlock",[],["norm","main"],["b1"]],["GetLoops",["b1"],[],["l2","l3"]],["ComputeAt",["b0","l3"],[0,-1],[]],["GetLoops",["b0"],[],["l4","l5","l6"]],["DecomposeReduction",["b0","l6"],[],["b7"]]""");
        var s = new ScheduleState(g);
        Assert.Equal(["i", "j"], s.LoopsAbove(s.FindBlock("expsum_init", "t")).Select(l => l.LoopVar.Name));
        AssertSameOutputs(f, g);
    }

    [Fact]
    public void DecomposeReduction_rejects_a_nest_whose_predicate_does_not_rule_out_repeated_instances()
    {
        // C computed at a write-back tile split 2 × (8 × 1, T.where(ax1_1_0 + ax1_1_1 < 2)) × 4 takes the tile's bindings
        // but not that predicate: columns 8..15 also run at ax1_0 = 0, which no single loop shows on its own.
        var why = Rejected(Workload("matmul"),
            """["GetBlock",[],["C","main"],["b0"]],["CacheWrite",["b0",[]],[0,"local"],["b1"]],["GetLoops",["b1"],[],["l2","l3"]],["Split",["l3",2,2,4],[1,0],["l4","l5","l6"]],["Split",["l5",8,"None"],[1,0],["l7","l8"]],["ComputeAt",["b0","l6"],[0,-1],[]],["GetLoops",["b0"],[],["l9","l10","l11","l12","l13","l14"]],["DecomposeReduction",["b0","l9"],[],["b15"]]""",
            7, "DecomposeReduction");
        Assert.Contains("repeats instances of block 'C'", why);
    }
}
