namespace Tuner.Ir.Script;

/// <summary>
/// Expression construction as TVM's operator overloads do it: operand types are matched
/// (BinaryOpMatchTypes; casts of constants fold into constants) and constants fold (TryConstFold).
/// The printer uses <see cref="TryFold"/> to decide when an operator must be spelled T.Add(...) so that
/// reparsing does not fold it away.
/// </summary>
internal static class ExprOps
{
    /// <summary>tvm::cast: identity when the type already matches, a constant for a constant, else a Cast node.</summary>
    public static Expr CastTo(DataType t, Expr e)
    {
        if (e.Dtype == t) return e;
        if (t.Lanes == 1)
        {
            switch (e)
            {
                case IntImm i when t.IsFloat: return new FloatImm(t, i.Value);
                case IntImm i when t.IsBool: return IntImm.Bool(i.Value != 0);
                case IntImm i: return new IntImm(t, Wrap(t, i.Value));
                case FloatImm f when t.IsFloat: return new FloatImm(t, f.Value);
                case FloatImm f when t.IsBool: return IntImm.Bool(f.Value != 0);
                case FloatImm f when t.IsIntegral && double.IsFinite(f.Value): return new IntImm(t, Wrap(t, (long)f.Value));
            }
        }
        return new Cast(t, e);
    }

    /// <summary>A constant of type t (integers wrapped to the type's width).</summary>
    public static Expr Const(DataType t, long v) =>
        t.IsFloat ? new FloatImm(t, v) : t.IsBool ? IntImm.Bool(v != 0) : new IntImm(t, Wrap(t, v));

    /// <summary>Two's-complement wrap of a value to the width of an integer type.</summary>
    public static long Wrap(DataType t, long v)
    {
        if (!t.IsIntegral || t.Bits >= 64) return v;
        long mask = (1L << t.Bits) - 1;
        long u = v & mask;
        if (t.IsInt && (u >> (t.Bits - 1)) != 0) u -= 1L << t.Bits;
        return u;
    }

    /// <summary>BinaryOpMatchTypes: brings both operands to one type (null message when they already agree).</summary>
    public static (Expr A, Expr B) MatchTypes(Expr a, Expr b, out string? error)
    {
        error = null;
        DataType ta = a.Dtype, tb = b.Dtype;
        if (ta == tb) return (a, b);
        if (ta.Lanes != tb.Lanes)
        {
            if (ta.Lanes == 1) a = new Broadcast(a, tb.Lanes);
            else if (tb.Lanes == 1) b = new Broadcast(b, ta.Lanes);
            else { error = $"cannot match vector types {ta} and {tb}"; return (a, b); }
            ta = a.Dtype; tb = b.Dtype;
            if (ta == tb) return (a, b);
        }
        if (ta.IsFloat && tb.IsFloat)
            return ta.Bits < tb.Bits ? (CastTo(tb, a), b) : (a, CastTo(ta, b));
        if (!ta.IsFloat && tb.IsFloat) return (CastTo(tb, a), b);
        if (ta.IsFloat && !tb.IsFloat) return (a, CastTo(ta, b));
        if ((ta.IsInt && tb.IsInt) || (ta.IsUInt && tb.IsUInt))
            return ta.Bits < tb.Bits ? (CastTo(tb, a), b) : (a, CastTo(ta, b));
        if ((ta.IsInt && tb.IsUInt) || (ta.IsUInt && tb.IsInt))
        {
            if (ta.Bits < tb.Bits) return (CastTo(tb, a), b);
            if (ta.Bits > tb.Bits) return (a, CastTo(ta, b));
            return ta.IsUInt ? (a, CastTo(ta, b)) : (CastTo(tb, a), b);
        }
        if (ta.IsBool && tb.IsIntegral) return (CastTo(tb, a), b);
        if (tb.IsBool && ta.IsIntegral) return (a, CastTo(ta, b));
        error = $"cannot match types {ta} and {tb}";
        return (a, b);
    }

