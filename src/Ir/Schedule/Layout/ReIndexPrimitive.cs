namespace Tuner.Ir.Schedule;

/// <summary>A reindex precondition does not hold.</summary>
public sealed class ReIndexError(string reason) : ScheduleError("ReIndex", reason);

/// <summary>
/// TVM's reindex(block, (read|write, index)): a new buffer <c>{buffer}_reindex</c> indexed by the block iterators that
/// the access uses, in the block's iterator order, and a copy stage between it and the buffer — before the block's
/// loop nest for a read (<c>A_reindex[vi, vk] = A[vk, vi]</c> for a block reading <c>A[vk, vi]</c>), after it for a write.
/// The block then accesses <c>{buffer}_reindex[v...]</c> (an im2col buffer when applied to a convolution's input).
/// Preconditions: the index is in range; every access of the buffer in the block (init included) has the same indices,
/// built from block iterators only (no loop variable or other variable); the iterators used have domains starting at 0;
/// the block sits under the scope block's body (its loop nest is one statement of that body, where the stage goes).
/// The block must not both read and write the buffer outside its init, must be alone in its loop nest (the stage runs
/// right before or after that nest), and its indices must stay inside the buffer over the whole domain (the copy is
/// unguarded: a padded read under if_then_else is refused).
/// Result: the copy block, named <c>{buffer}_reindex</c> (made unique), with one spatial iterator per iterator used
/// (named as the block's), looped by <c>ax0, ax1, ...</c>.
/// </summary>
public static class ReIndexPrimitive
{
    public const string Name = "ReIndex";

    public static string Apply(ScheduleState s, string block, int bufferIndex, bool isWrite)
    {
        var br = s.FindBlock(block, Name);
        var scope = s.ParentBlock(br) ?? throw new ReIndexError($"block '{block}' is the root block");
        var regions = isWrite ? br.Block.Writes : br.Block.Reads;
        if (bufferIndex < 0 || bufferIndex >= regions.Count)
            throw new ReIndexError($"block '{block}' has {regions.Count} {(isWrite ? "write" : "read")} buffer(s); index {bufferIndex} is out of range");
        var buf = regions[bufferIndex].Buffer;
        var other = isWrite ? br.Block.Reads : br.Block.Writes;
        if (other.Any(r => ReferenceEquals(r.Buffer, buf)))
            throw new ReIndexError($"block '{block}' both reads and writes '{buf.Name}'");
        var indices = AccessIndices(br.Block, buf);

        // The iterators the access uses, in block order; nothing else may appear in the indices.
        var iterVars = br.Block.IterVars.Select(iv => iv.Var).ToHashSet();
        var used = new HashSet<Var>();
        foreach (var i in indices)
            NodeWalker.Walk(new Evaluate(i), onExpr: e =>
            {
                if (e is Var v) { if (!iterVars.Contains(v)) throw new ReIndexError($"an index of '{buf.Name}' uses '{v.Name}', which is not an iterator of block '{block}'"); used.Add(v); }
                else if (e is BufferLoad) throw new ReIndexError($"an index of '{buf.Name}' reads a buffer");
            });
        var covered = br.Block.IterVars.Where(iv => used.Contains(iv.Var)).ToList();
        if (covered.Any(iv => !E.IsConst(iv.Dom.Min, 0))) throw new ReIndexError($"an iterator of block '{block}' does not start at 0");
        var reBuf = new Buffer($"{buf.Name}_reindex", buf.Dtype, covered.Select(iv => iv.Dom.Extent).ToSeq());
        var reIdx = covered.Select(iv => (Expr)iv.Var).ToSeq();

        // Where the stage goes: before (read) or after (write) the scope body statement holding the block.
        var path = s.Ancestors(br).ToList();
        int scopeAt = path.FindLastIndex(a => ReferenceEquals(a, scope));
        var top = scopeAt + 1 < path.Count ? path[scopeAt + 1] : br;
        if (top is SeqStmt) top = scopeAt + 2 < path.Count ? path[scopeAt + 2] : br;
        var items = CacheStage.Items(scope.Body);
        int pos = CacheStage.IndexOfRef(items, top);
        if (pos < 0) throw new ReIndexError($"block '{block}' is not in a statement of its scope's body");
        int blocks = 0;
        NodeWalker.Walk(top, x => { if (x is BlockRealize) blocks++; });
        if (blocks != 1) throw new ReIndexError($"block '{block}' shares its loop nest with other blocks; the copy stage would not run next to it");
        // The copy runs over the whole domain, unguarded: every index must stay inside the buffer there.
        var analyzer = new Analysis.Analyzer();
        foreach (var iv in covered) analyzer.Bind(iv.Var, iv.Dom);
        for (int d = 0; d < indices.Count; d++)
        {
            var (lo, hi) = analyzer.ConstIntBound(indices[d]);
            if (lo < 0 || buf.Shape[d] is not IntImm n || hi >= n.Value)
                throw new ReIndexError($"index {d} of '{buf.Name}' may leave the buffer over the block's domain (a guarded access)");
        }

        var stageName = s.FreshBlockName($"{buf.Name}_reindex");
        var stage = Stage(covered, buf, indices, reBuf, isWrite, stageName);
        var swapped = new Swap(buf, reBuf, reIdx).VisitStmt(br.Block);
        var newScope = scope with
        {
            Body = SeqStmt.Flatten(items.SetItem(pos, ReplaceIn(top, br.Block, swapped)).Insert(isWrite ? pos + 1 : pos, stage)),
            AllocBuffers = scope.AllocBuffers.Add(reBuf),
        };
        s.Replace(scope, newScope);
        return stageName;
    }

