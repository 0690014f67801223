namespace Tuner.Ir.Lowering;

/// <summary>Exact integer evaluation with the wrap-around of the type's width (C semantics for the fixed-width types).</summary>
internal static class IntFold
{
    /// <summary>Value of <c>a op b</c>, or null when undefined (division by zero) or not an integer op.</summary>
    public static long? TryEval(BinOp op, DataType t, long a, long b)
    {
        bool u = t.IsUInt && t.Bits == 64;
        long? r = op switch
        {
            BinOp.Add => a + b,
            BinOp.Sub => a - b,
            BinOp.Mul => a * b,
            BinOp.Div when b != 0 => u ? (long)((ulong)a / (ulong)b) : a / b,
            BinOp.Mod when b != 0 => u ? (long)((ulong)a % (ulong)b) : a % b,
            BinOp.FloorDiv when b != 0 => u ? (long)((ulong)a / (ulong)b) : FloorDiv(a, b),
            BinOp.FloorMod when b != 0 => u ? (long)((ulong)a % (ulong)b) : a - FloorDiv(a, b) * b,
            BinOp.Min => u ? ((ulong)a < (ulong)b ? a : b) : Math.Min(a, b),
            BinOp.Max => u ? ((ulong)a > (ulong)b ? a : b) : Math.Max(a, b),
            BinOp.EQ => a == b ? 1 : 0,
            BinOp.NE => a != b ? 1 : 0,
            BinOp.LT => (u ? (ulong)a < (ulong)b : a < b) ? 1 : 0,
            BinOp.LE => (u ? (ulong)a <= (ulong)b : a <= b) ? 1 : 0,
            BinOp.GT => (u ? (ulong)a > (ulong)b : a > b) ? 1 : 0,
            BinOp.GE => (u ? (ulong)a >= (ulong)b : a >= b) ? 1 : 0,
            BinOp.And => (a != 0 && b != 0) ? 1 : 0,
            BinOp.Or => (a != 0 || b != 0) ? 1 : 0,
            _ => null,
        };
        return r is { } v && !op.YieldsBool() ? Wrap(t, v) : r;
    }

    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Truncates to the type's width: sign-extends signed types, zero-extends unsigned ones.</summary>
    public static long Wrap(DataType t, long v) => (t.Code, t.Bits) switch
    {
        (TypeCode.Bool, _) => v != 0 ? 1 : 0,
        (TypeCode.Int, 8) => (sbyte)v,
        (TypeCode.Int, 16) => (short)v,
        (TypeCode.Int, 32) => (int)v,
        (TypeCode.UInt, 8) => (byte)v,
        (TypeCode.UInt, 16) => (ushort)v,
        (TypeCode.UInt, 32) => (uint)v,
        _ => v,
    };
}
