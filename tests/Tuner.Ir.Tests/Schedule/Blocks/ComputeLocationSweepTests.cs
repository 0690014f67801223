using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>
/// Every candidate location, as SampleComputeLocation would draw them, of the read caches of a tiled matmul
/// (MultiLevelTiling's AddReadReuse), and of the write cache at every spatial tile loop: each result computes the
/// same outputs, verifies, and stays inside its declared regions.
/// </summary>
public class ComputeLocationSweepTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Every_candidate_location_of_a_read_cache_keeps_the_results(int input)
    {
        var f = BlockTestWorkloads.TiledMatmul();
        var probe = new ScheduleState(f);
        var cache = CacheReadPrimitive.Apply(probe, "matmul", input, "shared", ["matmul"]);
        var candidates = ComputeAtPrimitive.CandidateLoops(probe, cache);
        // i0 j0 i1 j1 are data parallel, then k0 (reduction) is the last candidate before the next spatial loops.
        Assert.Equal(["i0", "j0", "i1", "j1", "k0"], candidates.Select(v => v.Name));
        foreach (var loop in candidates)
        {
            var s = new ScheduleState(probe.Func);
            ComputeAtPrimitive.Apply(s, cache, loop, preserveUnitLoops: true, index: -1);
            AssertSameOutputs(f, s.Func);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_write_cache_at_each_spatial_tile_loop_keeps_the_results(int level)
    {
        var f = BlockTestWorkloads.TiledMatmul();
        var s = new ScheduleState(f);
        var copy = CacheWritePrimitive.Apply(s, "matmul", 0, "local");
        ReverseComputeAtPrimitive.Apply(s, copy, LoopsOf(s, "matmul")[level], true, -1);
        long[][] tiles = [[8, 16], [8, 8], [4, 8], [4, 4]];
        var tile = tiles[level];
        Assert.Equal(tile, s.LoopsAbove(s.FindBlock(copy, "t")).Skip(level + 1).Select(l => E.AsConst(l.Extent)!.Value));
        AssertSameOutputs(f, s.Func);
    }
}
