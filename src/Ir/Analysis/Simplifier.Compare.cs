namespace Tuner.Ir.Analysis;

/// <summary>
/// Comparisons, Min/Max and boolean logic: decided from the constant bounds of the difference of the
/// operands (i &lt; 128 with i in [0, 128) is True; min(x, x + 1) is x), folded with constants otherwise.
/// </summary>
internal sealed partial class ExprSimplifier
{
    private Expr SimplifyBinary(Binary b)
    {
        var x = Simplify(b.A);
        var y = Simplify(b.B);
        var t = x.Dtype;
        if (x is IntImm ix && y is IntImm iy && t.IsScalar && FoldInt(b.Op, ix.Value, iy.Value, t) is { } r)
            return Const(b.Dtype, r);
        if (x is FloatImm fx && y is FloatImm fy && FoldFloat(b.Op, fx.Value, fy.Value, t) is { } fr)
            return fr;

        Expr? result = b.Op switch
        {
            BinOp.And => Logic(x, y, isAnd: true),
            BinOp.Or => Logic(x, y, isAnd: false),
            BinOp.Min or BinOp.Max => MinMax(b.Op, x, y),
            _ when b.Op.IsComparison() && IsLinearType(t) => CompareByBound(b.Op, x, y),
            _ when IsArith(b.Op) && t.IsIntegral => ArithIdentity(b.Op, x, y),
            _ => null,
        };
        if (result is not null) return result;
        return ReferenceEquals(x, b.A) && ReferenceEquals(y, b.B) ? b : new Binary(b.Op, x, y);
    }

    private static Expr? Logic(Expr x, Expr y, bool isAnd)
    {
        // True and y → y; False and y → False; True or y → True; False or y → y.
        if (x is IntImm cx) return (cx.Value != 0) == isAnd ? y : x;
        if (y is IntImm cy) return (cy.Value != 0) == isAnd ? x : y;
        return x.Equals(y) ? x : null;
    }

    private Expr? MinMax(BinOp op, Expr x, Expr y)
    {
        if (x.Equals(y)) return x;
        if (!IsLinearType(x.Dtype)) return null;
        var (lo, hi) = Bound(Difference(x, y));
        bool xSmaller = hi <= 0, ySmaller = lo >= 0;
        if (op == BinOp.Min) return xSmaller ? x : ySmaller ? y : null;
        return xSmaller ? y : ySmaller ? x : null;
    }

    private Expr? CompareByBound(BinOp op, Expr x, Expr y)
    {
        var d = Difference(x, y);
        var (lo, hi) = Bound(d);
        bool? r = op switch
        {
            BinOp.LT => hi < 0 ? true : lo >= 0 ? false : null,
            BinOp.LE => hi <= 0 ? true : lo > 0 ? false : null,
            BinOp.GT => lo > 0 ? true : hi <= 0 ? false : null,
            BinOp.GE => lo >= 0 ? true : hi < 0 ? false : null,
            BinOp.EQ => lo == 0 && hi == 0 ? true : lo > 0 || hi < 0 ? false : null,
            BinOp.NE => lo == 0 && hi == 0 ? false : lo > 0 || hi < 0 ? true : null,
            _ => null,
        };
        r ??= SymbolicCompare(op, d);
        if (r is { } v) return IntImm.Bool(v);
        return MoveConstant(op, x, y);
    }

    /// <summary>x + c1 &lt; c2 becomes x &lt; c2 - c1 (TVM's rewrite rule), so predicates compare a sum against one constant.</summary>
    private Expr? MoveConstant(BinOp op, Expr x, Expr y)
    {
        if (y is not IntImm c) return null;
        var lx = ToLinear(x);
        if (lx.Const == 0 || lx.IsConst) return null;
        long rhs = c.Value - lx.Const;
        if (Wrap(rhs, c.Dtype) != rhs) return null;
        lx.Const = 0;
        return new Binary(op, FromLinear(lx), Const(c.Dtype, rhs));
    }

