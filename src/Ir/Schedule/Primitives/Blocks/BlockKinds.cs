namespace Tuner.Ir.Schedule;

/// <summary>TVM's block classes that placement and inlining primitives require.</summary>
internal enum BlockKind { Complete, Reduction, Other }

/// <summary>
/// Classifies a block within its scope as TVM does. Complete: every iter var spatial, the only writer of its outputs
/// in the scope, and it does not read what it writes. Reduction: has an init, iter vars spatial or reduce, the only
/// writer of its outputs, and the write regions use spatial iter vars only.
/// </summary>
internal static class BlockKinds
{
    public static BlockKind Kind(Block scope, BlockRealize br)
    {
        var b = br.Block;
        bool dominant = b.Writes.All(w => BlockScopeQueries.ChildBlocks(scope)
            .All(o => ReferenceEquals(o, br) || !BlockScopeQueries.Writes(o.Block, w.Buffer)));
        if (!dominant) return BlockKind.Other;
        if (b.Init is null && b.IterVars.All(iv => iv.Kind == IterKind.Spatial)
            && !b.Reads.Any(r => BlockScopeQueries.Writes(b, r.Buffer)))
            return BlockKind.Complete;
        if (b.Init is not null && b.IterVars.All(iv => iv.Kind is IterKind.Spatial or IterKind.Reduce))
        {
            var reduceVars = b.IterVars.Where(iv => iv.Kind == IterKind.Reduce).Select(iv => iv.Var).ToHashSet();
            bool writesSpatialOnly = b.Writes.All(w => w.Region.All(r =>
                !BlockScopeQueries.VarsOf(r.Min).Overlaps(reduceVars) && !BlockScopeQueries.VarsOf(r.Extent).Overlaps(reduceVars)));
            if (writesSpatialOnly) return BlockKind.Reduction;
        }
        return BlockKind.Other;
    }

    /// <summary>TVM's GetLoopIterType: how the iter vars of the blocks under a loop use its variable.</summary>
    public static IterKind LoopIterKind(For loop)
    {
        bool spatial = false, reduce = false, other = false;
        NodeWalker.Walk(loop.Body, st =>
        {
            if (st is not BlockRealize br) return;
            for (int i = 0; i < br.IterValues.Count; i++)
            {
                if (!BlockScopeQueries.Uses(br.IterValues[i], loop.LoopVar)) continue;
                switch (br.Block.IterVars[i].Kind)
                {
                    case IterKind.Spatial: spatial = true; break;
                    case IterKind.Reduce: reduce = true; break;
                    default: other = true; break;
                }
            }
        });
        if (other || (spatial && reduce)) return IterKind.Opaque;
        return reduce ? IterKind.Reduce : IterKind.Spatial;
    }
}
