namespace Tuner.Ir.Schedule;

/// <summary>
/// Dataflow questions the block primitives ask about a scope (the block that encloses a block): its child blocks,
/// who writes or reads a buffer, producers and consumers, output blocks, the variables an expression uses.
/// </summary>
internal static class BlockScopeQueries
{
    /// <summary>
    /// The block realizes at the top of <paramref name="root"/>'s subtree (not inside a nested block), pre-order:
    /// for a Block, those of its body; for a BlockRealize, itself.
    /// </summary>
    public static List<BlockRealize> ChildBlocks(Stmt root)
    {
        var list = new List<BlockRealize>();
        void Go(Stmt s)
        {
            if (s is BlockRealize br) { list.Add(br); return; }
            foreach (var c in ScheduleState.Children(s)) Go(c);
        }
        if (root is Block b) { Go(b.Body); return list; }
        Go(root);
        return list;
    }

    public static bool Writes(Block b, Buffer buf) => b.Writes.Any(w => ReferenceEquals(w.Buffer, buf));
    public static bool Reads(Block b, Buffer buf) => b.Reads.Any(r => ReferenceEquals(r.Buffer, buf));

    /// <summary>Blocks of the scope that write a buffer <paramref name="br"/> reads, in program order.</summary>
    public static List<BlockRealize> Producers(Block scope, BlockRealize br) =>
        ChildBlocks(scope).Where(o => !ReferenceEquals(o, br) && br.Block.Reads.Any(r => Writes(o.Block, r.Buffer))).ToList();

    /// <summary>Blocks of the scope that read a buffer <paramref name="br"/> writes, in program order.</summary>
    public static List<BlockRealize> Consumers(Block scope, BlockRealize br) =>
        ChildBlocks(scope).Where(o => !ReferenceEquals(o, br) && br.Block.Writes.Any(w => Reads(o.Block, w.Buffer))).ToList();

    /// <summary>A block writing a buffer that no block of the function allocates (a parameter buffer) is an output block.</summary>
    public static bool IsOutputBlock(ScheduleState s, Block b)
    {
        var allocated = AllocatedBuffers(s);
        return b.Writes.Any(w => !allocated.Contains(w.Buffer));
    }

    public static HashSet<Buffer> AllocatedBuffers(ScheduleState s)
    {
        var set = new HashSet<Buffer>();
        NodeWalker.Walk(s.Func.Body, x => { if (x is Block b) set.UnionWith(b.AllocBuffers); });
        return set;
    }

    public static HashSet<Var> VarsOf(Expr e)
    {
        var set = new HashSet<Var>();
        new NodeWalker(onExpr: x => { if (x is Var v) set.Add(v); }).VisitExpr(e);
        return set;
    }

    public static bool Uses(Expr e, Var v) => VarsOf(e).Contains(v);

    /// <summary>The block's iter vars mapped to their binding values (to rewrite its regions in terms of the loops).</summary>
    public static Dictionary<Var, Expr> Bindings(BlockRealize br)
    {
        var map = new Dictionary<Var, Expr>();
        for (int i = 0; i < br.IterValues.Count; i++) map[br.Block.IterVars[i].Var] = br.IterValues[i];
        return map;
    }

    /// <summary>True when some statement or expression under <paramref name="root"/> loads or stores <paramref name="buf"/>.</summary>
    public static bool Accesses(Stmt root, Buffer buf)
    {
        bool found = false;
        NodeWalker.Walk(root,
            st => { if (st is BufferStore bs && ReferenceEquals(bs.Buffer, buf)) found = true; },
            e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, buf)) found = true; });
        return found;
    }

    /// <summary>True when <paramref name="e"/> loads <paramref name="buf"/>.</summary>
    public static bool Loads(Expr e, Buffer buf)
    {
        bool found = false;
        new NodeWalker(onExpr: x => { if (x is BufferLoad l && ReferenceEquals(l.Buffer, buf)) found = true; }).VisitExpr(e);
        return found;
    }

    /// <summary>Is <paramref name="ancestor"/> (by reference) on the path from the function body to <paramref name="node"/>?</summary>
    public static bool IsAncestor(ScheduleState s, Stmt ancestor, Stmt node) =>
        s.Ancestors(node).Any(a => ReferenceEquals(a, ancestor));

    /// <summary>The ranges of the loops enclosing a statement up to its scope block, by loop variable.</summary>
    public static Dictionary<Var, Range> LoopRanges(IEnumerable<For> loops) =>
        loops.ToDictionary(f => f.LoopVar, f => new Range(f.Min, f.Extent));
}
