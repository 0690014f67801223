namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's compute_at: moves a producer block under a loop of its consumers, computing exactly the region the
/// consumers under that loop need (new loops ax0.. over the inferred region, bindings v = min + ax, a predicate
/// where the region may exceed the iter var's domain).
/// Preconditions: the block and loop exist in the same scope; the loop is not an ancestor of the block; the block is
/// complete or a reduction block and not an output block; it has consumers and every one is under the loop; the insertion
/// position (index: -1 before the first consumer, -2 after the last producer, or an explicit position in between)
/// lies after every producer and before every consumer among the loop's children; each index of its writes is v, c·v,
/// v // c or v % c plus a constant (TVM's SolveBlockVarDomain). Consumer regions are relaxed over the loops under the
/// loop, narrowed by the consumers' predicates.
/// Result: the block (same name) under the loop; its old loops that became empty are removed.
/// </summary>
public static class ComputeAtPrimitive
{
    public static void Apply(ScheduleState s, string block, Var loop, bool preserveUnitLoops = false, int index = -1) =>
        ComputeAtCore.Apply(s, block, loop, preserveUnitLoops, index, isComputeAt: true);

    /// <summary>Whether <see cref="Apply"/> would succeed (TVM's CanComputeAt); the state is not changed.</summary>
    public static bool CanApply(ScheduleState s, string block, Var loop, bool preserveUnitLoops = false)
    {
        try { Apply(new ScheduleState(s.Func), block, loop, preserveUnitLoops); return true; }
        catch (ScheduleError) { return false; }
    }

    /// <summary>
    /// The loops at which compute_at of <paramref name="block"/> is legal and worthwhile, outermost first, as TVM's
    /// CollectComputeLocation: the loops of the first consumer down to the consumers' lowest common ancestor loop,
    /// skipping unit loops, stopping at data-parallel loops after a reduction loop and at trailing reduction loops,
    /// keeping those where compute_at succeeds. Empty when the block has no consumer.
    /// </summary>
    /// <param name="consider">When given, only the loops it accepts are tried (each try is a whole compute_at).</param>
    public static IReadOnlyList<Var> CandidateLoops(ScheduleState s, string block, Func<Var, bool>? consider = null)
    {
        var br = s.FindBlock(block, "SampleComputeLocation");
        var scope = s.ParentBlock(br);
        if (scope is null) return [];
        var consumers = BlockScopeQueries.Consumers(scope, br);
        if (consumers.Count == 0) return [];
        var loops = s.LoopsAbove(consumers[0]);
        var boundary = LowestCommonLoopOrBlock(s, consumers);
        if (boundary is not For) return [];
        int n = loops.ToList().FindIndex(l => ReferenceEquals(l, boundary)) + 1;
        var kinds = loops.Take(n).Select(BlockKinds.LoopIterKind).ToList();
        int lastDataPar = kinds.FindLastIndex(k => k == IterKind.Spatial);
        var result = new List<Var>();
        bool visitedReduce = false;
        for (int i = 0; i < n; i++)
        {
            if (E.IsConst(loops[i].Extent, 1)) continue;
            if (kinds[i] == IterKind.Spatial) { if (visitedReduce) break; }
            else { visitedReduce = true; if (i > lastDataPar) break; }
            if (consider is not null && !consider(loops[i].LoopVar)) continue;
            if (CanApply(s, block, loops[i].LoopVar, preserveUnitLoops: true)) result.Add(loops[i].LoopVar);
        }
        return result;
    }

    /// <summary>The deepest For or Block enclosing all the blocks (TVM's sref parent / LCA: sequences do not count).</summary>
    private static Stmt LowestCommonLoopOrBlock(ScheduleState s, IReadOnlyList<BlockRealize> blocks)
    {
        var paths = blocks.Select(b => s.Ancestors(b)).ToList();
        int k = 0;
        while (paths.All(p => k < p.Count && ReferenceEquals(p[k], paths[0][k]))) k++;
        for (int i = k - 1; i >= 0; i--)
            if (paths[0][i] is For or Block) return paths[0][i];
        return paths[0][0];
    }
}
