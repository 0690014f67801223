namespace Tuner.Ir.Schedule;

/// <summary>
/// The shared core of compute_at and reverse_compute_at (TVM's compute_at.cc): checks, insertion point between the
/// producers and consumers under the loop, region inference, the new loop nest over the inferred block-var domains,
/// and removal of the block from its old place.
/// </summary>
internal static class ComputeAtCore
{
    public static void Apply(ScheduleState s, string block, Var loopVar, bool preserveUnitLoops, int index, bool isComputeAt)
    {
        string p = isComputeAt ? "ComputeAt" : "ReverseComputeAt";
        var br = s.FindBlock(block, p);
        var loop = s.FindLoop(loopVar, p);
        var scope = s.ParentBlock(br) ?? throw new ScheduleError(p, $"block '{block}' is the root block");
        if (!ReferenceEquals(s.ParentBlock(loop), scope))
            throw new ScheduleError(p, $"loop '{loopVar.Name}' is not in the scope of block '{block}'");
        if (BlockScopeQueries.IsAncestor(s, loop, br))
            throw new ScheduleError(p, $"loop '{loopVar.Name}' is an ancestor of block '{block}'");
        if (BlockKinds.Kind(scope, br) == BlockKind.Other)
            throw new ScheduleError(p, $"block '{block}' is neither a complete block nor a reduction block");
        if (isComputeAt && BlockScopeQueries.IsOutputBlock(s, br.Block))
            throw new ScheduleError(p, $"block '{block}' is an output block");

        ComputeAtChecks.PredicateOnlyBounds(s, p, br);
        var producers = BlockScopeQueries.Producers(scope, br);
        var consumers = BlockScopeQueries.Consumers(scope, br);
        if (isComputeAt ? consumers.Count == 0 : producers.Count == 0)
            throw new ScheduleError(p, $"block '{block}' has no {(isComputeAt ? "consumer" : "producer")}");
        var items = CacheStage.Items(loop.Body);
        int pos = InsertionPoint(s, p, block, loopVar, items, producers, consumers, index, isComputeAt);

        if (!isComputeAt) ComputeAtChecks.CheckProducersComplete(s, p, block, loop, producers);

        // Region inference: what the related blocks under the loop need (compute_at) or produce (reverse).
        var related = isComputeAt ? consumers : producers;
        var buffers = isComputeAt ? br.Block.Writes.Select(w => w.Buffer).ToList() : br.Block.Reads.Select(r => r.Buffer).ToList();
        var required = new Dictionary<Buffer, SymBound[]>();
        foreach (var rel in related)
        {
            var regions = isComputeAt ? rel.Block.Reads : rel.Block.Writes;
            foreach (var rg in regions.Where(r => buffers.Contains(r.Buffer)))
            {
                var relaxed = CacheStage.Relax(s, rel, rg, loop);
                if (!isComputeAt) ProductionDensity.Check(s, p, block, loop, rel, rg, relaxed);
                var dims = relaxed.Region.Select(r => new SymBound(r.Min, BlockAffineForm.Simplify(r.Min + r.Extent - 1))).ToArray();
                if (required.TryGetValue(rg.Buffer, out var old))
                    for (int d = 0; d < dims.Length; d++) dims[d] = BlockRegionBounds.Union(old[d], dims[d]);
                required[rg.Buffer] = dims;
            }
        }
        var provided = (isComputeAt ? br.Block.Writes : br.Block.Reads).Where(r => required.ContainsKey(r.Buffer));
        var doms = BlockVarDomains.Solve(p, br.Block, provided, required);

        var outer = s.LoopsAbove(loop).Append(loop);
        if (!isComputeAt) ComputeAtChecks.CheckCoverage(p, br.Block, doms, BlockScopeQueries.LoopRanges(outer));
        if (!isComputeAt) ComputeAtChecks.CheckReductionNotRepeated(p, br.Block, doms, outer.ToList());
        var nest = BlockVarDomains.MakeNest(br.Block, doms, BlockScopeQueries.LoopRanges(outer), preserveUnitLoops);
        var edits = new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [loop] = loop with { Body = SeqStmt.Flatten(items.Insert(pos, nest)) },
            [BlockTreeEdit.LeafRemovalTarget(s, br, p)] = null,
        };
        BlockTreeEdit.Apply(s, edits);
    }

    private static int InsertionPoint(ScheduleState s, string p, string block, Var loopVar, Seq<Stmt> items,
        List<BlockRealize> producers, List<BlockRealize> consumers, int index, bool isComputeAt)
    {
        int last = -1, first = items.Count, nProd = 0, nCons = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var under = BlockScopeQueries.ChildBlocks(items[i]);
            int np = under.Count(u => producers.Any(x => ReferenceEquals(x, u)));
            int nc = under.Count(u => consumers.Any(x => ReferenceEquals(x, u)));
            if (np > 0) last = i;
            if (nc > 0 && first == items.Count) first = i;
            nProd += np;
            nCons += nc;
        }
        if (isComputeAt && nCons < consumers.Count)
            throw new ScheduleError(p, nCons == 0 ? $"loop '{loopVar.Name}' is not an ancestor of any consumer of block '{block}'"
                : $"loop '{loopVar.Name}' is not an ancestor of all consumers of block '{block}'");
        if (!isComputeAt && nProd < producers.Count)
            throw new ScheduleError(p, nProd == 0 ? $"loop '{loopVar.Name}' is not an ancestor of any producer of block '{block}'"
                : $"loop '{loopVar.Name}' is not an ancestor of all producers of block '{block}'");
        if (last >= first)
            throw new ScheduleError(p, $"no insertion point under loop '{loopVar.Name}': the last producer is in subtree {last}, the first consumer in subtree {first}");
        if (index == -1) return first;
        if (index == -2) return last + 1;
        if (index >= last + 1 && index <= first) return index;
        throw new ScheduleError(p, $"index {index} is not a valid insertion point under loop '{loopVar.Name}' (valid: -1, -2, [{last + 1}, {first}])");
    }
}
