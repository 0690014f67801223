using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// Ours, not TVM's: operand packing after MultiLevelTiling, as BLAS packs its panels. For a block MultiLevelTiling
/// tiled (annotated "meta_schedule.tiling_structure"), the operand that is reused across the tile (a read missing a
/// spatial iter var) and read along the output's innermost axis — B of a matmul, the weights of an NHWC conv — is
/// copied by CacheRead ("global") into a buffer computed at a tile level: one design space per level in
/// <paramref name="levels"/> (how many tile groups of the structure lie above the copy; 2 = below S0 S1, the copy
/// spans the whole reduction; 3 = below R0 too, one reduction chunk) beside the unpacked one. The copy is the tile's
/// region only (buffers are compacted to their use), contiguous along the innermost axis, so the micro-kernel reads
/// one dense panel instead of rows a full matrix width apart; it is allocated inside the parallel loop, per thread.
/// No layout transform: the panel keeps the operand's axis order (TransformLayout would be the next step).
/// </summary>
public sealed class PackReusedOperand(string structure = "SSRSRS", IReadOnlyList<int>? levels = null) : IScheduleRule
{
    private readonly IReadOnlyList<int> _levels = levels ?? [2, 3];

    public string Name => "PackReusedOperand";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        var br = BlockAnalysis.Realize(sch, block);
        if (br.Block.Annotations[BlockAnalysis.TilingStructure] is not StringImm { Value: var s } || s != structure) return [sch];
        if (ReusedOperand(br.Block) is not { } readIndex) return [sch];
        var kinds = br.Block.IterVars.Select(iv => iv.Kind).ToList();
        if (kinds.Any(k => k is not (IterKind.Spatial or IterKind.Reduce))) return [sch];
        int numSpatial = kinds.Count(k => k == IterKind.Spatial), numReduce = kinds.Count - numSpatial;
        var results = new List<TracedSchedule>();
        foreach (var level in _levels)
        {
            if (level < 1 || level > structure.Length) continue;
            // Loops after tiling: per structure letter, one loop per spatial (S) or reduction (R) iter var.
            int above = structure.Take(level).Sum(c => c == 'S' ? numSpatial : numReduce);
            if (above == 0) continue;
            var packed = (TracedSchedule)sch.Copy();
            packed.Seed(sch.ForkSeed());
            try
            {
                var loops = packed.GetLoops(block);
                var cache = packed.CacheRead(block, readIndex, "global");
                packed.ComputeAt(cache, loops[above - 1], preserveUnitLoops: true);
                results.Add(packed);
            }
            catch (ScheduleError) { }
        }
        results.Add(sch);
        return results;
    }

    /// <summary>
    /// The index in the block's reads of the operand to pack: not the output, indexed by the innermost spatial iter
    /// var in its last dimension, and missing some other spatial iter var (so the tile reuses it); null when none.
    /// </summary>
    internal static int? ReusedOperand(Block b)
    {
        var spatial = b.IterVars.Where(iv => iv.Kind == IterKind.Spatial).Select(iv => iv.Var).ToList();
        if (spatial.Count == 0 || b.Writes.Count != 1) return null;
        var innermost = spatial[^1];
        for (int i = 0; i < b.Reads.Count; i++)
        {
            var r = b.Reads[i];
            if (ReferenceEquals(r.Buffer, b.Writes[0].Buffer) || r.Region.Count == 0) continue;
            var used = r.Region.SelectMany(x => BlockAnalysis.VarsOf(x.Min)).ToHashSet();
            if (BlockAnalysis.VarsOf(r.Region[^1].Min).Contains(innermost) && spatial.Any(v => !used.Contains(v))) return i;
        }
        return null;
    }
}
