using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// TVM's MultiLevelTiling rule with the CPU defaults: structure "SSRSRS", max_innermost_factor 64, write reuse
/// "may" at levels [1, 2] in scope "global", no read reuse. For a block that needs it (data reuse, trivial binding):
/// annotates "meta_schedule.tiling_structure", splits each spatial loop 4 ways and each reduction loop 2 ways by
/// SamplePerfectTile + Split, reorders to S0 S1 R0 S2 R1 S3, then branches on write reuse: when the block's only
/// consumer is already a write cache (an elementwise injective, ordered copy), that consumer is moved under the last
/// loop of tile level 1 or 2 (ReverseComputeAt), plus a variant leaving it; otherwise a variant without cache, and
/// CacheWrite + ReverseComputeAt at level 1 and at level 2. "meta_schedule.write_cache_level" forces a cache ("must").
/// </summary>
public sealed class MultiLevelTiling(string structure = "SSRSRS", int maxInnermostFactor = 64,
    IReadOnlyList<int>? writeReuseLevels = null, string writeReuseScope = "global") : IScheduleRule
{
    private readonly IReadOnlyList<int> _levels = writeReuseLevels ?? [1, 2];
    private readonly int[] _s = Indices(structure, 'S');
    private readonly int[] _r = Indices(structure, 'R');

    public string Name => "MultiLevelTiling";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        if (!BlockAnalysis.NeedsMultiLevelTiling(sch.State, BlockAnalysis.Realize(sch, block))) return [sch];
        sch.Annotate(block, BlockAnalysis.TilingStructure, structure);
        var tiles = TileLoopNest(sch, block);
        return AddWriteReuse(sch, block, tiles);
    }

    /// <summary>Splits and reorders the loops; returns the loops of each tile level, outer to inner.</summary>
    private List<LoopRV>[] TileLoopNest(TracedSchedule sch, BlockRV block)
    {
        var loops = sch.GetLoops(block);
        var iterTypes = BlockAnalysis.Realize(sch, block).Block.IterVars.Select(iv => iv.Kind).ToList();
        var tiles = Enumerable.Range(0, structure.Length).Select(_ => new List<LoopRV>()).ToArray();
        for (int i = 0; i < loops.Count; i++)
        {
            int[] idx;
            if (iterTypes[i] == IterKind.Spatial) idx = _s;
            else if (iterTypes[i] == IterKind.Reduce) idx = _r;
            else continue;
            if (idx.Length == 1) { tiles[idx[0]].Add(loops[i]); continue; }
            var factors = sch.SamplePerfectTile(loops[i], idx.Length, maxInnermostFactor);
            var splits = sch.Split(loops[i], factors.Select(f => (ExprRV?)f).ToList());
            for (int j = 0; j < idx.Length; j++) tiles[idx[j]].Add(splits[j]);
        }
        sch.Reorder(tiles.SelectMany(t => t).ToList());
        return tiles;
    }

    private List<TracedSchedule> AddWriteReuse(TracedSchedule sch, BlockRV block, List<LoopRV>[] tiles)
    {
        var levels = _levels;
        bool must = false;
        if (BlockAnalysis.Realize(sch, block).Block.Annotations[BlockAnalysis.WriteCacheLevel] is { } ann)
        {
            must = true;
            levels = ParseLevels(ann);
        }
        var results = new List<TracedSchedule>();
        if (!must)
        {
            var consumers = sch.GetConsumers(block);
            if (consumers.Count == 1 && BlockAnalysis.IsWriteCache(BlockAnalysis.Realize(sch, consumers[0]).Block))
            {
                foreach (var level in levels)
                {
                    var fused = (TracedSchedule)sch.Copy();
                    fused.ReverseComputeAt(consumers[0], tiles[level - 1][^1], preserveUnitLoops: true);
                    results.Add(fused);
                }
                results.Add(sch);
                return results;
            }
            results.Add((TracedSchedule)sch.Copy());
        }
        var cache = sch.CacheWrite(block, 0, writeReuseScope);
        foreach (var level in levels)
        {
            var cached = (TracedSchedule)sch.Copy();
            cached.ReverseComputeAt(cache, tiles[level - 1][^1], preserveUnitLoops: true);
            results.Add(cached);
        }
        return results;
    }

    private static IReadOnlyList<int> ParseLevels(Expr ann) => ann switch
    {
        IntImm i => [(int)i.Value],
        _ => throw new InvalidOperationException("meta_schedule.write_cache_level must be an integer level"),
    };

    private static int[] Indices(string structure, char c)
    {
        if (structure.Any(x => x is not ('S' or 'R'))) throw new ArgumentException($"invalid tiling structure '{structure}'");
        return Enumerable.Range(0, structure.Length).Where(i => structure[i] == c).ToArray();
    }
}
