namespace Tuner.Ir.Schedule;

/// <summary>
/// What cache_read and cache_write share (TVM's cache_read_write.cc): the cache buffer, where the copy stage goes,
/// the region it copies, and the copy stage itself — loops ax0, ax1, ... over the region, and a block with one
/// spatial iter per buffer dimension copying one element.
/// </summary>
internal static class CacheStage
{
    /// <summary>TVM's WithScope: the same buffer in another storage scope, named buffer_scope.</summary>
    public static Buffer WithScope(Buffer b, string scope) => b with { Name = $"{b.Name}_{scope}", Scope = scope };

    /// <summary>
    /// Where the stage goes: in the deepest statement sequence that holds the writer in one child and the first related
    /// block in a later child, right before that child; at the end of the scope when there is no related block;
    /// at the start of the scope when there is no writer. Returns the sequence's owner (a For or the scope Block) and position.
    /// </summary>
    public static (Stmt Owner, int Pos) Location(ScheduleState s, Block scope, BlockRealize? writer, IReadOnlyList<BlockRealize> related)
    {
        if (writer is null) return (scope, 0);
        if (related.Count == 0) return (scope, Items(scope.Body).Count);
        var first = related[0];
        var pw = s.Ancestors(writer).Append(writer).ToList();
        var pr = s.Ancestors(first).Append(first).ToList();
        int k = 0;
        while (k < pw.Count && k < pr.Count && ReferenceEquals(pw[k], pr[k])) k++;
        // pw[k-1] is the lowest common ancestor: a SeqStmt whose children pw[k] and pr[k] hold writer and consumer.
        if (pw[k - 1] is not SeqStmt seq) return (scope, Items(scope.Body).Count);
        int pos = IndexOfRef(seq.Stmts, pr[k]);
        var owner = pw[k - 2];
        if (owner is not For and not Block) owner = scope;
        return (owner, pos);
    }

    /// <summary>
    /// A block's access region with its iter vars replaced by their bindings and the loops between the block and
    /// <paramref name="owner"/> relaxed over their ranges, narrowed by the block predicate (TVM's RelaxBufferRegion). A dimension that cannot be bounded is whole.
    /// </summary>
    public static BufferRegion Relax(ScheduleState s, BlockRealize br, BufferRegion region, Stmt owner)
    {
        var path = s.Ancestors(br);
        int start = path.ToList().FindIndex(a => ReferenceEquals(a, owner));
        var loops = path.Skip(start + 1).OfType<For>();
        var relax = PredicateTightening.Apply(br.Predicate, BlockScopeQueries.LoopRanges(loops), BlockScopeQueries.LoopRanges(s.LoopsAbove(br)));
        var bind = BlockScopeQueries.Bindings(br);
        var ranges = new List<Range>();
        for (int d = 0; d < region.Region.Count; d++)
        {
            var rg = region.Region[d];
            var lo = BlockRegionBounds.Eval(Substituter.Apply(rg.Min, bind), relax);
            var hi = BlockRegionBounds.Eval(Substituter.Apply(rg.Min + rg.Extent - 1, bind), relax);
            if (lo is null || hi is null) { ranges.Add(Range.FromExtent(region.Buffer.Shape[d])); continue; }
            // Clip constant bounds to the buffer (TVM's region estimate uses the block predicate, which after a
            // non-divisible split keeps the index inside the buffer; the bounds of the loops alone overshoot).
            Expr min = lo.Value.Min, max = hi.Value.Max;
            if (min is IntImm { Value: < 0 }) min = new IntImm(min.Dtype, 0);
            if (max is IntImm mx && region.Buffer.Shape[d] is IntImm dim && mx.Value > dim.Value - 1) max = new IntImm(max.Dtype, dim.Value - 1);
            var ext = BlockAffineForm.Of(max).AddScaled(BlockAffineForm.Of(min), -1).AddConst(1).ToExpr();
            ranges.Add(new Range(min, ext));
        }
        return new BufferRegion(region.Buffer, ranges.ToSeq());
    }

