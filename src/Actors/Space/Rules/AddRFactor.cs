using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// TVM's AddRFactor rule (CPU defaults max_jobs_per_core 16, max_innermost_factor 64). For a reduction block with
/// trivial binding whose loops form one chain, when the spatial loops give too little parallelism (or the block
/// does not need multi-level tiling at all): moves the reduction loops innermost, fuses them, splits the fused loop
/// in two by SamplePerfectTile, and returns one variant per split loop that RFactor accepts (the original block then
/// annotated "meta_schedule.random_compute_producer" so RandomComputeLocation places the rfactor block) plus the
/// untouched schedule.
/// </summary>
public sealed class AddRFactor(int maxJobsPerCore = 16, int maxInnermostFactor = 64) : IScheduleRule
{
    public string Name => "AddRFactor";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        long maxParallelExtent = maxJobsPerCore == -1 ? -1 : BlockAnalysis.MaxParallelExtent(ctx, maxJobsPerCore);
        if (!Needed(sch.State, BlockAnalysis.Realize(sch, block), maxParallelExtent)) return [sch];

        var original = (TracedSchedule)sch.Copy();
        original.Seed(sch.ForkSeed());

        var (fused, numSpatial) = ReorderAndFuseReductionLoops(sch, block);
        var factors = sch.SamplePerfectTile(fused, 2, maxInnermostFactor);
        var splits = sch.Split(fused, factors.Select(f => (ExprRV?)f).ToList());

        var result = new List<TracedSchedule>();
        foreach (var split in splits)
        {
            var tmp = (TracedSchedule)sch.Copy();
            tmp.Seed(sch.ForkSeed());
            try
            {
                var rf = tmp.RFactor(split, numSpatial);
                tmp.GetLoops(rf);
                tmp.Annotate(block, BlockAnalysis.RandomComputeProducer, 1L);
                result.Add(tmp);
            }
            catch (ScheduleError) { }
        }
        result.Add(original);
        return result;
    }

    /// <summary>TVM's ReorderAndFuseReductionLoops: spatial loops first, then the reduction loops, fused when several.</summary>
    internal static (LoopRV Fused, int NumSpatial) ReorderAndFuseReductionLoops(TracedSchedule sch, BlockRV block)
    {
        var loops = sch.GetLoops(block);
        var types = loops.Select(l => BlockAnalysis.LoopIterType(sch.State.FindLoop(sch.Get(l), "AddRFactor"))).ToList();
        var spatial = loops.Where((_, i) => types[i] == IterKind.Spatial).ToList();
        var reduce = loops.Where((_, i) => types[i] == IterKind.Reduce).ToList();
        var order = spatial.Concat(reduce).ToList();
        if (!order.SequenceEqual(loops)) sch.Reorder(order);
        if (reduce.Count == 0) throw new InvalidOperationException("there should be at least one reduction loop");
        return (reduce.Count > 1 ? sch.Fuse(reduce) : reduce[0], spatial.Count);
    }

    /// <summary>TVM's NeedsRFactorOrCrossThreadReduction.</summary>
    internal static bool Needed(ScheduleState s, BlockRealize br, long maxParallelExtent)
    {
        var b = br.Block;
        if (b.Writes.Count == 0) return false;
        if (!BlockAnalysis.IsReductionBlock(s, br) || !BlockAnalysis.IsTrivialBinding(s, br) || BlockAnalysis.HasBeenMultiLevelTiled(b)) return false;
        var loops = s.LoopsAbove(br);
        var types = loops.Select(BlockAnalysis.LoopIterType).ToList();
        if (types.Any(t => t is not (IterKind.Spatial or IterKind.Reduce))) return false;
        if (!types.Contains(IterKind.Reduce)) return false;
        for (int i = 0; i < loops.Count; i++)
        {
            var next = i + 1 < loops.Count ? (Stmt)loops[i + 1] : br;
            if (!ReferenceEquals(loops[i].Body, next)) return false;
        }
        long space = 1, reduceLen = 1;
        for (int i = 0; i < loops.Count; i++)
        {
            if (E.AsConst(loops[i].Extent) is not { } ext) return false;
            if (types[i] == IterKind.Spatial) space *= ext; else reduceLen *= ext;
        }
        if (BlockAnalysis.NeedsMultiLevelTiling(s, br))
            return !(space >= reduceLen || space > maxParallelExtent);
        return reduceLen > 1;
    }
}