    /// <summary>TryConstFold: the folded expression, or null when TVM would build the node as is.</summary>
    public static Expr? TryFold(BinOp op, Expr a, Expr b)
    {
        if (a.Dtype != b.Dtype) return null;
        var t = a.Dtype;
        long? ia = a is IntImm x ? x.Value : null, ib = b is IntImm y ? y.Value : null;
        double? fa = a is FloatImm u ? u.Value : null, fb = b is FloatImm w ? w.Value : null;
        bool ca = ia is not null || fa is not null, cb = ib is not null || fb is not null;
        double? da = ia ?? fa, db = ib ?? fb;
        switch (op)
        {
            case BinOp.Add:
                if (ia is { } p && ib is { } q) return new IntImm(t, Wrap(t, p + q));
                if (fa is { } r && fb is { } s) return new FloatImm(t, r + s);
                if (ca && da == 0) return b;
                if (cb && db == 0) return a;
                return null;
            case BinOp.Sub:
                if (ia is { } p2 && ib is { } q2) return new IntImm(t, Wrap(t, p2 - q2));
                if (fa is { } r2 && fb is { } s2) return new FloatImm(t, r2 - s2);
                if (cb && db == 0) return a;
                return null;
            case BinOp.Mul:
                if (ia is { } p3 && ib is { } q3) return new IntImm(t, Wrap(t, p3 * q3));
                if (fa is { } r3 && fb is { } s3) return new FloatImm(t, r3 * s3);
                if (ca && da == 1) return b;
                if (ca && da == 0) return a;
                if (cb && db == 1) return a;
                if (cb && db == 0) return b;
                return null;
            case BinOp.Div:
                if (ia is { } p4 && ib is { } q4 && q4 != 0) return new IntImm(t, p4 / q4);
                if (fa is { } r4 && fb is { } s4 && s4 != 0) return new FloatImm(t, r4 / s4);
                if (ca && da == 0) return a;
                if (cb && db == 1) return a;
                return null;
            case BinOp.Mod:
                if (ia is { } p5 && ib is { } q5 && q5 != 0) return new IntImm(t, p5 % q5);
                if (ca && da == 0) return a;
                if (cb && db == 1) return new IntImm(t, 0);
                return null;
            case BinOp.FloorDiv:
                if (ia is { } p6 && ib is { } q6 && q6 != 0) return new IntImm(t, FloorDiv(p6, q6));
                if (fa is { } r6 && fb is { } s6 && s6 != 0) return new FloatImm(t, Math.Floor(r6 / s6));
                if (ca && da == 0) return a;
                if (cb && db == 1) return a;
                return null;
            case BinOp.FloorMod:
                if (ia is { } p7 && ib is { } q7 && q7 != 0) return new IntImm(t, p7 - FloorDiv(p7, q7) * q7);
                if (ca && da == 0) return a;
                if (cb && db == 1 && t.IsIntegral) return new IntImm(t, 0);
                return null;
            case BinOp.Min:
            case BinOp.Max:
                if (ia is { } p8 && ib is { } q8) return new IntImm(t, op == BinOp.Min ? Math.Min(p8, q8) : Math.Max(p8, q8));
                if (fa is { } r8 && fb is { } s8) return new FloatImm(t, op == BinOp.Min ? Math.Min(r8, s8) : Math.Max(r8, s8));
                return null;
            case BinOp.And:
            case BinOp.Or:
                if (ia is { } v1) return (v1 != 0) == (op == BinOp.And) ? b : a;
                if (ib is { } v2) return (v2 != 0) == (op == BinOp.And) ? a : b;
                return null;
            default:
                if (ca && cb)
                {
                    double l = da!.Value, rr = db!.Value;
                    bool res = op switch
                    {
                        BinOp.EQ => l == rr, BinOp.NE => l != rr, BinOp.LT => l < rr,
                        BinOp.LE => l <= rr, BinOp.GT => l > rr, _ => l >= rr,
                    };
                    return IntImm.Bool(res);
                }
                return null;
        }
    }

    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary>Builds a binary node as Python operators in TVMScript do: match types, then fold.</summary>
    public static Expr Make(BinOp op, Expr a, Expr b, out string? error)
    {
        (a, b) = MatchTypes(a, b, out error);
        if (error is not null) return a;
        if (op.IsLogical() && (!a.Dtype.IsBool || !b.Dtype.IsBool))
        {
            error = $"operands of '{(op == BinOp.And ? "and" : "or")}' must be bool, got {a.Dtype} and {b.Dtype}";
            return a;
        }
        return TryFold(op, a, b) ?? new Binary(op, a, b);
    }

    /// <summary>stop - start, simplified for the common shapes (constants, start + c).</summary>
    public static Expr Extent(Expr start, Expr stop)
    {
        if (stop is Binary { Op: BinOp.Add } add && add.A.Equals(start) && add.B.Dtype == start.Dtype) return add.B;
        var e = Make(BinOp.Sub, stop, start, out var err);
        return err is null ? e : new Binary(BinOp.Sub, stop, start);
    }

    /// <summary>min + extent, simplified: the inverse of <see cref="Extent"/>.</summary>
    public static Expr End(Expr min, Expr extent)
    {
        if (extent is Binary { Op: BinOp.Sub } sub && sub.B.Equals(min)) return sub.A;
        if (min.Dtype != extent.Dtype) return new Binary(BinOp.Add, min, extent);
        return TryFold(BinOp.Add, min, extent) ?? new Binary(BinOp.Add, min, extent);
    }
}
