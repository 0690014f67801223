namespace Tuner.Ir.Analysis;

using static ConstIntBoundEvaluator;

/// <summary>Constant folding with the exact semantics of each dtype (wrap-around, floor vs trunc, unsigned compare).</summary>
internal sealed partial class ExprSimplifier
{
    /// <summary>Folds an integer/bool binary op of two constants of dtype t; null when undefined (division by zero).</summary>
    internal static long? FoldInt(BinOp op, long a, long b, DataType t)
    {
        if (t.IsUInt) return FoldUInt(op, unchecked((ulong)a), unchecked((ulong)b), t);
        long r;
        switch (op)
        {
            case BinOp.Add: r = unchecked(a + b); break;
            case BinOp.Sub: r = unchecked(a - b); break;
            case BinOp.Mul: r = unchecked(a * b); break;
            case BinOp.Div: if (b == 0) return null; r = b == -1 ? unchecked(-a) : a / b; break;
            case BinOp.Mod: if (b == 0) return null; r = b == -1 ? 0 : a % b; break;
            case BinOp.FloorDiv: if (b == 0) return null; r = b == -1 ? unchecked(-a) : FloorDiv(a, b); break;
            case BinOp.FloorMod: if (b == 0) return null; r = b == -1 ? 0 : FloorMod(a, b); break;
            case BinOp.Min: r = Math.Min(a, b); break;
            case BinOp.Max: r = Math.Max(a, b); break;
            case BinOp.EQ: return a == b ? 1 : 0;
            case BinOp.NE: return a != b ? 1 : 0;
            case BinOp.LT: return a < b ? 1 : 0;
            case BinOp.LE: return a <= b ? 1 : 0;
            case BinOp.GT: return a > b ? 1 : 0;
            case BinOp.GE: return a >= b ? 1 : 0;
            case BinOp.And: return a != 0 && b != 0 ? 1 : 0;
            case BinOp.Or: return a != 0 || b != 0 ? 1 : 0;
            default: return null;
        }
        return Wrap(r, t);
    }

    private static long? FoldUInt(BinOp op, ulong a, ulong b, DataType t)
    {
        ulong r;
        switch (op)
        {
            case BinOp.Add: r = unchecked(a + b); break;
            case BinOp.Sub: r = unchecked(a - b); break;
            case BinOp.Mul: r = unchecked(a * b); break;
            case BinOp.Div or BinOp.FloorDiv: if (b == 0) return null; r = a / b; break;
            case BinOp.Mod or BinOp.FloorMod: if (b == 0) return null; r = a % b; break;
            case BinOp.Min: r = Math.Min(a, b); break;
            case BinOp.Max: r = Math.Max(a, b); break;
            case BinOp.EQ: return a == b ? 1 : 0;
            case BinOp.NE: return a != b ? 1 : 0;
            case BinOp.LT: return a < b ? 1 : 0;
            case BinOp.LE: return a <= b ? 1 : 0;
            case BinOp.GT: return a > b ? 1 : 0;
            case BinOp.GE: return a >= b ? 1 : 0;
            default: return null;
        }
        return Wrap(unchecked((long)r), t);
    }

    /// <summary>Folds a float op; float32 results are rounded to float32. Null for ops not defined on floats.</summary>
    private static Expr? FoldFloat(BinOp op, double a, double b, DataType t)
    {
        double r;
        switch (op)
        {
            case BinOp.Add: r = a + b; break;
            case BinOp.Sub: r = a - b; break;
            case BinOp.Mul: r = a * b; break;
            case BinOp.Div: r = a / b; break;
            case BinOp.Min: r = Math.Min(a, b); break;
            case BinOp.Max: r = Math.Max(a, b); break;
            case BinOp.EQ: return IntImm.Bool(a == b);
            case BinOp.NE: return IntImm.Bool(a != b);
            case BinOp.LT: return IntImm.Bool(a < b);
            case BinOp.LE: return IntImm.Bool(a <= b);
            case BinOp.GT: return IntImm.Bool(a > b);
            case BinOp.GE: return IntImm.Bool(a >= b);
            default: return null;
        }
        return new FloatImm(t, RoundTo(r, t));
    }

    private static double RoundTo(double v, DataType t) => t.Bits switch
    {
        32 => (float)v,
        16 => (double)(Half)v,
        _ => v,
    };

    /// <summary>Folds Cast of a constant; null when the value is not a scalar constant.</summary>
    private static Expr? FoldCast(DataType to, Expr v)
    {
        if (!to.IsScalar) return null;
        switch (v)
        {
            case IntImm i when to.IsIntegral || to.IsBool:
                long x = i.Type.IsBool ? (i.Value != 0 ? 1 : 0) : i.Value;
                return new IntImm(to, Wrap(x, to));
            case IntImm i when to.IsFloat:
                double d = i.Type.IsUInt ? unchecked((ulong)i.Value) : i.Value;
                return new FloatImm(to, RoundTo(d, to));
            case FloatImm f when to.IsFloat:
                return new FloatImm(to, RoundTo(f.Value, to));
            case FloatImm f when to.IsBool:
                return IntImm.Bool(f.Value != 0);
            case FloatImm f when to.IsIntegral && double.IsFinite(f.Value) && Math.Abs(f.Value) < 9.2e18:
                return new IntImm(to, Wrap((long)Math.Truncate(f.Value), to));
            default:
                return null;
        }
    }
}
