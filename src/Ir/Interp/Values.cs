namespace Tuner.Ir.Interp;

/// <summary>
/// How values of each data type live in the interpreter: integers and bools as <c>long</c> normalised to their
/// width (signed types sign-extended, unsigned zero-extended, uint64 as its bit pattern, bool 0/1), floats as
/// <c>double</c> rounded to their width after every operation (so float32 arithmetic matches C without fast-math).
/// </summary>
internal static class Values
{
    /// <summary>Wraps an integer to the width of <paramref name="t"/> (two's complement, as C).</summary>
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

    /// <summary>Rounds a double to the precision of the float type <paramref name="t"/>.</summary>
    public static double Round(DataType t, double v) => t.Bits switch
    {
        32 => (float)v,
        16 => (double)(Half)v,
        _ => v,
    };

    /// <summary>Integer (or bool) value of type <paramref name="from"/> converted to float type <paramref name="to"/>, rounded once.</summary>
    public static double IntToFloat(DataType from, DataType to, long v)
    {
        bool u64 = from.IsUInt && from.Bits == 64;
        return to.Bits switch
        {
            32 => u64 ? (float)(ulong)v : (float)v,
            16 => u64 ? (double)(Half)(ulong)v : (double)(Half)v,
            _ => u64 ? (double)(ulong)v : v,
        };
    }

    /// <summary>Float converted to an integer type: truncation toward zero, then wrap (C's conversion for in-range values).</summary>
    public static long FloatToInt(DataType to, double v)
    {
        if (to.IsBool) return v != 0 ? 1 : 0;
        if (double.IsNaN(v)) return 0;
        if (to.IsUInt && to.Bits == 64) return v >= 9223372036854775808.0 ? (long)(ulong)v : (long)v;
        return Wrap(to, (long)v);
    }

    /// <summary>Bits of the value as an unsigned 64-bit number (for unsigned division and comparison).</summary>
    public static bool IsU64(DataType t) => t.IsUInt && t.Bits == 64;
}

/// <summary>Wrapping of integer results to a width, chosen once per node so the JIT can inline it into the closure.</summary>
internal interface IWrap { static abstract long W(long v); }
internal struct WI8 : IWrap { public static long W(long v) => (sbyte)v; }
internal struct WI16 : IWrap { public static long W(long v) => (short)v; }
internal struct WI32 : IWrap { public static long W(long v) => (int)v; }
internal struct WU8 : IWrap { public static long W(long v) => (byte)v; }
internal struct WU16 : IWrap { public static long W(long v) => (ushort)v; }
internal struct WU32 : IWrap { public static long W(long v) => (uint)v; }
internal struct W64 : IWrap { public static long W(long v) => v; }
internal struct WBool : IWrap { public static long W(long v) => v != 0 ? 1 : 0; }

/// <summary>Rounding of float results to a width, chosen once per node.</summary>
internal interface IRound { static abstract double R(double v); }
internal struct RF32 : IRound { public static double R(double v) => (float)v; }
internal struct RF16 : IRound { public static double R(double v) => (double)(Half)v; }
internal struct RF64 : IRound { public static double R(double v) => v; }
