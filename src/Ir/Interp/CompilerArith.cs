namespace Tuner.Ir.Interp;

/// <summary>
/// Binary operators with exact C semantics: integer results wrap to their width, Div/Mod truncate,
/// FloorDiv/FloorMod round toward −∞, integer division by zero throws; float results are rounded to their width.
/// </summary>
internal sealed partial class Compiler
{
    private Func<Env, long> IntArith(Binary b, int lane)
    {
        var t = b.Dtype.Element;
        var x = IAs(b.A, lane, t);
        var y = IAs(b.B, lane, t);
        Expr what = b;
        if (t.IsBool) return BoolArith(b.Op, x, y, what);
        if (FastIntOp(b, lane, t) is { } fast) return fast;
        return (t.Code, t.Bits) switch
        {
            (TypeCode.Int, 8) => IntOp<WI8>(b.Op, false, x, y, what),
            (TypeCode.Int, 16) => IntOp<WI16>(b.Op, false, x, y, what),
            (TypeCode.Int, 32) => IntOp<WI32>(b.Op, false, x, y, what),
            (TypeCode.UInt, 8) => IntOp<WU8>(b.Op, false, x, y, what),
            (TypeCode.UInt, 16) => IntOp<WU16>(b.Op, false, x, y, what),
            (TypeCode.UInt, 32) => IntOp<WU32>(b.Op, false, x, y, what),
            (TypeCode.UInt, 64) => IntOp<W64>(b.Op, true, x, y, what),
            _ => IntOp<W64>(b.Op, false, x, y, what),
        };
    }

    private static InterpreterException DivByZero(Expr what) => new($"integer division by zero in {ExprText.Of(what)}");

    /// <summary>Integer arithmetic; <paramref name="u64"/> selects unsigned 64-bit division and ordering (narrower unsigned values are zero-extended, so signed long ops are exact for them).</summary>
    private static Func<Env, long> IntOp<W>(BinOp op, bool u64, Func<Env, long> x, Func<Env, long> y, Expr what) where W : struct, IWrap
    {
        if (u64)
        {
            return op switch
            {
                BinOp.Add => env => x(env) + y(env),
                BinOp.Sub => env => x(env) - y(env),
                BinOp.Mul => env => x(env) * y(env),
                BinOp.Div or BinOp.FloorDiv => env =>
                {
                    ulong a = (ulong)x(env), d = (ulong)y(env);
                    return d == 0 ? throw DivByZero(what) : (long)(a / d);
                },
                BinOp.Mod or BinOp.FloorMod => env =>
                {
                    ulong a = (ulong)x(env), d = (ulong)y(env);
                    return d == 0 ? throw DivByZero(what) : (long)(a % d);
                },
                BinOp.Min => env => (long)Math.Min((ulong)x(env), (ulong)y(env)),
                BinOp.Max => env => (long)Math.Max((ulong)x(env), (ulong)y(env)),
                _ => throw new InterpreterException($"operator {op} is not arithmetic: {ExprText.Of(what)}"),
            };
        }
        return op switch
        {
            BinOp.Add => env => W.W(x(env) + y(env)),
            BinOp.Sub => env => W.W(x(env) - y(env)),
            BinOp.Mul => env => W.W(x(env) * y(env)),
            BinOp.Div => env =>
            {
                long a = x(env), d = y(env);
                if (d == 0) throw DivByZero(what);
                return W.W(d == -1 ? -a : a / d); // -1 avoids the long.MinValue / -1 trap; C wraps
            },
            BinOp.Mod => env =>
            {
                long a = x(env), d = y(env);
                if (d == 0) throw DivByZero(what);
                return d == -1 ? 0 : W.W(a % d);
            },
            BinOp.FloorDiv => env =>
            {
                long a = x(env), d = y(env);
                if (d == 0) throw DivByZero(what);
                if (d == -1) return W.W(-a);
                long q = a / d;
                if (a % d != 0 && (a < 0) != (d < 0)) q--;
                return W.W(q);
            },
            BinOp.FloorMod => env =>
            {
                long a = x(env), d = y(env);
                if (d == 0) throw DivByZero(what);
                if (d == -1) return 0;
                long r = a % d;
                if (r != 0 && (r < 0) != (d < 0)) r += d;
                return W.W(r);
            },
            BinOp.Min => env => Math.Min(x(env), y(env)),
            BinOp.Max => env => Math.Max(x(env), y(env)),
            _ => throw new InterpreterException($"operator {op} is not arithmetic: {ExprText.Of(what)}"),
        };
    }

