using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;
using static Tuner.Ir.Tests.Schedule.Blocks.FuzzRegression;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>compute_at / reverse_compute_at cases the random traces found computing wrong results (now rejected or fixed).</summary>
public class ComputeAtSoundnessTests
{
    private const string ConvAtPadInnermost =
        """["GetBlock",[],["conv","main"],["b0"]],["GetBlock",[],["pad","main"],["b1"]],["GetLoops",["b1"],[],["l2","l3","l4","l5"]],["ReverseComputeAt",["b0","l5"],[1,-1],[]]""";

    [Fact]
    public void ReverseComputeAt_rejects_a_consumer_whose_read_index_is_a_sum_of_its_iter_vars()
    {
        // conv reads pad[.., vy + vry, ..]: TVM's SolveBlockVarDomain cannot invert it either.
        var why = Rejected(Workload("conv2d_nchw_pad"), ConvAtPadInnermost, 3, "ReverseComputeAt");
        Assert.Contains("cannot invert", why);
    }

    [Fact]
    public void ReverseComputeAt_rejects_placing_a_padding_block_where_its_border_would_never_run()
    {
        // pad under the cache of X would cover only the interior h, w in [1, 6]; the border reads nothing of X.
        var why = Rejected(Workload("conv2d_nchw_pad"),
            """["GetBlock",[],["pad","main"],["b0"]],["CacheRead",["b0",[]],[0,"local"],["b1"]],["GetLoops",["b1"],[],["l2","l3","l4","l5"]],["ReverseComputeAt",["b0","l2"],[1,-1],[]]""",
            3, "ReverseComputeAt");
        Assert.Contains("would run only for vh in [1, 6]", why);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_loop_inside_the_reduction_of_a_producer()
    {
        // norm under exp's j would read expsum[i] while expsum (reverse-computed under the same j) has summed only up to j.
        var why = Rejected(Workload("softmax"),
            """["GetBlock",[],["expsum","main"],["b0"]],["GetBlock",[],["exp","main"],["b1"]],["GetLoops",["b1"],[],["l2","l3"]],["ReverseComputeAt",["b0","l3"],[1,-1],[]],["GetBlock",[],["norm","main"],["b4"]],["ReverseComputeAt",["b4","l3"],[1,-1],[]]""",
            5, "ReverseComputeAt");
        Assert.Contains("producer 'expsum' of block 'norm' reduces over loop 'j'", why);
    }

    [Fact]
    public void ReverseComputeAt_reads_only_what_a_predicated_producer_tile_writes()
    {
        // exp's j is split 8 × 1 and the unit loop again 1 × 4 with T.where(j_1_0 * 4 + j_1_1 < 1): under j_1_0 exp writes
        // one column, so expsum placed there sums exactly that column (before: four, three of them not yet written).
        var f = Workload("softmax");
        var g = Replay(f, """["GetBlock",[],["exp","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2"]],["Split",["l2",8,1],[1,0],["l3","l4"]],["Split",["l4","None",4],[1,0],["l5","l6"]],["GetBlock",[],["expsum","main"],["b7"]],["ReverseComputeAt",["b7","l5"],[0,-1],[]]""");
        var s = new ScheduleState(g);
        Assert.Empty(s.LoopsAbove(s.FindBlock("expsum", "t")).Skip(3));
        AssertSameOutputs(f, g);
    }

    [Fact]
    public void ReverseComputeAt_rejects_splitting_a_reduction_across_a_loop_that_repeats_it()
    {
        // A's cache computed at C's j, then C reverse-computed under the cache's k loop: k is now driven by that loop,
        // and the enclosing j (unused by C's bindings, which get their own j loop) would add every product 16 times.
        var why = Rejected(Workload("matmul"),
            """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["CacheRead",["b0",[]],[0,"global"],["b4"]],["ComputeAt",["b4","l2"],[0,-1],[]],["GetLoops",["b4"],[],["l5","l6","l7"]],["ReverseComputeAt",["b0","l7"],[0,-1],[]]""",
            5, "ReverseComputeAt");
        Assert.Contains("loop 'j' among them repeats it", why);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_producer_that_writes_a_strided_region_under_the_loop()
    {
        // j split 4 × 4 and reordered (j_1 outside j_0): under j_1 the matmul writes columns j_1, j_1 + 4, j_1 + 8, j_1 + 12,
        // whose box [j_1, j_1 + 12] the write-back would copy, reading nine columns not computed yet.
        var why = Rejected(Workload("matmul"),
            """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Split",["l2",4,4],[1,0],["l4","l5"]],["Reorder",["l5","l4"],[],[]],["CacheWrite",["b0",[]],[0,"global"],["b6"]],["ReverseComputeAt",["b6","l5"],[0,-1],[]]""",
            5, "ReverseComputeAt");
        Assert.Contains("writes only 4 of the 13 elements of C_global", why);
    }

    [Fact]
    public void ReverseComputeAt_rejects_a_loop_under_which_a_predicated_producer_writes_nothing()
    {
        // exp's j split 8 × 1, the unit loop again 4 × 1 with T.where(j_1_0 + j_1_1 < 1): for j_1_0 = 1..3 exp writes
        // nothing, yet the relaxed region e[i, j_0 + j_1_0] would be summed there.
        var why = Rejected(Workload("softmax"),
            """["GetBlock",[],["exp","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2"]],["Split",["l2",8,"None"],[1,0],["l3","l4"]],["Split",["l4",4,"None"],[1,0],["l5","l6"]],["GetBlock",[],["expsum","main"],["b7"]],["ReverseComputeAt",["b7","l5"],[1,-1],[]]""",
            5, "ReverseComputeAt");
        Assert.Contains("writes only 0 of the 1 elements of e", why);
    }

    [Fact]
    public void ComputeAt_rejects_a_block_whose_predicate_excludes_instances_inside_its_domain()
    {
        // rfactor over k padded to 8 (k = 6 split by 8, fused): the write-back keeps T.where(k_0_k_1_fused < 6) while its
        // reduce iter spans the 8 rfactor slots; computed at the write cache it would also sum the two never written.
        var why = Rejected(Workload("batch_matmul_tb"),
            """["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3","l4"]],["Split",["l4","None",8],[1,0],["l5","l6"]],["Fuse",["l5","l6"],[1],["l7"]],["RFactor",["l7"],[0],["b8"]],["CacheWrite",["b0",[]],[0,"local"],["b9"]],["GetLoops",["b9"],[],["l10","l11","l12"]],["GetBlock",[],["C","main"],["b13"]],["ComputeAt",["b13","l12"],[0,-1],[]]""",
            8, "ComputeAt");
        Assert.Contains("the predicate of block 'C' excludes instances inside its iter domains", why);
    }
}
