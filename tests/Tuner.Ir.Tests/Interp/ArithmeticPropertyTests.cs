using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>
/// Every integer operator on every integer width against C#'s own arithmetic on random operands:
/// wrap via unchecked casts, floor operations via Math.Floor on doubles (exact for these magnitudes).
/// </summary>
public class ArithmeticPropertyTests
{
    private static readonly BinOp[] Ops = [BinOp.Add, BinOp.Sub, BinOp.Mul, BinOp.Div, BinOp.Mod, BinOp.FloorDiv, BinOp.FloorMod, BinOp.Min, BinOp.Max];

    /*
    @T.prim_func
    def ops(X: T.Buffer((n,), t), Y: T.Buffer((n,), t), O: T.Buffer((9, n), t)):
        for i in range(n):
            O[0, i] = X[i] + Y[i]; O[1, i] = X[i] - Y[i]; O[2, i] = X[i] * Y[i]
            O[3, i] = T.truncdiv(X[i], Y[i]); O[4, i] = T.truncmod(X[i], Y[i]); O[5, i] = X[i] // Y[i]; O[6, i] = X[i] % Y[i]
            O[7, i] = T.min(X[i], Y[i]); O[8, i] = T.max(X[i], Y[i])
    */
    [Theory]
    [InlineData("int8")]
    [InlineData("int16")]
    [InlineData("int32")]
    [InlineData("uint8")]
    [InlineData("uint16")]
    [InlineData("uint32")]
    public void Integer_operators_match_csharp_arithmetic_on_random_operands(string dtype)
    {
        var t = DataType.Parse(dtype);
        const int n = 300;
        var (x, y, o) = (Buf("X", t, n), Buf("Y", t, n), Buf("O", t, Ops.Length, n));
        var i = V("i");
        var stores = Ops.Select((op, k) => St(o, Bin(op, Ld(x, i), Ld(y, i)), C(k), i)).ToArray();
        var func = RawFunc([x, y, o], Loop(i, n, Seq(stores)));

        var rng = new Random(dtype.GetHashCode() & 0xFFFF);
        var (xa, ya, oa) = (new NDArray(t, [n]), new NDArray(t, [n]), new NDArray(t, [Ops.Length, n]));
        long lo = t.IsUInt ? 0 : -(1L << (t.Bits - 1)), hi = t.IsUInt ? (1L << t.Bits) - 1 : (1L << (t.Bits - 1)) - 1;
        for (int q = 0; q < n; q++)
        {
            xa.SetLong(q, rng.NextInt64(lo, hi + 1));
            long d;
            do d = q % 3 == 0 ? rng.NextInt64(-9, 10) : rng.NextInt64(lo, hi + 1); while (d == 0 || d < lo);
            ya.SetLong(q, d);
        }
        Interpreter.Run(func, [xa, ya, oa]);

        for (int q = 0; q < n; q++)
        {
            long a = xa.GetLong(q), b = ya.GetLong(q);
            long[] expected =
            [
                Wrap(t, a + b), Wrap(t, a - b), Wrap(t, a * b),
                Wrap(t, a / b), Wrap(t, a % b),
                Wrap(t, (long)Math.Floor((double)a / b)), Wrap(t, a - (long)Math.Floor((double)a / b) * b),
                Math.Min(a, b), Math.Max(a, b),
            ];
            for (int k = 0; k < Ops.Length; k++)
                Assert.True(expected[k] == oa.GetLong(k * n + q), $"{dtype} {Ops[k]}({a}, {b}): expected {expected[k]}, got {oa.GetLong(k * n + q)}");
        }
    }

    private static long Wrap(DataType t, long v) => (t.Code, t.Bits) switch
    {
        (TypeCode.Int, 8) => unchecked((sbyte)v),
        (TypeCode.Int, 16) => unchecked((short)v),
        (TypeCode.Int, 32) => unchecked((int)v),
        (TypeCode.UInt, 8) => unchecked((byte)v),
        (TypeCode.UInt, 16) => unchecked((ushort)v),
        _ => unchecked((uint)v),
    };
}