    /// <summary>
    /// Second chance for a comparison whose constant bounds were inconclusive: replace each variable bound
    /// to a symbolic range by its extreme (i ∈ [0, n) gives i - n ≤ -1), then bound the result again.
    /// </summary>
    private bool? SymbolicCompare(BinOp op, LinearForm d)
    {
        if (op is BinOp.EQ or BinOp.NE) return null;
        LinearForm? upper = Extreme(d, upper: true), lower = Extreme(d, upper: false);
        if (upper is null && lower is null) return null;
        // Ranges may refer to other ranged vars (j in [0, i), i in [0, n)): substitute a few rounds.
        for (int round = 0; round < 3; round++)
        {
            upper = upper is null ? null : Extreme(upper, upper: true) ?? upper;
            lower = lower is null ? null : Extreme(lower, upper: false) ?? lower;
        }
        var (_, hi) = upper is null ? (0, PosInf) : Bound(upper);
        var (lo, _) = lower is null ? (NegInf, 0) : Bound(lower);
        return op switch
        {
            BinOp.LT => hi < 0 ? true : lo >= 0 ? false : null,
            BinOp.LE => hi <= 0 ? true : lo > 0 ? false : null,
            BinOp.GT => lo > 0 ? true : hi <= 0 ? false : null,
            BinOp.GE => lo >= 0 ? true : hi < 0 ? false : null,
            _ => null,
        };
    }

    /// <summary>d with every variable that has a non-constant range replaced by its max (or min); null when none has.</summary>
    private LinearForm? Extreme(LinearForm d, bool upper)
    {
        var res = new LinearForm(d.Dtype) { Const = d.Const };
        bool any = false;
        foreach (var (term, k) in d.Terms)
        {
            if (term is Var v && analyzer.TryGetRange(v, out var rg) && (rg.Min is not IntImm || rg.Extent is not IntImm))
            {
                bool wantMax = upper == k > 0;
                var end = wantMax ? ToLinear(rg.Min).AddScaled(ToLinear(rg.Extent), 1) : ToLinear(rg.Min);
                if (wantMax) end.Const -= 1;
                res.AddScaled(end, k);
                any = true;
            }
            else res.AddTerm(term, k);
        }
        return any ? Recombine(res) : null;
    }

    private LinearForm Difference(Expr x, Expr y) => Recombine(ToLinear(x).AddScaled(ToLinear(y), -1));

    /// <summary>Identities valid for every integer type: x + 0, x - 0, x * 1, x * 0, x / 1.</summary>
    private static Expr? ArithIdentity(BinOp op, Expr x, Expr y)
    {
        bool yZero = y is IntImm { Value: 0 }, yOne = y is IntImm { Value: 1 };
        bool xZero = x is IntImm { Value: 0 }, xOne = x is IntImm { Value: 1 };
        return op switch
        {
            BinOp.Add when yZero => x,
            BinOp.Add when xZero => y,
            BinOp.Sub when yZero => x,
            BinOp.Mul when yOne => x,
            BinOp.Mul when xOne => y,
            BinOp.Mul when yZero => y,
            BinOp.Mul when xZero => x,
            BinOp.Div or BinOp.FloorDiv when yOne => x,
            _ => null,
        };
    }

    private static Expr SimplifyNot(Expr v, Not original)
    {
        switch (v)
        {
            case IntImm c when v.Dtype.IsScalar:
                return IntImm.Bool(c.Value == 0);
            case Not n:
                return n.Value;
            case Binary { Op: var op } b when op.IsComparison() && b.A.Dtype.IsIntegral:
                var inv = op switch
                {
                    BinOp.LT => BinOp.GE, BinOp.LE => BinOp.GT, BinOp.GT => BinOp.LE,
                    BinOp.GE => BinOp.LT, BinOp.EQ => BinOp.NE, _ => BinOp.EQ,
                };
                return new Binary(inv, b.A, b.B);
            default:
                return ReferenceEquals(v, original.Value) ? original : new Not(v);
        }
    }
}
