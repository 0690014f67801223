namespace Tuner.Ir.Schedule;

/// <summary>
/// Minimal folding that keeps block iter bindings and predicates canonical after Split/Fuse, using the constant
/// ranges of loop variables: constant folding, x*1, x+0, nested floordiv, floormod of a floordiv, and dropping a
/// floordiv/floormod/comparison whose operand range makes it trivial. Placeholder for Tuner.Ir.Analysis.Simplifier
/// (switch when it lands); deliberately conservative — anything it does not recognise stays as is.
/// </summary>
internal sealed class IndexSimplifier(IReadOnlyDictionary<Var, (long Min, long Max)> ranges) : IrRewriter
{
    /// <summary>Ranges of every loop with constant min and extent in <paramref name="body"/>.</summary>
    public static IndexSimplifier ForLoopsIn(Stmt body)
    {
        var ranges = new Dictionary<Var, (long, long)>();
        NodeWalker.Walk(body, s =>
        {
            if (s is For { Min: IntImm m, Extent: IntImm e } f && e.Value > 0) ranges[f.LoopVar] = (m.Value, m.Value + e.Value - 1);
        });
        return new IndexSimplifier(ranges);
    }

    /// <summary>Simplifies the iter values and predicates of every block realize under <paramref name="s"/>.</summary>
    public Stmt SimplifyBindings(Stmt s) => new BindingRewriter(this).VisitStmt(s);

    public Expr Simplify(Expr e) => VisitExpr(e);

    public override Expr VisitBinary(Binary b)
    {
        var x = VisitExpr(b.A);
        var y = VisitExpr(b.B);
        return Fold(b.Op, x, y) ?? (ReferenceEquals(x, b.A) && ReferenceEquals(y, b.B) ? b : new Binary(b.Op, x, y));
    }

    private Expr? Fold(BinOp op, Expr x, Expr y)
    {
        long? cx = E.AsConst(x), cy = E.AsConst(y);
        var t = x.Dtype;
        if (cx is { } a && cy is { } c && Eval(op, a, c) is { } v)
            return op.YieldsBool() ? IntImm.Bool(v != 0) : new IntImm(t, v);
        switch (op)
        {
            case BinOp.Add:
                if (cx == 0) return y;
                if (cy == 0) return x;
                if (cx is not null) return Fold(BinOp.Add, y, x) ?? new Binary(BinOp.Add, y, x);
                if (cy is { } c2 && x is Binary { Op: BinOp.Add, B: IntImm c1 } inner) return Make(BinOp.Add, inner.A, new IntImm(t, c1.Value + c2));
                // Left-associated sums, as TVM prints them: x + (y + z) → (x + y) + z.
                if (y is Binary { Op: BinOp.Add } ys) return Make(BinOp.Add, Make(BinOp.Add, x, ys.A), ys.B);
                // (z // c) * c + z % c → z
                if (x is Binary { Op: BinOp.Mul, A: Binary { Op: BinOp.FloorDiv } q, B: IntImm qc } && q.B is IntImm qd && qd.Value == qc.Value
                    && y is Binary { Op: BinOp.FloorMod, B: IntImm rd } r && rd.Value == qc.Value && r.A.Equals(q.A))
                    return q.A;
                break;
            case BinOp.Sub:
                if (cy == 0) return x;
                break;
            case BinOp.Mul:
                if (cx == 0 || cy == 0) return new IntImm(t, 0);
                if (cx == 1) return y;
                if (cy == 1) return x;
                if (cx is not null) return Fold(BinOp.Mul, y, x) ?? new Binary(BinOp.Mul, y, x);
                if (cy is { } m2 && x is Binary { Op: BinOp.Mul, B: IntImm m1 } mi) return Make(BinOp.Mul, mi.A, new IntImm(t, m1.Value * m2));
                // Distribute a constant over a sum: (a + b) * c → a*c + b*c (TVM's canonical sum of scaled iters).
                if (cy is not null && x is Binary { Op: BinOp.Add or BinOp.Sub } sum)
                    return Make(sum.Op, Make(BinOp.Mul, sum.A, y), Make(BinOp.Mul, sum.B, y));
                break;
            case BinOp.FloorDiv when cy is { } d && d > 0:
                if (d == 1) return x;
                if (Bound(x) is var (lo, hi) && lo >= 0 && hi < d) return new IntImm(t, 0);
                if (x is Binary { Op: BinOp.FloorDiv, B: IntImm d1 } fd && d1.Value > 0) return Make(BinOp.FloorDiv, fd.A, new IntImm(t, d1.Value * d));
                if (x is Binary { Op: BinOp.Mul, B: IntImm k } mul && k.Value % d == 0) return Make(BinOp.Mul, mul.A, new IntImm(t, k.Value / d));
                break;
            case BinOp.FloorMod when cy is { } m && m > 0:
                if (m == 1) return new IntImm(t, 0);
                if (Bound(x) is var (lo2, hi2) && lo2 >= 0 && hi2 < m) return x;
                // floormod(floordiv(z, a), b) == floordiv(floormod(z, a*b), a) for z >= 0: TVM's canonical form for fused iters.
                if (x is Binary { Op: BinOp.FloorDiv, B: IntImm a2 } fd2 && a2.Value > 0 && Bound(fd2.A).Min >= 0)
                    return Make(BinOp.FloorDiv, Make(BinOp.FloorMod, fd2.A, new IntImm(t, a2.Value * m)), a2);
                if (x is Binary { Op: BinOp.Mul, B: IntImm k2 } mul2 && k2.Value % m == 0) return new IntImm(t, 0);
                break;
            case BinOp.LT or BinOp.LE or BinOp.GT or BinOp.GE:
                var (xl, xh) = Bound(x);
                var (yl, yh) = Bound(y);
                bool? known = op switch
                {
                    BinOp.LT => xh < yl ? true : xl >= yh ? false : null,
                    BinOp.LE => xh <= yl ? true : xl > yh ? false : null,
                    BinOp.GT => xl > yh ? true : xh <= yl ? false : null,
                    _ => xl >= yh ? true : xh < yl ? false : null,
                };
                if (known is { } kb && xl != long.MinValue && yl != long.MinValue) return IntImm.Bool(kb);
                break;
            case BinOp.And:
                if (cx == 1) return y;
                if (cy == 1) return x;
                if (cx == 0 || cy == 0) return IntImm.False;
                break;
        }
        return null;
    }

