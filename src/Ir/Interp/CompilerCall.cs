using System.Numerics;

namespace Tuner.Ir.Interp;

/// <summary>Intrinsic calls (<see cref="Intrinsics"/>): float math, bit operations, reinterpret, lazy if_then_else.</summary>
internal sealed partial class Compiler
{
    private static string OpName(Call c) => c.Op.StartsWith("tir.", StringComparison.Ordinal) ? c.Op[4..] : c.Op;

    private void CheckArity(Call c, string op)
    {
        if (!Intrinsics.Arity.TryGetValue(op, out int n))
            throw new InterpreterException($"unknown intrinsic '{c.Op}' in {ExprText.Of(c)}");
        if (n >= 0 && c.Args.Count != n)
            throw new InterpreterException($"intrinsic {op} takes {n} arguments, got {c.Args.Count}: {ExprText.Of(c)}");
    }

    private Func<Env, double> CallF(Call c, int lane)
    {
        string op = OpName(c);
        CheckArity(c, op);
        var t = c.Dtype.Element;
        var a = c.Args;
        switch (op)
        {
            case "if_then_else":
                {
                    var cond = Cond(a[0], lane);
                    var x = FAs(a[1], lane, t);
                    var y = FAs(a[2], lane, t);
                    return env => cond(env) != 0 ? x(env) : y(env); // lazy: the untaken branch may be out of bounds
                }
            case "reinterpret":
                {
                    var from = a[0].Dtype.Element;
                    if (from.Bits != t.Bits) throw new InterpreterException($"reinterpret between types of different widths {from} -> {t}: {ExprText.Of(c)}");
                    if (from.IsFloat) return F(a[0], lane);
                    var x = I(a[0], lane);
                    return t.Bits switch
                    {
                        32 => env => BitConverter.Int32BitsToSingle((int)x(env)),
                        64 => env => BitConverter.Int64BitsToDouble(x(env)),
                        _ => env => (double)BitConverter.Int16BitsToHalf((short)x(env)),
                    };
                }
        }
        if (MathIntrinsics.Unary.TryGetValue(op, out var f1))
        {
            var x = FAs(a[0], lane, t);
            return t.Bits switch
            {
                32 => env => f1(x(env), MathIntrinsics.R32),
                16 => env => f1(x(env), MathIntrinsics.R16),
                _ => env => f1(x(env), MathIntrinsics.R64),
            };
        }
        if (MathIntrinsics.Binary.TryGetValue(op, out var f2))
        {
            var x = FAs(a[0], lane, t);
            var y = FAs(a[1], lane, t);
            return t.Bits switch
            {
                32 => env => (float)f2(x(env), y(env)),
                16 => env => (double)(Half)f2(x(env), y(env)),
                _ => env => f2(x(env), y(env)),
            };
        }
        throw new InterpreterException($"intrinsic {op} does not yield {t}: {ExprText.Of(c)}");
    }

    private Func<Env, long> CallI(Call c, int lane)
    {
        string op = OpName(c);
        // T.likely(cond) is a branch hint that lowering (loop partitioning) produces; its value is the condition.
        if (op == "likely" && c.Args.Count == 1) return Cond(c.Args[0], lane);
        CheckArity(c, op);
        var t = c.Dtype.Element;
        var a = c.Args;
        switch (op)
        {
            case "if_then_else":
                {
                    var cond = Cond(a[0], lane);
                    var x = IAs(a[1], lane, t);
                    var y = IAs(a[2], lane, t);
                    return env => cond(env) != 0 ? x(env) : y(env);
                }
            case "isnan" or "isinf" or "isfinite":
                {
                    if (!a[0].Dtype.IsFloat)
                        return op == "isfinite" ? _ => 1 : _ => 0;
                    var x = F(a[0], lane);
                    return op switch
                    {
                        "isnan" => env => double.IsNaN(x(env)) ? 1 : 0,
                        "isinf" => env => double.IsInfinity(x(env)) ? 1 : 0,
                        _ => env => double.IsFinite(x(env)) ? 1 : 0,
                    };
                }
            case "reinterpret":
                {
                    var from = a[0].Dtype.Element;
                    if (from.Bits != t.Bits) throw new InterpreterException($"reinterpret between types of different widths {from} -> {t}: {ExprText.Of(c)}");
                    if (!from.IsFloat)
                    {
                        var xi = I(a[0], lane);
                        return env => Values.Wrap(t, xi(env));
                    }
                    var x = F(a[0], lane);
                    return from.Bits switch
                    {
                        32 => env => Values.Wrap(t, BitConverter.SingleToInt32Bits((float)x(env))),
                        64 => env => BitConverter.DoubleToInt64Bits(x(env)),
                        _ => env => Values.Wrap(t, BitConverter.HalfToInt16Bits((Half)x(env))),
                    };
                }
        }
        if (t.IsBool) throw new InterpreterException($"intrinsic {op} does not yield bool: {ExprText.Of(c)}");
        bool u64 = Values.IsU64(t);
        int bits = t.Bits;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        switch (op)
        {
            case "shift_left":
                {
                    var x = IAs(a[0], lane, t);
                    var y = I(a[1], lane);
                    return env => Values.Wrap(t, x(env) << (int)y(env));
                }
            case "shift_right":
                {
                    var x = IAs(a[0], lane, t);
                    var y = I(a[1], lane);
                    // Narrower unsigned values are zero-extended, so the arithmetic shift of long is logical for them.
                    return u64 ? env => (long)((ulong)x(env) >> (int)y(env)) : env => x(env) >> (int)y(env);
                }
            case "bitwise_and" or "bitwise_or" or "bitwise_xor":
                {
                    var x = IAs(a[0], lane, t);
                    var y = IAs(a[1], lane, t);
                    return op switch
                    {
                        "bitwise_and" => env => x(env) & y(env),
                        "bitwise_or" => env => x(env) | y(env),
                        _ => env => x(env) ^ y(env),
                    };
                }
            case "bitwise_not":
                {
                    var x = IAs(a[0], lane, t);
                    return env => Values.Wrap(t, ~x(env));
                }
            case "popcount":
                {
                    var x = IAs(a[0], lane, t);
                    return env => BitOperations.PopCount((ulong)x(env) & mask);
                }
            case "clz":
                {
                    var x = IAs(a[0], lane, t);
                    return env => BitOperations.LeadingZeroCount((ulong)x(env) & mask) - (64 - bits);
                }
            case "fabs":
                {
                    var x = IAs(a[0], lane, t);
                    return t.IsUInt ? x : env => { long v = x(env); return Values.Wrap(t, v < 0 ? -v : v); };
                }
        }
        throw new InterpreterException($"intrinsic {op} does not yield {t}: {ExprText.Of(c)}");
    }
}
