namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's sample_compute_location(block, decision): a loop to compute the block at, drawn uniformly among the valid
/// locations as TVM's CollectComputeLocation lists them — inline (−2, when the block can be inlined), root (−1), then
/// loops of the first consumer up to the consumers' lowest common ancestor, skipping unit loops, stopping at the
/// first reduction loop after the last data-parallel one, keeping only loops ComputeAt accepts. The decision is the
/// location's index (−2, −1, or the loop's position among the first consumer's loops). Replaying a decision that is
/// no longer valid takes the nearest valid one before it, else root. Pure.
/// </summary>
public static class SampleComputeLocationPrimitive
{
    public const string Name = "SampleComputeLocation";

    /// <summary>The candidate locations with their indices, in increasing index order.</summary>
    public static IReadOnlyList<(Var Location, long Index)> Candidates(ScheduleState s, string block) => Candidates(s, block, null);

    /// <summary>As <see cref="Candidates(ScheduleState, string)"/>, trying only the indices <paramref name="consider"/> accepts (root is always listed).</summary>
    private static IReadOnlyList<(Var Location, long Index)> Candidates(ScheduleState s, string block, Func<long, bool>? consider)
    {
        var br = s.FindBlock(block, Name);
        var result = new List<(Var, long)>();
        if ((consider is null || consider(-2)) && CanComputeInline(s, block)) result.Add((Schedule.InlineMark, -2));
        result.Add((Schedule.RootMark, -1));
        var consumers = GetConsumersPrimitive.Apply(s, block);
        if (consumers.Count == 0) return result;

        var consumerRealizes = consumers.Select(c => s.FindBlock(c, Name)).ToList();
        var boundary = LowestCommonAncestor(s, consumerRealizes);
        if (boundary is not For boundaryLoop) return result;
        var loops = s.LoopsAbove(consumerRealizes[0]);
        int lca = -1;
        for (int i = 0; i < loops.Count; i++) if (ReferenceEquals(loops[i], boundaryLoop)) lca = i;
        if (lca < 0) return result;

        var types = loops.Take(lca + 1).Select(IterType).ToList();
        int lastDataPar = types.FindLastIndex(t => t == IterKind.Spatial);
        var position = Enumerable.Range(0, loops.Count).ToDictionary(i => loops[i].LoopVar);
        var valid = ComputeAtPrimitive.CandidateLoops(s, block, consider is null ? null : v => position.TryGetValue(v, out var i) && consider(i)).ToHashSet();
        bool visitedReduce = false;
        for (int i = 0; i <= lca; i++)
        {
            if (E.IsConst(loops[i].Extent, 1)) continue;
            if (types[i] == IterKind.Spatial)
            {
                if (visitedReduce) break;
            }
            else
            {
                visitedReduce = true;
                if (i > lastDataPar) break;
            }
            if (valid.Contains(loops[i].LoopVar)) result.Add((loops[i].LoopVar, i));
        }
        return result;
    }

    /// <summary>TVM's SampleComputeLocation: keep a valid decision, else the nearest valid index below it, else root.</summary>
    public static (Var Location, long Decision) Sample(RandomEngine rand, ScheduleState s, string block, long? decision)
    {
        // Replays mostly keep their decision: try that location alone first (every candidate costs a trial compute_at).
        if (decision is { } kept && Candidates(s, block, i => i == kept).FirstOrDefault(c => c.Index == kept) is { Location: not null } hit)
            return hit;
        var cands = Candidates(s, block);
        if (decision is { } old)
        {
            (Var, long)? below = null;
            foreach (var c in cands)
            {
                if (c.Index == old) return c;
                if (c.Index < old) below = c;
            }
            return below ?? (Schedule.RootMark, -1);
        }
        return cands[rand.SampleInt(0, cands.Count)];
    }

    /// <summary>TVM's GetLoopIterType: how the blocks directly under a loop use its var.</summary>
    private static IterKind IterType(For loop)
    {
        int spatial = 0, reduce = 0, other = 0;
        foreach (var br in BlockDependencies.ChildBlocks(loop.Body))
            for (int i = 0; i < br.Block.IterVars.Count; i++)
            {
                if (!LoopChecks.Uses(br.IterValues[i], loop.LoopVar)) continue;
                switch (br.Block.IterVars[i].Kind)
                {
                    case IterKind.Spatial: spatial++; break;
                    case IterKind.Reduce: reduce++; break;
                    default: other++; break;
                }
            }
        if (other > 0 || (spatial > 0 && reduce > 0)) return IterKind.Opaque;
        return reduce > 0 ? IterKind.Reduce : IterKind.Spatial;
    }

    /// <summary>The deepest loop or block enclosing all the blocks (a single block: its nearest enclosing loop or block).</summary>
    private static Stmt? LowestCommonAncestor(ScheduleState s, IReadOnlyList<BlockRealize> blocks)
    {
        var paths = blocks.Select(b => s.Ancestors(b).Where(a => a is For or Block).ToList()).ToList();
        Stmt? lca = null;
        for (int depth = 0; ; depth++)
        {
            if (paths.Any(p => p.Count <= depth)) return lca;
            var x = paths[0][depth];
            if (paths.Any(p => !ReferenceEquals(p[depth], x))) return lca;
            lca = x;
        }
    }

    /// <summary>Inputs [block]; attrs []; outputs [loop]; decision: the location index.</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true, (sch, inputs, _, decision) =>
        [sch.SampleComputeLocation(Args.Rv<BlockRV>(inputs[0], "block"), decision is null ? null : Args.Long(decision, "decision"))]);

    /// <summary>Whether ComputeInline accepts the block: tried on a scratch copy of the state.</summary>
    internal static bool CanComputeInline(ScheduleState s, string block)
    {
        try { ComputeInlinePrimitive.Apply(new ScheduleState(s.Func), block); return true; }
        catch (ScheduleError) { return false; }
    }
}
