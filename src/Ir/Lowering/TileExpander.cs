using Tuner.Ir.Analysis;

namespace Tuner.Ir.Lowering;

/// <summary>
/// The unroll-and-vectorize step of <see cref="RegisterTiles"/> for one buffer (the tile): <see cref="Rewrite"/>
/// returns the body with every loop nest that indexes the tile expanded, or null when some condition fails.
/// </summary>
internal sealed class TileExpander(Buffer tile, int maxLanes, bool noalias, IReadOnlySet<Buffer> allocated)
{
    private int _statements;

    /// <summary>Thrown (and caught in <see cref="Rewrite"/>) when a nest cannot be expanded: the tile stays an array.</summary>
    private sealed class GiveUp : Exception;

    /// <summary>Element types that vector code handles (GCC vector extensions of int/uint/float, no float16 or bool).</summary>
    public static bool IsVectorizable(DataType t) => t.IsIntegral && t.Bits >= 8 || t.IsFloat && t.Bits >= 32;

    public Stmt? Rewrite(Stmt body)
    {
        try { return Outside(body); }
        catch (GiveUp) { return null; }
    }

    /// <summary>Above the expanded nests: loops that do not index the tile stay loops.</summary>
    private Stmt Outside(Stmt s) => s switch
    {
        For f when IndexesTile(f) => Expand(f),
        For f => f with { Body = Outside(f.Body) },
        SeqStmt q => SeqStmt.Flatten(q.Stmts.Select(Outside)),
        IfThenElse i => new IfThenElse(i.Condition, Outside(i.Then), i.Else is null ? null : Outside(i.Else)),
        LetStmt l => l with { Body = Outside(l.Body) },
        Allocate a => a with { Body = Outside(a.Body) },
        _ => s,
    };

    /// <summary>Inside an expanded nest: unrolls loops, vectorizes the innermost one that indexes the tile.</summary>
    private Stmt Expand(Stmt s)
    {
        switch (s)
        {
            case For f:
            {
                if (f.Min is not IntImm min || f.Extent is not IntImm ext || f.Kind is not (ForKind.Serial or ForKind.Unrolled or ForKind.Vectorized))
                    throw new GiveUp();
                bool indexes = IndexesTile(f);
                if (!indexes && f.Kind != ForKind.Unrolled) throw new GiveUp(); // would unroll a loop nobody asked to
                if (indexes && !ContainsLoop(f.Body)) return Vectorize(f, min.Value, ext.Value);
                var copies = new List<Stmt>();
                for (long c = min.Value; c < min.Value + ext.Value; c++)
                {
                    var body = Simplifier.Simplify(Substituter.Apply(f.Body, new Dictionary<Var, Expr> { [f.LoopVar] = new IntImm(f.LoopVar.Dtype, c) }));
                    copies.Add(Expand(new ConstantFolder().VisitStmt(body)));
                }
                return SeqStmt.Flatten(copies);
            }
            case SeqStmt q: return SeqStmt.Flatten(q.Stmts.Select(Expand));
            case IfThenElse i: return new IfThenElse(i.Condition, Expand(i.Then), i.Else is null ? null : Expand(i.Else));
            case BufferStore or Evaluate:
                if (++_statements > RegisterTiles.MaxStatements) throw new GiveUp();
                return s;
            default: throw new GiveUp();
        }
    }

    /// <summary>The innermost loop in chunks of at most one register: <c>for j in 64</c> → 4 statements on ramp(j0, 1, 16).</summary>
    private Stmt Vectorize(For f, long min, long extent)
    {
        var chunks = Chunks(extent, maxLanes, tile.Dtype) ?? throw new GiveUp();
        if (f.Kind != ForKind.Vectorized) CheckIndependent(f.Body);
        return SeqStmt.Flatten(chunks.Select(c => new Lanes(f.LoopVar, new IntImm(f.LoopVar.Dtype, min + c.Offset), c.Lanes, this).Stmt(f.Body)));
    }

    /// <summary>
    /// How a vectorized extent splits into registers: whole registers, then the rest as one register whose lanes
    /// are not all used (14 → [14], 28 → [16, 12], 24 → [16, 8] with 16 lanes) — for float tiles, or when the rest
    /// is a power of two (an integer vector's unused lanes could divide by zero). Otherwise the widest power of two
    /// dividing the extent (as before partial registers; 40 ints → 5 × 8). Null when that is a single lane.
    /// </summary>
    internal static IReadOnlyList<(long Offset, int Lanes)>? Chunks(long extent, int maxLanes, DataType dtype)
    {
        long rest = extent % maxLanes;
        int lanes = maxLanes;
        if (rest == 1 || (rest != 0 && !dtype.IsFloat && !System.Numerics.BitOperations.IsPow2(rest)))
        {
            lanes = (int)Gcd(extent, maxLanes);
            if (lanes < 2) return null;
            rest = 0;
        }
        var chunks = new List<(long, int)>();
        long c = 0;
        for (; c + lanes <= extent; c += lanes) chunks.Add((c, lanes));
        if (rest > 0) chunks.Add((c, (int)rest));
        return chunks;
    }

