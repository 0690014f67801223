namespace Tuner.Ir.Analysis;

/// <summary>
/// Interval arithmetic over integer expressions: a sound [Min, Max] for every value the expression can take
/// given the analyzer's variable bindings. long.MinValue / long.MaxValue stand for -inf / +inf; arithmetic
/// saturates at them. Unknown leaves (loads, calls, unbound vars) get the range of their dtype.
/// </summary>
internal sealed class ConstIntBoundEvaluator(Analyzer analyzer)
{
    public const long NegInf = long.MinValue, PosInf = long.MaxValue;
    // Guards against a variable bound through its own range (Bind(i, Range(0, i))) looping forever.
    private readonly HashSet<Var> _visiting = new();

    public (long Min, long Max) Eval(Expr e)
    {
        var (lo, hi) = EvalRaw(e);
        var (tlo, thi) = TypeRange(e.Dtype);
        return (Math.Max(lo, tlo), Math.Min(hi, thi));
    }

    public static (long Min, long Max) TypeRange(DataType t)
    {
        if (t.IsBool) return (0, 1);
        if (t.IsInt) return t.Bits >= 64 ? (NegInf, PosInf) : (-(1L << (t.Bits - 1)), (1L << (t.Bits - 1)) - 1);
        if (t.IsUInt) return t.Bits >= 63 ? (0, PosInf) : (0, (1L << t.Bits) - 1);
        return (NegInf, PosInf);
    }

    private (long, long) EvalRaw(Expr e)
    {
        switch (e)
        {
            case IntImm i: return (i.Value, i.Value);
            case Var v: return VarBound(v);
            case Cast c:
                {
                    var tr = TypeRange(c.Type);
                    if (!c.Value.Dtype.IsIntegral && !c.Value.Dtype.IsBool) return tr;
                    var (lo, hi) = Eval(c.Value);
                    return lo >= tr.Min && hi <= tr.Max ? (lo, hi) : tr;
                }
            case Binary b when b.Op.YieldsBool(): return (0, 1);
            case Binary b: return BinaryBound(b.Op, Eval(b.A), Eval(b.B));
            case Not: return (0, 1);
            case Select s:
                {
                    var (a0, a1) = Eval(s.TrueValue);
                    var (b0, b1) = Eval(s.FalseValue);
                    return (Math.Min(a0, b0), Math.Max(a1, b1));
                }
            case Let l:
                {
                    using var scope = analyzer.ScopedBind(l.Var, l.Value);
                    return Eval(l.Body);
                }
            default: return TypeRange(e.Dtype);
        }
    }

    private (long, long) VarBound(Var v)
    {
        if (!_visiting.Add(v)) return TypeRange(v.Type);
        try
        {
            if (analyzer.TryGetSubstitution(v, out var value)) return Eval(value);
            if (analyzer.TryGetRange(v, out var r))
            {
                var lo = Eval(r.Min).Min;
                var hi = Eval(new Binary(BinOp.Sub, new Binary(BinOp.Add, r.Min, r.Extent), new IntImm(r.Extent.Dtype, 1))).Max;
                return (lo, hi);
            }
            return TypeRange(v.Type);
        }
        finally { _visiting.Remove(v); }
    }

    internal static (long, long) BinaryBound(BinOp op, (long Min, long Max) a, (long Min, long Max) b)
    {
        switch (op)
        {
            case BinOp.Add: return (Add(a.Min, b.Min), Add(a.Max, b.Max));
            case BinOp.Sub: return (Add(a.Min, Neg(b.Max)), Add(a.Max, Neg(b.Min)));
            case BinOp.Mul: return Corners(a, b, Mul);
            case BinOp.Min: return (Math.Min(a.Min, b.Min), Math.Min(a.Max, b.Max));
            case BinOp.Max: return (Math.Max(a.Min, b.Min), Math.Max(a.Max, b.Max));
            case BinOp.FloorDiv:
            case BinOp.Div:
                if (b.Min <= 0 && b.Max >= 0) return (NegInf, PosInf);
                return Corners(a, b, op == BinOp.FloorDiv ? FloorDivSat : TruncDivSat);
            case BinOp.FloorMod: return FloorModBound(a, b);
            case BinOp.Mod: return TruncModBound(a, b);
            default: return (NegInf, PosInf);
        }
    }

