namespace Tuner.Ir.Lowering;

/// <summary>Finds where a buffer can be allocated and the window its accesses touch (see <see cref="CompactBufferAllocation"/>).</summary>
internal static class RegionPlanner
{
    private sealed record Access(For[] Loops, Expr[] Indices, HashSet<Var> ReductionLoops);

    public static CompactBufferAllocation.Plan? Plan(Buffer buf, Stmt body)
    {
        if (buf.ConstShape() is not { } shape) return null;
        var accesses = new List<Access>();
        Collect(body, buf, [], new Dictionary<Var, Expr>(), [], accesses);
        if (accesses.Count == 0) return null;

        // Deepest loop around every access, never inside a reduction loop of a block that touches the buffer.
        int depth = accesses.Min(a => a.Loops.Length);
        int common = 0;
        while (common < depth && accesses.All(a => ReferenceEquals(a.Loops[common], accesses[0].Loops[common]))
               && !accesses.Any(a => a.ReductionLoops.Contains(accesses[0].Loops[common].LoopVar)))
            common++;

        var extents = new Expr[shape.Length];
        var offsets = new Expr[shape.Length];
        bool shrunk = false;
        for (int d = 0; d < shape.Length; d++)
        {
            var window = Window(accesses, d, common);
            if (window is { } w && w.Extent < shape[d])
            {
                extents[d] = new IntImm(buf.Shape[d].Dtype, w.Extent);
                offsets[d] = w.Offset;
                shrunk = true;
            }
            else
            {
                extents[d] = buf.Shape[d];
                offsets[d] = new IntImm(buf.Shape[d].Dtype, 0);
            }
        }
        if (!shrunk && common == 0) return null;
        var newBuf = new Buffer(buf.Name, buf.Dtype, extents.ToSeq(), Seq<Expr>.Empty, buf.Scope);
        return new CompactBufferAllocation.Plan(newBuf, offsets, common == 0 ? null : accesses[0].Loops[common - 1]);
    }

    /// <summary>Same symbolic offset for every access plus a constant window, or null.</summary>
    private static (Expr Offset, long Extent)? Window(List<Access> accesses, int d, int common)
    {
        Dictionary<Var, long>? symbolic = null;
        List<(Expr Term, long Coef)>? terms = null;
        long lo = long.MaxValue, hi = long.MinValue;
        foreach (var a in accesses)
        {
            if (d >= a.Indices.Length) return null;
            var inner = new Dictionary<Var, For>();
            for (int i = common; i < a.Loops.Length; i++) inner[a.Loops[i].LoopVar] = a.Loops[i];
            // An outer loop of extent 1 is a constant, not a symbolic offset (TVM leaves such loops, e.g. j_1 in T.grid(4, 1)).
            for (int i = 0; i < common; i++)
                if (a.Loops[i].Extent is IntImm { Value: 1 }) inner[a.Loops[i].LoopVar] = a.Loops[i];
            var f = LinearForm.Of(a.Indices[d]);
            if (f.TermsUse(inner.Keys.ToHashSet())) return null;
            long l = f.Const, h = f.Const;
            var sym = new Dictionary<Var, long>();
            foreach (var (v, c) in f.Vars)
            {
                if (c == 0) continue;
                if (!inner.TryGetValue(v, out var loop)) { sym[v] = c; continue; }
                if (loop.Min is not IntImm m || loop.Extent is not IntImm e || e.Value < 1) return null;
                long x = c * m.Value, y = c * (m.Value + e.Value - 1);
                l += Math.Min(x, y);
                h += Math.Max(x, y);
            }
            if (symbolic is null) { symbolic = sym; terms = f.Terms; }
            else if (sym.Count != symbolic.Count || sym.Any(p => !symbolic.TryGetValue(p.Key, out long c) || c != p.Value)
                     || f.Terms.Count != terms!.Count || !f.Terms.Zip(terms).All(p => p.First.Equals(p.Second)))
                return null;
            lo = Math.Min(lo, l);
            hi = Math.Max(hi, h);
        }
        // The offset: the symbolic part (outer loop vars, other vars, opaque terms) plus the lowest constant.
        Expr? off = null;
        foreach (var (v, c) in symbolic!) off = Sum(off, c == 1 ? v : IntOps.Mul(v, new IntImm(v.Dtype, c)));
        foreach (var (t, c) in terms!) off = Sum(off, c == 1 ? t : IntOps.Mul(t, new IntImm(t.Dtype, c)));
        var dt = accesses[0].Indices[d].Dtype;
        off = off is null ? new IntImm(dt, lo) : lo == 0 ? off : IntOps.Add(off, new IntImm(off.Dtype, lo));
        return (off, hi - lo + 1);
    }

    private static Expr Sum(Expr? a, Expr b) => a is null ? b : IntOps.Add(a, b);

    /// <summary>Records every access to <paramref name="buf"/> with its loops (outermost first) and indices in loop variables.</summary>
    private static void Collect(Stmt s, Buffer buf, List<For> loops, Dictionary<Var, Expr> map, HashSet<Var> reduction, List<Access> acc)
    {
        void Exprs(IEnumerable<Expr> es)
        {
            foreach (var e in es)
                NodeWalker.Walk(new Evaluate(e), onExpr: x =>
                {
                    if (x is BufferLoad l && ReferenceEquals(l.Buffer, buf))
                        acc.Add(new Access([.. loops], l.Indices.Select(i => Substituter.Apply(i, map)).ToArray(), reduction));
                });
        }
        switch (s)
        {
            case BufferStore st:
                if (ReferenceEquals(st.Buffer, buf))
                    acc.Add(new Access([.. loops], st.Indices.Select(i => Substituter.Apply(i, map)).ToArray(), reduction));
                Exprs([st.Value, .. st.Indices]);
                break;
            case For f:
                Exprs([f.Min, f.Extent]);
                loops.Add(f);
                Collect(f.Body, buf, loops, map, reduction, acc);
                loops.RemoveAt(loops.Count - 1);
                break;
            case BlockRealize r:
            {
                Exprs([.. r.IterValues, r.Predicate]);
                var inner = new Dictionary<Var, Expr>(map);
                var red = new HashSet<Var>(reduction);
                var loopVars = loops.Select(l => l.LoopVar).ToHashSet();
                for (int i = 0; i < r.Block.IterVars.Count; i++)
                {
                    var value = Substituter.Apply(r.IterValues[i], map);
                    inner[r.Block.IterVars[i].Var] = value;
                    if (r.Block.IterVars[i].Kind != IterKind.Spatial) // reduce, ordered (scan), opaque: values may flow across iterations
                        NodeWalker.Walk(new Evaluate(value), onExpr: x => { if (x is Var v && loopVars.Contains(v)) red.Add(v); });
                }
                if (r.Block.Init is not null) Collect(r.Block.Init, buf, loops, inner, red, acc);
                Collect(r.Block.Body, buf, loops, inner, red, acc);
                break;
            }
            case Block b: Collect(b.Body, buf, loops, map, reduction, acc); break;
            case SeqStmt q: foreach (var x in q.Stmts) Collect(x, buf, loops, map, reduction, acc); break;
            case IfThenElse i:
                Exprs([i.Condition]);
                Collect(i.Then, buf, loops, map, reduction, acc);
                if (i.Else is not null) Collect(i.Else, buf, loops, map, reduction, acc);
                break;
            case LetStmt l: Exprs([l.Value]); Collect(l.Body, buf, loops, map, reduction, acc); break;
            case Evaluate e: Exprs([e.Value]); break;
            case Allocate a: Collect(a.Body, buf, loops, map, reduction, acc); break;
        }
    }
}