    /// <summary>
    /// Shortcuts for the index arithmetic that dominates run time (v * 64 + k, i // 4, vy + vry): variable and
    /// constant operands are read in place instead of through a closure. Null when no shortcut applies.
    /// </summary>
    private Func<Env, long>? FastIntOp(Binary b, int lane, DataType t)
    {
        if (Values.IsU64(t) || b.A.Dtype.Element != t || b.B.Dtype.Element != t) return null;
        int? sa = b.A is Var va && va.Type.Lanes == 1 ? VarSlot(va, 0) : null;
        int? sb = b.B is Var vb && vb.Type.Lanes == 1 ? VarSlot(vb, 0) : null;
        long? cb = b.B is IntImm ib ? Values.Wrap(t, ib.Value) : null;
        if (sa is null && sb is null && cb is null) return null;
        return (t.Code, t.Bits) switch
        {
            (TypeCode.Int, 32) => FastOp<WI32>(b.Op, sa, sb, cb, b.A, lane),
            (TypeCode.Int, 64) => FastOp<W64>(b.Op, sa, sb, cb, b.A, lane),
            _ => null,
        };
    }

    private Func<Env, long>? FastOp<W>(BinOp op, int? sa, int? sb, long? cb, Expr a, int lane) where W : struct, IWrap
    {
        if (sa is int s && sb is int u)
        {
            return op switch
            {
                BinOp.Add => env => W.W(env.I[s] + env.I[u]),
                BinOp.Sub => env => W.W(env.I[s] - env.I[u]),
                BinOp.Mul => env => W.W(env.I[s] * env.I[u]),
                _ => null,
            };
        }
        if (cb is not long c) return null;
        if (sa is int s2)
        {
            return op switch
            {
                BinOp.Add => env => W.W(env.I[s2] + c),
                BinOp.Sub => env => W.W(env.I[s2] - c),
                BinOp.Mul => env => W.W(env.I[s2] * c),
                BinOp.FloorDiv when c > 0 => env => FloorDivPos(env.I[s2], c),
                BinOp.FloorMod when c > 0 => env => FloorModPos(env.I[s2], c),
                _ => null,
            };
        }
        var x = I(a, lane);
        return op switch
        {
            BinOp.Add => env => W.W(x(env) + c),
            BinOp.Sub => env => W.W(x(env) - c),
            BinOp.Mul => env => W.W(x(env) * c),
            BinOp.FloorDiv when c > 0 => env => FloorDivPos(x(env), c),
            BinOp.FloorMod when c > 0 => env => FloorModPos(x(env), c),
            _ => null,
        };
    }

    /// <summary>Floor division by a positive constant (the result cannot overflow).</summary>
    private static long FloorDivPos(long a, long c)
    {
        long q = a / c;
        return a % c < 0 ? q - 1 : q;
    }

    private static long FloorModPos(long a, long c)
    {
        long r = a % c;
        return r < 0 ? r + c : r;
    }

    /// <summary>Arithmetic on bools behaves as on 1-bit unsigned values promoted to int, converted back (C's _Bool).</summary>
    private static Func<Env, long> BoolArith(BinOp op, Func<Env, long> x, Func<Env, long> y, Expr what)
    {
        var r = IntOp<W64>(op, false, x, y, what);
        return env => r(env) != 0 ? 1 : 0;
    }

