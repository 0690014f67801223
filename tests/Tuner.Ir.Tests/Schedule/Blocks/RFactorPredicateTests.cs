using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;
using static Tuner.Ir.Tests.Schedule.Blocks.FuzzRegression;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>rfactor of a block with a predicate (random-trace regressions).</summary>
public class RFactorPredicateTests
{
    [Fact]
    public void RFactor_keeps_the_predicate_of_a_non_divisible_spatial_split_on_the_write_back_block()
    {
        var f = Workload("batch_matmul_tb");
        var g = Replay(f, """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3","l4"]],["Split",["l3","None",5],[1,0],["l5","l6"]],["RFactor",["l4"],[0],["b7"]]""");
        var s = new ScheduleState(g);
        Assert.Equal("(((j_0 * 5) + j_1) < 8)", Show(s.FindBlock("C", "t").Predicate));
        Assert.Equal("(((j_0 * 5) + j_1) < 8)", Show(s.FindBlock("C_rf", "t").Predicate));
        AssertSameOutputs(f, g);
    }

    [Fact]
    public void RFactor_rejects_a_predicate_over_a_reduction_loop_the_write_back_block_drops()
    {
        // k = 12 split 3 × 5: with rfactor on k_1 the write-back would sum C_rf[k_1] for all five k_1, and the
        // predicate k_0 * 5 + k_1 < 12 that limited the partial sums is over k_0, which it no longer has.
        var why = Rejected(Workload("matmul"),
            """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Split",["l3","None",5],[1,0],["l4","l5"]],["RFactor",["l5"],[0],["b6"]]""",
            3, "RFactor");
        Assert.Contains("constrains reduction loop 'k_0'", why);
    }
}
