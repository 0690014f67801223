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

        PredicateOnlyBounds(s, p, br);
        var producers = BlockScopeQueries.Producers(scope, br);
        var consumers = BlockScopeQueries.Consumers(scope, br);
        if (isComputeAt ? consumers.Count == 0 : producers.Count == 0)
            throw new ScheduleError(p, $"block '{block}' has no {(isComputeAt ? "consumer" : "producer")}");
        var items = CacheStage.Items(loop.Body);
        int pos = InsertionPoint(s, p, block, loopVar, items, producers, consumers, index, isComputeAt);

        if (!isComputeAt) CheckProducersComplete(s, p, block, loop, producers);

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
        if (!isComputeAt) CheckCoverage(p, br.Block, doms, BlockScopeQueries.LoopRanges(outer));
        if (!isComputeAt) CheckReductionNotRepeated(p, br.Block, doms, outer.ToList());
        var nest = BlockVarDomains.MakeNest(br.Block, doms, BlockScopeQueries.LoopRanges(outer), preserveUnitLoops);
        var edits = new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [loop] = loop with { Body = SeqStmt.Flatten(items.Insert(pos, nest)) },
            [BlockTreeEdit.LeafRemovalTarget(s, br, p)] = null,
        };
        BlockTreeEdit.Apply(s, edits);
    }

    /// <summary>
    /// Not in TVM: reverse_compute_at must still run every instance of the block somewhere. The domains inferred from
    /// what the producers write leave out instances that read none of it (a padding block's border reads nothing), and
    /// TVM silently drops those; here the domains, swept over the enclosing loops, must cover each iter var's domain.
    /// </summary>
    private static void CheckCoverage(string p, Block block, SymBound?[] doms, IReadOnlyDictionary<Var, Range> outer)
    {
        for (int i = 0; i < doms.Length; i++)
        {
            if (doms[i] is not { } d) continue;
            var iv = block.IterVars[i];
            var lo = BlockRegionBounds.Eval(d.Min, outer)!.Value.Min;
            var hi = BlockRegionBounds.Eval(d.Max, outer)!.Value.Max;
            var dmax = BlockAffineForm.Simplify(iv.Dom.Min + iv.Dom.Extent - 1);
            if (!BlockRegionBounds.CanProveLE(lo, iv.Dom.Min, outer) || !BlockRegionBounds.CanProveLE(dmax, hi, outer))
                throw new ScheduleError(p, $"block '{block.Name}' would run only for {iv.Var.Name} in [{Txt(lo)}, {Txt(hi)}] of its domain [{Txt(iv.Dom.Min)}, {Txt(dmax)}]: the instances that read nothing its producers write under the loop would be lost");
        }
    }

    /// <summary>
    /// Not in TVM: under <paramref name="loop"/> a producer must have finished what it writes, so none of its reduce iter
    /// vars may be bound to that loop or one above it (each iteration would see a partial reduction; TVM reads it anyway).
    /// </summary>
    private static void CheckProducersComplete(ScheduleState s, string p, string block, For loop, List<BlockRealize> producers)
    {
        var outer = s.LoopsAbove(loop).Append(loop).Select(l => l.LoopVar).ToHashSet();
        foreach (var pr in producers)
            for (int i = 0; i < pr.IterValues.Count; i++)
                if (pr.Block.IterVars[i].Kind == IterKind.Reduce && BlockScopeQueries.VarsOf(pr.IterValues[i]).FirstOrDefault(outer.Contains) is { } v)
                    throw new ScheduleError(p, $"producer '{pr.Block.Name}' of block '{block}' reduces over loop '{v.Name}', which encloses loop '{loop.LoopVar.Name}': block '{block}' would read a partial reduction");
    }

    /// <summary>
    /// Not in TVM: a reduce iter var restricted by what the producers write under the loop spreads the reduction over
    /// the enclosing loops; one of those that no binding uses would re-run the accumulation without its init.
    /// </summary>
    private static void CheckReductionNotRepeated(string p, Block block, SymBound?[] doms, List<For> outer)
    {
        var ranges = BlockScopeQueries.LoopRanges(outer);
        bool split = false;
        for (int i = 0; i < doms.Length; i++)
        {
            if (doms[i] is not { } d || block.IterVars[i].Kind != IterKind.Reduce) continue;
            var iv = block.IterVars[i];
            var dmax = BlockAffineForm.Simplify(iv.Dom.Min + iv.Dom.Extent - 1);
            split |= !BlockRegionBounds.CanProveLE(d.Min, iv.Dom.Min, ranges) || !BlockRegionBounds.CanProveLE(dmax, d.Max, ranges);
        }
        if (!split) return;
        var used = doms.Where(d => d is not null).SelectMany(d => BlockScopeQueries.VarsOf(d!.Value.Min)).ToHashSet();
        var idle = outer.FirstOrDefault(l => !E.IsConst(l.Extent, 1) && !used.Contains(l.LoopVar));
        if (idle is not null)
            throw new ScheduleError(p, $"the reduction of block '{block.Name}' would be split across the enclosing loops, and loop '{idle.LoopVar.Name}' among them repeats it without its init");
    }

    /// <summary>
    /// Not in TVM: the new loop nest keeps only predicates that bound the iter vars to their domains, so the block's own
    /// predicate may only exclude instances outside those domains (as a non-divisible split's does). One that excludes
    /// instances inside them (an rfactor over a padded loop) would be lost. Checked by enumerating the block's loops
    /// (at most 2^16 iterations).
    /// </summary>
    private static void PredicateOnlyBounds(ScheduleState s, string p, BlockRealize br)
    {
        if (E.IsConst(br.Predicate, 1)) return;
        var loops = s.LoopsAbove(br).ToList();
        if (loops.Any(l => l.Min is not IntImm || l.Extent is not IntImm)) return;
        if (loops.Aggregate(1L, (acc, l) => acc > 1 << 16 ? acc : acc * ((IntImm)l.Extent).Value) > 1 << 16) return;
        var doms = br.Block.IterVars.Select(iv => (Min: IntEval.Eval(iv.Dom.Min, new Dictionary<Var, long>()), Ext: IntEval.Eval(iv.Dom.Extent, new Dictionary<Var, long>()))).ToList();
        if (doms.Any(d => d.Min is null || d.Ext is null)) return;
        var env = loops.ToDictionary(l => l.LoopVar, l => ((IntImm)l.Min).Value);
        Walk(0);

        void Walk(int depth)
        {
            if (depth == loops.Count)
            {
                if (IntEval.Eval(br.Predicate, env) is not 0L) return;
                for (int i = 0; i < doms.Count; i++)
                    if (IntEval.Eval(br.IterValues[i], env) is not { } v || v < doms[i].Min || v >= doms[i].Min + doms[i].Ext) return;
                throw new ScheduleError(p, $"the predicate of block '{br.Block.Name}' excludes instances inside its iter domains, which the new loop nest would run");
            }
            var l = loops[depth];
            long lo = ((IntImm)l.Min).Value, ext = ((IntImm)l.Extent).Value;
            for (long x = 0; x < ext; x++)
            {
                env[l.LoopVar] = lo + x;
                Walk(depth + 1);
            }
            env[l.LoopVar] = lo;
        }
    }

    private static string Txt(Expr e) => e is IntImm i ? i.Value.ToString() : "(loop-dependent)";

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