    private Func<Env, double> FloatArith(Binary b, int lane)
    {
        var t = b.Dtype.Element;
        if (b.Op.YieldsBool()) throw new InterpreterException($"internal: comparison compiled as float: {ExprText.Of(b)}");
        var x = FAs(b.A, lane, t);
        var y = FAs(b.B, lane, t);
        return t.Bits switch
        {
            32 => FloatOp<RF32>(b.Op, x, y),
            16 => FloatOp<RF16>(b.Op, x, y),
            _ => FloatOp<RF64>(b.Op, x, y),
        };
    }

    private static Func<Env, double> FloatOp<R>(BinOp op, Func<Env, double> x, Func<Env, double> y) where R : struct, IRound => op switch
    {
        BinOp.Add => env => R.R(x(env) + y(env)),
        BinOp.Sub => env => R.R(x(env) - y(env)),
        BinOp.Mul => env => R.R(x(env) * y(env)),
        BinOp.Div => env => R.R(x(env) / y(env)),
        BinOp.Mod => env => R.R(x(env) % y(env)), // C's fmod
        BinOp.FloorDiv => env => R.R(Math.Floor(R.R(x(env) / y(env)))),
        BinOp.FloorMod => env =>
        {
            double a = x(env), d = y(env);
            return R.R(a - R.R(Math.Floor(R.R(a / d)) * d));
        },
        BinOp.Min => env => Math.Min(x(env), y(env)),
        BinOp.Max => env => Math.Max(x(env), y(env)),
        _ => throw new InterpreterException($"operator {op} is not arithmetic on floats"),
    };

    /// <summary>Comparisons (on the operands' type) and logic; And/Or short-circuit like the C code generator's && and ||.</summary>
    private Func<Env, long> Predicate(Binary b, int lane)
    {
        if (b.Op.IsLogical())
        {
            var p = Cond(b.A, lane);
            var q = Cond(b.B, lane);
            return b.Op == BinOp.And
                ? env => p(env) != 0 && q(env) != 0 ? 1 : 0
                : env => p(env) != 0 || q(env) != 0 ? 1 : 0;
        }
        var ta = b.A.Dtype.Element;
        var tb = b.B.Dtype.Element;
        if (ta.IsFloat || tb.IsFloat)
        {
            var t = ta.IsFloat && tb.IsFloat ? (ta.Bits >= tb.Bits ? ta : tb) : ta.IsFloat ? ta : tb;
            var x = FAs(b.A, lane, t);
            var y = FAs(b.B, lane, t);
            return b.Op switch
            {
                BinOp.EQ => env => x(env) == y(env) ? 1 : 0,
                BinOp.NE => env => x(env) != y(env) ? 1 : 0,
                BinOp.LT => env => x(env) < y(env) ? 1 : 0,
                BinOp.LE => env => x(env) <= y(env) ? 1 : 0,
                BinOp.GT => env => x(env) > y(env) ? 1 : 0,
                _ => env => x(env) >= y(env) ? 1 : 0,
            };
        }
        var xi = I(b.A, lane);
        var yi = I(b.B, lane);
        if (Values.IsU64(ta) || Values.IsU64(tb))
        {
            return b.Op switch
            {
                BinOp.EQ => env => xi(env) == yi(env) ? 1 : 0,
                BinOp.NE => env => xi(env) != yi(env) ? 1 : 0,
                BinOp.LT => env => (ulong)xi(env) < (ulong)yi(env) ? 1 : 0,
                BinOp.LE => env => (ulong)xi(env) <= (ulong)yi(env) ? 1 : 0,
                BinOp.GT => env => (ulong)xi(env) > (ulong)yi(env) ? 1 : 0,
                _ => env => (ulong)xi(env) >= (ulong)yi(env) ? 1 : 0,
            };
        }
        return b.Op switch
        {
            BinOp.EQ => env => xi(env) == yi(env) ? 1 : 0,
            BinOp.NE => env => xi(env) != yi(env) ? 1 : 0,
            BinOp.LT => env => xi(env) < yi(env) ? 1 : 0,
            BinOp.LE => env => xi(env) <= yi(env) ? 1 : 0,
            BinOp.GT => env => xi(env) > yi(env) ? 1 : 0,
            _ => env => xi(env) >= yi(env) ? 1 : 0,
        };
    }
}