    private Expr Make(BinOp op, Expr a, Expr b) => Fold(op, a, b) ?? new Binary(op, a, b);

    private static long? Eval(BinOp op, long a, long c) => op switch
    {
        BinOp.Add => a + c,
        BinOp.Sub => a - c,
        BinOp.Mul => a * c,
        BinOp.FloorDiv when c != 0 => FloorDiv(a, c),
        BinOp.FloorMod when c != 0 => a - FloorDiv(a, c) * c,
        BinOp.Min => Math.Min(a, c),
        BinOp.Max => Math.Max(a, c),
        BinOp.LT => a < c ? 1 : 0,
        BinOp.LE => a <= c ? 1 : 0,
        BinOp.GT => a > c ? 1 : 0,
        BinOp.GE => a >= c ? 1 : 0,
        BinOp.EQ => a == c ? 1 : 0,
        BinOp.NE => a != c ? 1 : 0,
        BinOp.And => (a != 0 && c != 0) ? 1 : 0,
        BinOp.Or => (a != 0 || c != 0) ? 1 : 0,
        _ => null,
    };

    private static long FloorDiv(long a, long c)
    {
        long q = a / c;
        return (a % c != 0 && ((a < 0) != (c < 0))) ? q - 1 : q;
    }

    private const long Unbounded = long.MinValue;

    /// <summary>Inclusive constant range of an index expression; (MinValue, MaxValue) when unknown.</summary>
    public (long Min, long Max) Bound(Expr e)
    {
        const long lo = long.MinValue, hi = long.MaxValue;
        switch (e)
        {
            case IntImm c: return (c.Value, c.Value);
            case Var v: return ranges.TryGetValue(v, out var r) ? r : (lo, hi);
            case Binary b:
                var (al, ah) = Bound(b.A);
                var (bl, bh) = Bound(b.B);
                if (al == Unbounded || bl == Unbounded || ah == hi || bh == hi) return (lo, hi);
                try
                {
                    return b.Op switch
                    {
                        BinOp.Add => (checked(al + bl), checked(ah + bh)),
                        BinOp.Sub => (checked(al - bh), checked(ah - bl)),
                        BinOp.Mul => MulRange(al, ah, bl, bh),
                        BinOp.FloorDiv when bl == bh && bl > 0 => (FloorDiv(al, bl), FloorDiv(ah, bl)),
                        BinOp.FloorMod when bl == bh && bl > 0 => al >= 0 && ah < bl ? (al, ah) : (0, bl - 1),
                        BinOp.Min => (Math.Min(al, bl), Math.Min(ah, bh)),
                        BinOp.Max => (Math.Max(al, bl), Math.Max(ah, bh)),
                        _ => (lo, hi),
                    };
                }
                catch (OverflowException) { return (lo, hi); }
            default: return (lo, hi);
        }
    }

    private static (long, long) MulRange(long al, long ah, long bl, long bh)
    {
        long[] p = [checked(al * bl), checked(al * bh), checked(ah * bl), checked(ah * bh)];
        return (p.Min(), p.Max());
    }

    private sealed class BindingRewriter(IndexSimplifier simplifier) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e;

        public override Stmt VisitBlockRealize(BlockRealize r)
        {
            var vals = r.IterValues.Map(simplifier.Simplify);
            var pred = simplifier.Simplify(r.Predicate);
            var block = (Block)VisitStmt(r.Block);
            return vals == r.IterValues && ReferenceEquals(pred, r.Predicate) && ReferenceEquals(block, r.Block)
                ? r : new BlockRealize(vals, pred, block);
        }
    }
}
