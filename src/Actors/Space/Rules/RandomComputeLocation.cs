using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// TVM's RandomComputeLocation rule: a block directly under the root, with loops, whose outermost loop holds only
/// this block, that is not multi-level tiled and has a consumer, is moved by SampleComputeLocation + ComputeAt
/// (preserve_unit_loops). A block annotated "meta_schedule.random_compute_producer" (by AddRFactor) also gets its
/// single producer (the rfactor block) placed the same way, after the annotation is removed.
/// </summary>
public sealed class RandomComputeLocation : IScheduleRule
{
    public string Name => "RandomComputeLocation";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        if (!Applies(sch, BlockAnalysis.Realize(sch, block))) return [sch];
        IReadOnlyList<BlockRV>? producers = null;
        if (BlockAnalysis.IntAnn(BlockAnalysis.Realize(sch, block).Block.Annotations, BlockAnalysis.RandomComputeProducer) == 1)
        {
            producers = sch.GetProducers(block);
            sch.Unannotate(block, BlockAnalysis.RandomComputeProducer);
            if (producers.Count != 1) throw new InvalidOperationException("an rfactor'ed block must have exactly one producer");
        }
        sch.ComputeAt(block, sch.SampleComputeLocation(block), preserveUnitLoops: true);
        if (producers is not null) sch.ComputeAt(producers[0], sch.SampleComputeLocation(producers[0]), preserveUnitLoops: true);
        return [sch];
    }

    private static bool Applies(TracedSchedule sch, BlockRealize br)
    {
        var s = sch.State;
        if (BlockAnalysis.IsRoot(sch, br)) return false;
        var scope = s.ParentBlock(br);
        if (scope is null || !ReferenceEquals(((BlockRealize)sch.Func.Body).Block, scope)) return false;
        var loops = s.LoopsAbove(br);
        if (loops.Count == 0) return false;
        if (BlockAnalysis.ChildRealizes(loops[0].Body).Count > 1) return false;
        if (BlockAnalysis.HasBeenMultiLevelTiled(br.Block)) return false;
        return BlockAnalysis.Consumers(s, br.Block.Name).Count > 0;
    }
}