    /// <summary>
    /// The copy stage: for ax_i in range(extent_i): block name { v_i = min_i + ax_i; dst[v] = src[v] }, with a
    /// predicate keeping v_i inside the buffer where a symbolic region may leave it for some value of the loops
    /// enclosing <paramref name="owner"/> (a region relaxed inside a non-divisible split).
    /// </summary>
    public static Stmt Make(ScheduleState s, Stmt owner, BufferRegion region, Buffer src, Buffer dst, string name)
    {
        var outerLoops = s.LoopsAbove(owner).ToList();
        if (owner is For of) outerLoops.Add(of);
        var outer = BlockScopeQueries.LoopRanges(outerLoops);
        Expr? pred = null;
        var loopVars = new List<Var>();
        var values = new List<Expr>();
        foreach (var r in region.Region)
        {
            var ax = new Var($"ax{loopVars.Count}", r.Extent.Dtype);
            loopVars.Add(ax);
            var value = BlockAffineForm.Simplify(r.Min + ax);
            values.Add(value);
            var dim = region.Buffer.Shape[values.Count - 1];
            var last = BlockAffineForm.Simplify(r.Min + r.Extent - 1);
            if (!BlockRegionBounds.CanProveLE(new IntImm(value.Dtype, 0), r.Min, outer))
                pred = And(pred, new Binary(BinOp.GE, value, new IntImm(value.Dtype, 0)));
            if (!BlockRegionBounds.CanProveLE(last, BlockAffineForm.Simplify(dim - 1), outer))
                pred = And(pred, new Binary(BinOp.LT, value, dim));
        }
        var iters = region.Buffer.Shape.Select((dim, i) => new IterVar(new Var($"v{i}", dim.Dtype), Range.FromExtent(dim), IterKind.Spatial)).ToSeq();
        var idx = iters.Map(iv => (Expr)iv.Var);
        var block = new Block(name, iters,
            [BlockAccessRegions.Point(src, idx)], [BlockAccessRegions.Point(dst, idx)],
            new BufferStore(dst, new BufferLoad(src, idx), idx), null, [], Attrs.Empty);
        Stmt body = new BlockRealize(values.ToSeq(), pred ?? IntImm.True, block);
        for (int i = loopVars.Count - 1; i >= 0; i--)
            body = new For(loopVars[i], new IntImm(loopVars[i].Dtype, 0), region.Region[i].Extent, ForKind.Serial, body);
        return body;
    }

    /// <summary>Inserts <paramref name="stage"/> at position <paramref name="pos"/> of the body of a For or Block.</summary>
    public static void Insert(ScheduleState s, Stmt owner, int pos, Stmt stage)
    {
        switch (owner)
        {
            case For f:
                s.Replace(f, f with { Body = SeqStmt.Flatten(Items(f.Body).Insert(pos, stage)) });
                break;
            case Block b:
                s.Replace(b, b with { Body = SeqStmt.Flatten(Items(b.Body).Insert(pos, stage)) });
                break;
            default:
                throw new InvalidOperationException("a cache stage goes into a loop or a block");
        }
    }

    private static Expr And(Expr? a, Expr b) => a is null ? b : new Binary(BinOp.And, a, b);

    public static int IndexOfRef(Seq<Stmt> xs, Stmt x)
    {
        for (int i = 0; i < xs.Count; i++) if (ReferenceEquals(xs[i], x)) return i;
        return -1;
    }

    public static Seq<Stmt> Items(Stmt body) => body is SeqStmt q ? q.Stmts : [body];

    /// <summary>Swaps one buffer for another in a block: loads, stores, regions.</summary>
    public sealed class BufferSwap(Buffer from, Buffer to) : IrRewriter
    {
        public override Buffer VisitBuffer(Buffer b) => ReferenceEquals(b, from) ? to : b;
    }
}