    /// <summary>The indices of the block's accesses of <paramref name="buf"/>; all the same, at least one.</summary>
    private static Seq<Expr> AccessIndices(Block b, Buffer buf)
    {
        var found = new List<Seq<Expr>>();
        void Visit(Stmt st) => NodeWalker.Walk(st,
            onStmt: x => { if (x is BufferStore w && ReferenceEquals(w.Buffer, buf)) found.Add(w.Indices); },
            onExpr: e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, buf)) found.Add(l.Indices); });
        if (b.Init is not null) Visit(b.Init);
        Visit(b.Body);
        if (found.Count == 0) throw new ReIndexError($"block '{b.Name}' does not access '{buf.Name}' in its body");
        if (found.Any(f => !f.Equals(found[0])))
            throw new ReIndexError($"block '{b.Name}' accesses '{buf.Name}' at different indices; reindex needs one access pattern");
        return found[0];
    }

    /// <summary>for ax...: block { v... = ax...; dst = src } copying between the buffer and its reindexed copy.</summary>
    private static Stmt Stage(IReadOnlyList<IterVar> covered, Buffer buf, Seq<Expr> indices, Buffer reBuf, bool isWrite, string name)
    {
        var map = new Dictionary<Var, Expr>();
        var iters = new List<IterVar>();
        var loops = new List<Var>();
        foreach (var iv in covered)
        {
            var v = new Var(iv.Var.Name, iv.Var.Type);
            map[iv.Var] = v;
            iters.Add(new IterVar(v, iv.Dom, IterKind.Spatial));
            loops.Add(new Var($"ax{loops.Count}", iv.Var.Type));
        }
        var bufIdx = indices.Map(i => Substituter.Apply(i, map));
        var reIdx = iters.Select(iv => (Expr)iv.Var).ToSeq();
        var (src, srcIdx, dst, dstIdx) = isWrite ? (reBuf, reIdx, buf, bufIdx) : (buf, bufIdx, reBuf, reIdx);
        var block = new Block(name, iters.ToSeq(), [BlockAccessRegions.Point(src, srcIdx)], [BlockAccessRegions.Point(dst, dstIdx)],
            new BufferStore(dst, new BufferLoad(src, srcIdx), dstIdx), null, [], Attrs.Empty);
        Stmt body = new BlockRealize(loops.Select(l => (Expr)l).ToSeq(), IntImm.True, block);
        for (int i = loops.Count - 1; i >= 0; i--)
            body = new For(loops[i], new IntImm(loops[i].Dtype, 0), covered[i].Dom.Extent, ForKind.Serial, body);
        return body;
    }

    private static Stmt ReplaceIn(Stmt top, Block old, Stmt replacement) =>
        ReferenceEquals(top, old) ? replacement : new Replacer(old, replacement).VisitStmt(top);

    private sealed class Replacer(Stmt old, Stmt replacement) : IrRewriter
    {
        public override Stmt VisitStmt(Stmt s) => ReferenceEquals(s, old) ? replacement : base.VisitStmt(s);
        public override Expr VisitExpr(Expr e) => e;
    }

    /// <summary>Accesses of the buffer (loads, stores, regions) become the reindexed buffer at the iterators.</summary>
    private sealed class Swap(Buffer from, Buffer to, Seq<Expr> idx) : IrRewriter
    {
        public override Expr VisitBufferLoad(BufferLoad l) => ReferenceEquals(l.Buffer, from) ? new BufferLoad(to, idx) : base.VisitBufferLoad(l);

        public override Stmt VisitBufferStore(BufferStore st)
        {
            var v = (BufferStore)base.VisitBufferStore(st);
            return ReferenceEquals(st.Buffer, from) ? new BufferStore(to, v.Value, idx) : v;
        }

        public override BufferRegion VisitBufferRegion(BufferRegion r) => ReferenceEquals(r.Buffer, from) ? BlockAccessRegions.Point(to, idx) : base.VisitBufferRegion(r);
    }
}

public partial class Schedule
{
    /// <summary>Reindexes buffer <paramref name="bufferIndex"/> of the block's reads or writes; returns the copy block (see <see cref="ReIndexPrimitive"/>).</summary>
    public BlockRV ReIndex(BlockRV block, int bufferIndex, bool isWrite)
    {
        var rv = NewBlockRV(ReIndexPrimitive.Apply(State, Get(block), bufferIndex, isWrite));
        Record(TransformLayoutKinds.ReIndex, [block], [(long)bufferIndex, isWrite ? 1L : 0L], [rv]);
        return rv;
    }
}
