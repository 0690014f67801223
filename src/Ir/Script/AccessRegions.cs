namespace Tuner.Ir.Script;

/// <summary>
/// Infers T.reads / T.writes of a block that does not declare them, as TVM's parser does (ScriptComplete):
/// every buffer the body loads or stores, in order of first access, with each index relaxed over the
/// loops inside the block. Affine indices give exact ranges; anything else covers the whole dimension.
/// Buffers allocated in the block are left out, and a reduction block (one with T.init) does not list
/// the buffers it writes among its reads.
/// </summary>
internal static class AccessRegions
{
    public static (Seq<BufferRegion> Reads, Seq<BufferRegion> Writes) Infer(Block block)
    {
        var c = new Collector();
        foreach (var b in block.AllocBuffers) c.Locals.Add(b);
        if (block.Init is not null) c.Walk(block.Init);
        c.Walk(block.Body);
        var writes = c.Writes.Build();
        var written = writes.Select(w => w.Buffer).ToHashSet();
        var reads = c.Reads.Build().Where(r => block.Init is null || !written.Contains(r.Buffer));
        return (reads.ToSeq(), writes.ToSeq());
    }

    /// <summary>A linear form: sum of coefficient * atom plus a constant. Atoms are variables or non-affine terms.</summary>
    private sealed record Affine(List<(Expr Atom, long Coeff)> Terms, long Const)
    {
        public static Affine Of(long c) => new([], c);
        public static Affine Atom(Expr e) => new([(e, 1)], 0);

        public Affine Plus(Affine o, long sign = 1)
        {
            var terms = new List<(Expr, long)>(Terms);
            foreach (var (a, k) in o.Terms)
            {
                int i = terms.FindIndex(t => t.Item1.Equals(a));
                if (i >= 0) terms[i] = (a, terms[i].Item2 + sign * k); else terms.Add((a, sign * k));
            }
            terms.RemoveAll(t => t.Item2 == 0);
            return new(terms, Const + sign * o.Const);
        }

        public Affine Scale(long k) => k == 0 ? Of(0) : new(Terms.Select(t => (t.Atom, t.Coeff * k)).ToList(), Const * k);
        public bool IsConst => Terms.Count == 0;
        public bool Same(Affine o) => Plus(o, -1) is { IsConst: true, Const: 0 };

        public Expr ToExpr(DataType t)
        {
            Expr? acc = null;
            foreach (var (atom, k) in Terms)
            {
                var a = atom.Dtype == t ? atom : new Cast(t, atom);
                var term = Math.Abs(k) == 1 ? a : ExprOps.Make(BinOp.Mul, a, new IntImm(t, Math.Abs(k)), out _);
                acc = acc is null ? (k < 0 ? ExprOps.Make(BinOp.Mul, term, new IntImm(t, -1), out _) : term)
                    : ExprOps.Make(k < 0 ? BinOp.Sub : BinOp.Add, acc, term, out _);
            }
            if (acc is null) return new IntImm(t, Const);
            return Const == 0 ? acc : ExprOps.Make(Const < 0 ? BinOp.Sub : BinOp.Add, acc, new IntImm(t, Math.Abs(Const)), out _);
        }
    }

    /// <summary>Per buffer, in order of first access, the union of the accessed index intervals (null: whole dimension).</summary>
    private sealed class Accesses
    {
        private readonly List<Buffer> _order = [];
        private readonly Dictionary<Buffer, (Affine Lo, Affine Hi, DataType T)?[]> _dims = [];

        public void Add(Buffer b, (Affine Lo, Affine Hi, DataType T)?[] dims)
        {
            if (!_dims.TryGetValue(b, out var cur)) { _order.Add(b); _dims[b] = dims; return; }
            for (int d = 0; d < cur.Length && d < dims.Length; d++)
            {
                if (cur[d] is not { } x || dims[d] is not { } y) { cur[d] = null; continue; }
                var lo = x.Lo.Plus(y.Lo, -1);
                var hi = x.Hi.Plus(y.Hi, -1);
                cur[d] = lo.IsConst && hi.IsConst
                    ? (lo.Const <= 0 ? x.Lo : y.Lo, hi.Const >= 0 ? x.Hi : y.Hi, x.T)
                    : null;
            }
        }

        public List<BufferRegion> Build() => _order.Select(b => new BufferRegion(b, _dims[b].Select((d, i) => ToRange(b, i, d)).ToSeq())).ToList();

        private static Range ToRange(Buffer b, int dim, (Affine Lo, Affine Hi, DataType T)? d)
        {
            if (d is not { } x || dim >= b.Rank) return Range.FromExtent(b.Shape[Math.Min(dim, b.Rank - 1)]);
            var diff = x.Hi.Plus(x.Lo, -1);
            var extent = diff.IsConst ? new IntImm(x.T, diff.Const + 1) : diff.Plus(Affine.Of(1)).ToExpr(x.T);
            return new Range(x.Lo.ToExpr(x.T), extent);
        }
    }

    private sealed class Collector
    {
        public HashSet<Buffer> Locals { get; } = [];
        public Accesses Reads { get; } = new();
        public Accesses Writes { get; } = new();
        private readonly Dictionary<Var, (Expr Min, Expr Extent)> _relax = [];

