namespace Tuner.Ir.Schedule;

/// <summary>rfactor's loop checks (TVM's LoopPropertyError cases, plus: the rfactor loop must be a reduction loop).</summary>
internal static class RFactorChecks
{
    /// <summary>Loop variables used by the bindings of the block's iter vars of one kind.</summary>
    public static HashSet<Var> LoopsTouched(BlockRealize br, IterKind kind)
    {
        var set = new HashSet<Var>();
        for (int i = 0; i < br.IterValues.Count; i++)
            if (br.Block.IterVars[i].Kind == kind) set.UnionWith(BlockScopeQueries.VarsOf(br.IterValues[i]));
        return set;
    }

    public static void LoopProperties(ScheduleState s, BlockRealize br, List<For> loops, For rfLoop)
    {
        var dataPar = LoopsTouched(br, IterKind.Spatial);
        var reduce = LoopsTouched(br, IterKind.Reduce);
        string name = br.Block.Name;
        if (dataPar.Contains(rfLoop.LoopVar))
            throw new RFactorError($"loop '{rfLoop.LoopVar.Name}' is used by a spatial iter var of block '{name}'");
        if (!reduce.Contains(rfLoop.LoopVar))
            throw new RFactorError($"loop '{rfLoop.LoopVar.Name}' is not a reduction loop of block '{name}'");
        var first = BlockScopeQueries.ChildBlocks(loops[0]);
        if (!ReferenceEquals(first[0], br))
            throw new RFactorError($"block '{name}' is not the first block under its outermost loop '{loops[0].LoopVar.Name}'");
        bool metReduction = false;
        foreach (var l in loops)
        {
            bool d = dataPar.Contains(l.LoopVar), r = reduce.Contains(l.LoopVar);
            if (d && r)
                throw new RFactorError($"loop '{l.LoopVar.Name}' is used by both spatial and reduce iter vars of block '{name}'");
            if (d)
            {
                if (ReferenceEquals(l, rfLoop))
                    throw new RFactorError($"loop '{l.LoopVar.Name}' is used by a spatial iter var of block '{name}'");
                continue;
            }
            if (r)
            {
                if (!metReduction && BlockScopeQueries.ChildBlocks(l).Count != 1)
                    throw new RFactorError($"the outermost reduction loop '{l.LoopVar.Name}' of block '{name}' has more than one block under it");
                metReduction = true;
                continue;
            }
            if (metReduction && !E.IsConst(l.Extent, 1))
                throw new RFactorError($"loop '{l.LoopVar.Name}' under a reduction loop of block '{name}' is used by no iter var and has extent other than 1");
        }
    }

    /// <summary>
    /// The part of the block predicate the write-back block keeps: the conjuncts over loops that stay around it (the
    /// spatial loops and the rfactor loop). TVM gives the write-back block no predicate, which after a non-divisible
    /// split of a spatial loop writes outside the buffer. A conjunct over another reduction loop cannot be kept (that loop
    /// is gone), and without it the write-back could read rfactor entries no instance wrote: rejected.
    /// </summary>
    public static Expr WriteBackPredicate(BlockRealize br, For rfLoop)
    {
        var removed = LoopsTouched(br, IterKind.Reduce);
        removed.Remove(rfLoop.LoopVar);
        Expr? kept = null;
        foreach (var c in Conjuncts(br.Predicate))
        {
            if (c is IntImm { Value: 1 }) continue;
            if (BlockScopeQueries.VarsOf(c).FirstOrDefault(removed.Contains) is { } v)
                throw new RFactorError($"the predicate of block '{br.Block.Name}' constrains reduction loop '{v.Name}', which the write-back block does not keep");
            kept = kept is null ? c : new Binary(BinOp.And, kept, c);
        }
        return kept ?? IntImm.True;
    }

    private static IEnumerable<Expr> Conjuncts(Expr e) =>
        e is Binary { Op: BinOp.And } a ? Conjuncts(a.A).Concat(Conjuncts(a.B)) : [e];
}