    /// <summary>
    /// A loop not marked vectorized runs its iterations one after the other: vectorizing it is safe when its body is
    /// one store that reads its own buffer only at the stored element and cannot alias what it reads.
    /// </summary>
    private void CheckIndependent(Stmt body)
    {
        if (body is not BufferStore st) throw new GiveUp();
        NodeWalker.Walk(new Evaluate(st.Value), onExpr: e =>
        {
            if (e is not BufferLoad l) return;
            if (ReferenceEquals(l.Buffer, st.Buffer)) { if (!l.Indices.Equals(st.Indices)) throw new GiveUp(); }
            else if (!noalias && !allocated.Contains(l.Buffer) && !allocated.Contains(st.Buffer)) throw new GiveUp();
        });
    }

    /// <summary>One chunk of a vectorized loop: the loop variable is <c>base + lane</c>, lane in [0, lanes).</summary>
    private sealed class Lanes(Var v, Expr chunkBase, int lanes, TileExpander owner)
    {
        public Stmt Stmt(Stmt s)
        {
            switch (s)
            {
                case BufferStore st:
                {
                    if (++owner._statements > RegisterTiles.MaxStatements || st.Indices.Count != 1) throw new GiveUp();
                    // A store whose index does not move with the lanes would be a reduction across them.
                    if (Index(st.Indices[0]) is not Ramp { Stride: IntImm { Value: 1 } } idx) throw new GiveUp();
                    return new BufferStore(st.Buffer, Widen(Expr(st.Value)), [idx]);
                }
                case IfThenElse i when !Uses(i.Condition, v):
                    return new IfThenElse(i.Condition, Stmt(i.Then), i.Else is null ? null : Stmt(i.Else));
                case SeqStmt q: return SeqStmt.Flatten(q.Stmts.Select(Stmt));
                default: throw new GiveUp();
            }
        }

        /// <summary>An expression of the lanes: a vector when it depends on the loop variable, else the scalar itself.</summary>
        private Expr Expr(Expr e)
        {
            if (!Uses(e, v)) return e;
            switch (e)
            {
                case BufferLoad l when l.Indices.Count == 1 && IsVectorizable(l.Buffer.Dtype):
                {
                    var idx = Index(l.Indices[0]);
                    if (idx is Ramp { Stride: not IntImm { Value: 1 } }) throw new GiveUp(); // strided: a gather
                    return new BufferLoad(l.Buffer, [idx]);
                }
                // Unused lanes of a partial register hold zeros: an integer division there would trap.
                case Binary { Op: BinOp.Div } b when b.Dtype.IsIntegral && !System.Numerics.BitOperations.IsPow2(lanes):
                    throw new GiveUp();
                case Binary { Op: BinOp.Add or BinOp.Sub or BinOp.Mul or BinOp.Div or BinOp.Min or BinOp.Max } b when IsVectorizable(b.Dtype):
                    return new Binary(b.Op, Widen(Expr(b.A)), Widen(Expr(b.B)));
                case Cast c when IsVectorizable(c.Type) && IsVectorizable(c.Value.Dtype):
                    return new Cast(c.Type.WithLanes(lanes), Widen(Expr(c.Value)));
                default: throw new GiveUp(); // the loop variable as a value, min/max, select, calls, ...
            }
        }

        private Expr Widen(Expr e) => e.Dtype.Lanes == lanes ? e : e.Dtype.IsScalar ? new Broadcast(e, lanes) : throw new GiveUp();

        /// <summary>An index affine in the loop variable: ramp(index at lane 0, coefficient, lanes).</summary>
        private Expr Index(Expr e)
        {
            if (!Uses(e, v)) return e;
            var form = LinearForm.Of(e);
            long stride = form.Vars.GetValueOrDefault(v);
            if (stride == 0 || form.TermsUse(new HashSet<Var> { v })) throw new GiveUp();
            var at0 = Simplifier.Simplify(Substituter.Apply(e, new Dictionary<Var, Expr> { [v] = chunkBase }));
            return new Ramp(at0, new IntImm(e.Dtype, stride), lanes);
        }
    }

    private bool IndexesTile(For f)
    {
        bool found = false;
        void Check(Seq<Expr> idx)
        {
            foreach (var i in idx) if (!found && Uses(i, f.LoopVar)) found = true;
        }
        NodeWalker.Walk(f.Body,
            onStmt: s => { if (s is BufferStore st && ReferenceEquals(st.Buffer, tile)) Check(st.Indices); },
            onExpr: e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, tile)) Check(l.Indices); });
        return found;
    }

    private static bool Uses(Expr e, Var v)
    {
        bool found = false;
        NodeWalker.Walk(new Evaluate(e), onExpr: x => found |= ReferenceEquals(x, v));
        return found;
    }

    private static bool ContainsLoop(Stmt s)
    {
        bool found = false;
        NodeWalker.Walk(s, onStmt: x => found |= x is For);
        return found;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