    private static (long, long) FloorModBound((long Min, long Max) a, (long Min, long Max) b)
    {
        if (b.Min == b.Max && b.Min > 0 && a.Min != NegInf && a.Max != PosInf)
        {
            long c = b.Min;
            // Inside one period the remainder is exact.
            if (FloorDiv(a.Min, c) == FloorDiv(a.Max, c)) return (FloorMod(a.Min, c), FloorMod(a.Max, c));
        }
        if (b.Min > 0) return (0, b.Max == PosInf ? PosInf : b.Max - 1);
        if (b.Max < 0) return (b.Min == NegInf ? NegInf : b.Min + 1, 0);
        return (NegInf, PosInf);
    }

    private static (long, long) TruncModBound((long Min, long Max) a, (long Min, long Max) b)
    {
        if (b.Min <= 0 && b.Max >= 0) return (NegInf, PosInf);
        long m = Math.Max(Math.Abs(Math.Max(b.Min, -PosInf)), Math.Abs(Math.Max(b.Max, -PosInf)));
        long lim = m == PosInf ? PosInf : m - 1;
        if (b.Min == b.Max && a.Min >= 0 && a.Max != PosInf && a.Min / b.Min == a.Max / b.Min)
            return (a.Min % b.Min, a.Max % b.Min);
        if (a.Min >= 0) return (0, Math.Min(lim, a.Max));
        if (a.Max <= 0) return (Math.Max(-lim, a.Min), 0);
        return (Math.Max(-lim, a.Min), Math.Min(lim, a.Max));
    }

    private static (long, long) Corners((long Min, long Max) a, (long Min, long Max) b, Func<long, long, long> f)
    {
        long p = f(a.Min, b.Min), q = f(a.Min, b.Max), r = f(a.Max, b.Min), s = f(a.Max, b.Max);
        return (Math.Min(Math.Min(p, q), Math.Min(r, s)), Math.Max(Math.Max(p, q), Math.Max(r, s)));
    }

    public static long Neg(long a) => a == NegInf ? PosInf : a == PosInf ? NegInf : -a;

    public static long Add(long a, long b)
    {
        if (a == NegInf || b == NegInf) return a == PosInf || b == PosInf ? 0 : NegInf;
        if (a == PosInf || b == PosInf) return PosInf;
        long r = unchecked(a + b);
        if (((a ^ r) & (b ^ r)) < 0) return a > 0 ? PosInf : NegInf;
        return r;
    }

    public static long Mul(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        bool neg = (a < 0) != (b < 0);
        if (a is NegInf or PosInf || b is NegInf or PosInf) return neg ? NegInf : PosInf;
        long r;
        try { r = checked(a * b); }
        catch (OverflowException) { return neg ? NegInf : PosInf; }
        return r;
    }

    private static long FloorDivSat(long a, long b)
    {
        if (a is NegInf or PosInf || b is NegInf or PosInf)
            return a is NegInf or PosInf ? ((a < 0) != (b < 0) ? NegInf : PosInf) : (a == 0 || (a > 0) == (b > 0) ? 0 : -1);
        return FloorDiv(a, b);
    }

    private static long TruncDivSat(long a, long b)
    {
        if (a is NegInf or PosInf || b is NegInf or PosInf)
            return a is NegInf or PosInf ? ((a < 0) != (b < 0) ? NegInf : PosInf) : 0;
        return a / b;
    }

    /// <summary>Division rounding toward negative infinity.</summary>
    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary>Remainder with the sign of the divisor.</summary>
    public static long FloorMod(long a, long b)
    {
        long r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
}