        public void Walk(Stmt s)
        {
            switch (s)
            {
                case BufferStore st:
                    Loads(st.Value);
                    foreach (var i in st.Indices) Loads(i);
                    Record(Writes, st.Buffer, st.Indices.Select(i => Point(i)));
                    break;
                case For f:
                    Loads(f.Min);
                    Loads(f.Extent);
                    _relax[f.LoopVar] = (f.Min, f.Extent);
                    Walk(f.Body);
                    _relax.Remove(f.LoopVar);
                    break;
                case SeqStmt q: foreach (var x in q.Stmts) Walk(x); break;
                case IfThenElse i: Loads(i.Condition); Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
                case LetStmt l: Loads(l.Value); Walk(l.Body); break;
                case Evaluate e: Loads(e.Value); break;
                case Allocate a: Locals.Add(a.Buffer); Walk(a.Body); break;
                case BlockRealize br: Nested(br); break;
                case Block b: Walk(b.Body); break;
            }
        }

        /// <summary>A nested block contributes its declared regions, its iterators replaced by their bindings.</summary>
        private void Nested(BlockRealize br)
        {
            foreach (var v in br.IterValues) Loads(v);
            Loads(br.Predicate);
            var map = new Dictionary<Var, Expr>();
            for (int i = 0; i < br.Block.IterVars.Count; i++) map[br.Block.IterVars[i].Var] = br.IterValues[i];
            foreach (var b in br.Block.AllocBuffers) Locals.Add(b);
            void Regions(Accesses into, Seq<BufferRegion> regions)
            {
                foreach (var r in regions)
                {
                    Record(into, r.Buffer, r.Region.Select(rg =>
                    {
                        var min = Substituter.Apply(rg.Min, map);
                        var last = Substituter.Apply(ExprOps.Make(BinOp.Sub, ExprOps.End(rg.Min, rg.Extent), new IntImm(rg.Extent.Dtype, 1), out _), map);
                        return Bound(min) is { } lo && Bound(last) is { } hi ? (lo.Lo, hi.Hi, min.Dtype) : ((Affine, Affine, DataType)?)null;
                    }));
                }
            }
            Regions(Reads, br.Block.Reads);
            Regions(Writes, br.Block.Writes);
        }

        private (Affine, Affine, DataType)? Point(Expr index) =>
            Bound(index) is { } b ? (b.Lo, b.Hi, index.Dtype) : null;

        private void Record(Accesses into, Buffer b, IEnumerable<(Affine Lo, Affine Hi, DataType T)?> dims)
        {
            if (!Locals.Contains(b)) into.Add(b, dims.ToArray());
        }

        private void Loads(Expr e) => new NodeWalker(onExpr: x =>
        {
            if (x is BufferLoad l) Record(Reads, l.Buffer, l.Indices.Select(i => Point(i)));
        }).VisitExpr(e);

        private bool UsesRelaxed(Expr e)
        {
            bool found = false;
            new NodeWalker(onExpr: x => found |= x is Var v && _relax.ContainsKey(v)).VisitExpr(e);
            return found;
        }

        /// <summary>Lower and upper bound of an index over the relaxed loops; null when not affine enough.</summary>
        private (Affine Lo, Affine Hi)? Bound(Expr e)
        {
            if (!UsesRelaxed(e)) return e is IntImm c ? (Affine.Of(c.Value), Affine.Of(c.Value)) : (Affine.Atom(e), Affine.Atom(e));
            switch (e)
            {
                case Var v:
                    {
                        var (min, ext) = _relax[v];
                        if (Bound(min) is not { } m || Bound(ext) is not { } x) return null;
                        return (m.Lo, m.Hi.Plus(x.Hi).Plus(Affine.Of(-1)));
                    }
                case Binary { Op: BinOp.Add } b when Bound(b.A) is { } p && Bound(b.B) is { } q:
                    return (p.Lo.Plus(q.Lo), p.Hi.Plus(q.Hi));
                case Binary { Op: BinOp.Sub } b when Bound(b.A) is { } p && Bound(b.B) is { } q:
                    return (p.Lo.Plus(q.Hi, -1), p.Hi.Plus(q.Lo, -1));
                case Binary { Op: BinOp.Mul } b when (b.B is IntImm || b.A is IntImm):
                    {
                        var (x, k) = b.B is IntImm kb ? (b.A, kb.Value) : (b.B, ((IntImm)b.A).Value);
                        if (Bound(x) is not { } p) return null;
                        return k >= 0 ? (p.Lo.Scale(k), p.Hi.Scale(k)) : (p.Hi.Scale(k), p.Lo.Scale(k));
                    }
                case Binary { Op: BinOp.FloorDiv, B: IntImm { Value: > 0 } d } b when Bound(b.A) is { } p:
                    if (p.Lo.IsConst && p.Hi.IsConst)
                        return (Affine.Of(ExprOps.FloorDiv(p.Lo.Const, d.Value)), Affine.Of(ExprOps.FloorDiv(p.Hi.Const, d.Value)));
                    return (Affine.Atom(ExprOps.Make(BinOp.FloorDiv, p.Lo.ToExpr(e.Dtype), d, out _)),
                            Affine.Atom(ExprOps.Make(BinOp.FloorDiv, p.Hi.ToExpr(e.Dtype), d, out _)));
                case Binary { Op: BinOp.FloorMod, B: IntImm { Value: > 0 } d }:
                    return (Affine.Of(0), Affine.Of(d.Value - 1));
                default:
                    return null;
            }
        }
    }
}
