using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;
using static Tuner.Ir.Tests.Schedule.Blocks.FuzzRegression;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>Cache stages after a non-divisible split stay inside the buffer (random-trace regressions).</summary>
public class CacheRegionClipTests
{
    private static List<long> CopyExtents(PrimFunc f, string block)
    {
        var s = new ScheduleState(f);
        return s.LoopsAbove(s.FindBlock(block, "t")).Select(l => E.AsConst(l.Extent)!.Value).ToList();
    }

    [Fact]
    public void CacheWrite_after_a_non_divisible_split_copies_the_buffer_not_the_split_loop_range()
    {
        var f = Workload("matmul");
        var g = Replay(f, """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Split",["l2",3,"None"],[1,0],["l4","l5"]],["CacheWrite",["b0",[]],[0,"global"],["b6"]]""");
        // j is split 3 × 6 = 18 over 16 columns: the copy-back loops cover exactly 16 × 16.
        Assert.Equal([16L, 16L], CopyExtents(g, "C_global"));
        AssertSameOutputs(f, g);
    }

    [Fact]
    public void CacheWrite_after_splitting_the_batch_loop_past_its_extent_copies_only_the_batch()
    {
        var f = Workload("batch_matmul_tb");
        var g = Replay(f, """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3","l4"]],["Split",["l1",3,"None"],[1,0],["l5","l6"]],["CacheWrite",["b0",[]],[0,"local"],["b7"]]""");
        Assert.Equal([2L, 8L, 8L], CopyExtents(g, "C_local"));
        AssertSameOutputs(f, g);
    }

    [Fact]
    public void CacheRead_inside_a_non_divisible_tile_predicates_the_copy_to_the_buffer()
    {
        // bias is computed at the outer tile of relu's x (2 tiles of 3 over 4 columns); the cache of biased then sits in
        // that tile and copies biased[.., x_0*3 : x_0*3 + 3], which for the last tile leaves the buffer: the copy is predicated.
        var f = Workload("conv_bias_relu");
        var sch = new TracedSchedule(f, seed: 1);
        var relu = sch.GetBlock("relu");
        var xl = sch.Split(sch.GetLoops(relu)[3], new long?[] { null, 3 });
        sch.ComputeAt(sch.GetBlock("bias"), xl[0], false);
        sch.CacheRead(relu, 0, "local");
        var s = sch.State;
        var stage = s.FindBlock("biased_local", "t");
        Assert.Equal(3L, E.AsConst(s.LoopsAbove(stage)[^1].Extent));
        Assert.Contains("< 4)", Show(stage.Predicate));
        AssertSameOutputs(f, sch.Func);
    }
}
