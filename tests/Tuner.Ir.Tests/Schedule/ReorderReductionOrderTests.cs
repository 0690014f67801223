using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;
using static Tuner.Ir.Tests.Schedule.Blocks.FuzzRegression;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>Reorder over loops fused from a spatial and a reduction loop (random-trace regression).</summary>
public class ReorderReductionOrderTests
{
    // j (16) and k (12) fused and split 6 × 32: both pieces drive vj = fused // 12 and vk = fused % 12.
    private const string FusedSplit =
        """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Fuse",["l2","l3"],[1],["l4"]],["Split",["l4",6,32],[1,0],["l5","l6"]]""";

    [Fact]
    public void Reorder_rejects_swapping_the_pieces_of_a_fused_spatial_and_reduction_loop()
    {
        // Inner piece outermost: for vj = 2 (fused 24..35) the instance with fused 32 (vk = 8) would run before the init one (fused 24).
        var why = Rejected(Workload("matmul"), FusedSplit + """,["Reorder",["l6","l1"],[],[]]""", 4, "Reorder");
        Assert.Contains("loops 'j_k_fused_0' and 'j_k_fused_1' both drive reduce iters of block 'C'", why);
    }

    [Fact]
    public void Reorder_still_moves_a_fused_spatial_and_reduction_loop_past_a_spatial_loop()
    {
        var f = Workload("matmul");
        var g = Replay(f, FusedSplit + """,["Reorder",["l5","l1"],[],[]]""");
        var s = new Tuner.Ir.Schedule.ScheduleState(g);
        Assert.Equal(["j_k_fused_0", "i", "j_k_fused_1"], LoopsOf(s, "C").Select(v => v.Name));
        AssertSameOutputs(f, g);
    }
}
