namespace Tuner.Ir.Schedule;

/// <summary>
/// Tree edits shared by the block primitives: several statements replaced (or removed from their sequence) in one
/// rewrite, the removal plan of a leaf block (the block and the loops left empty without it), and alloc_buffers
/// edits on a scope block.
/// </summary>
internal static class BlockTreeEdit
{
    /// <summary>
    /// The statement to delete so that <paramref name="br"/> disappears with the loops that would become empty:
    /// the highest ancestor below the scope whose only content is the block. Throws when that is the scope's whole body.
    /// </summary>
    public static Stmt LeafRemovalTarget(ScheduleState s, BlockRealize br, string primitive)
    {
        var path = s.Ancestors(br);
        Stmt target = br;
        for (int i = path.Count - 1; i >= 0; i--)
        {
            if (path[i] is For f && ReferenceEquals(f.Body, target)) { target = f; continue; }
            if (path[i] is SeqStmt) return target;
            break;
        }
        throw new ScheduleError(primitive, $"block '{br.Block.Name}' is the only statement of its scope and cannot be removed");
    }

    /// <summary>Applies replacements keyed by statement reference; a null replacement removes the statement from its sequence.</summary>
    public static void Apply(ScheduleState s, IReadOnlyDictionary<Stmt, Stmt?> edits)
    {
        var body = new MultiReplacer(edits).VisitStmt(s.Func.Body);
        s.SetFunc(s.Func with { Body = body });
    }

    /// <summary>Rebuilds the block named <paramref name="blockName"/> (found anew in the current tree) with <paramref name="change"/>.</summary>
    public static void EditBlock(ScheduleState s, string blockName, Func<Block, Block> change)
    {
        var br = s.TryFindBlock(blockName) ?? throw new InvalidOperationException($"block {blockName} vanished");
        s.Replace(br, br with { Block = change(br.Block) });
    }

    /// <summary>Appends a buffer to the scope block's alloc_buffers.</summary>
    public static void AddAlloc(ScheduleState s, string scopeName, Buffer buf) =>
        EditBlock(s, scopeName, b => b with { AllocBuffers = b.AllocBuffers.Add(buf) });

    /// <summary>Drops a buffer from every alloc_buffers when nothing in the function accesses it anymore.</summary>
    public static void RemoveAllocIfUnused(ScheduleState s, Buffer buf)
    {
        if (BlockScopeQueries.Accesses(s.Func.Body, buf)) return;
        foreach (var br in s.BlockRealizes().Where(b => b.Block.AllocBuffers.Any(a => ReferenceEquals(a, buf))).ToList())
            EditBlock(s, br.Block.Name, b => b with { AllocBuffers = b.AllocBuffers.Where(a => !ReferenceEquals(a, buf)).ToSeq() });
    }

    private sealed class MultiReplacer(IReadOnlyDictionary<Stmt, Stmt?> edits) : IrRewriter
    {
        private readonly Dictionary<Stmt, Stmt?> _edits = new(edits, ReferenceEqualityComparer.Instance);

        public override Stmt VisitStmt(Stmt s)
        {
            if (_edits.TryGetValue(s, out var r))
                return r ?? throw new InvalidOperationException("a removed statement must sit in a sequence");
            return base.VisitStmt(s);
        }

        public override Stmt VisitSeqStmt(SeqStmt q)
        {
            var kept = new List<Stmt>();
            bool changed = false;
            foreach (var x in q.Stmts)
            {
                if (_edits.TryGetValue(x, out var r) && r is null) { changed = true; continue; }
                var y = VisitStmt(x);
                changed |= !ReferenceEquals(x, y);
                kept.Add(y);
            }
            return changed ? SeqStmt.Flatten(kept) : q;
        }

        public override Expr VisitExpr(Expr e) => e;
    }
}
