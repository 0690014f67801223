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
}
