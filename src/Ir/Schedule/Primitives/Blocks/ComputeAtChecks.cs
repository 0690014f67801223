namespace Tuner.Ir.Schedule;

/// <summary>
/// Preconditions of compute_at / reverse_compute_at that TVM does not check (it then computes wrong results); each
/// was found by the random-trace property test. Enumerations are capped at 2^16 loop iterations.
/// </summary>
internal static class ComputeAtChecks
{
    /// <summary>
    /// Not in TVM: under <paramref name="loop"/> a producer must have finished what it writes, so none of its reduce iter
    /// vars may be bound to that loop or one above it (each iteration would see a partial reduction; TVM reads it anyway).
    /// </summary>
    public static void CheckProducersComplete(ScheduleState s, string p, string block, For loop, List<BlockRealize> producers)
    {
        var outer = s.LoopsAbove(loop).Append(loop).Select(l => l.LoopVar).ToHashSet();
        foreach (var pr in producers)
            for (int i = 0; i < pr.IterValues.Count; i++)
                if (pr.Block.IterVars[i].Kind == IterKind.Reduce && BlockScopeQueries.VarsOf(pr.IterValues[i]).FirstOrDefault(outer.Contains) is { } v)
                    throw new ScheduleError(p, $"producer '{pr.Block.Name}' of block '{block}' reduces over loop '{v.Name}', which encloses loop '{loop.LoopVar.Name}': block '{block}' would read a partial reduction");
    }

    /// <summary>
    /// Not in TVM: reverse_compute_at must still run every instance of the block somewhere. The domains inferred from
    /// what the producers write leave out instances that read none of it (a padding block's border reads nothing), and
    /// TVM silently drops those; here the domains, swept over the enclosing loops, must cover each iter var's domain.
    /// </summary>
    public static void CheckCoverage(string p, Block block, SymBound?[] doms, IReadOnlyDictionary<Var, Range> outer)
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
    /// Not in TVM: a reduce iter var restricted by what the producers write under the loop spreads the reduction over
    /// the enclosing loops; one of those that no binding uses would re-run the accumulation without its init.
    /// </summary>
    public static void CheckReductionNotRepeated(string p, Block block, SymBound?[] doms, List<For> outer)
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
    public static void PredicateOnlyBounds(ScheduleState s, string p, BlockRealize br)
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
}
