using System.Globalization;

namespace Tuner.Ir.CodeGen;

/// <summary>C spellings of TIR types and constants (exact: every constant reads back to the same value in C).</summary>
internal static class CTypes
{
    public static string Name(DataType t)
    {
        if (!t.IsScalar)
            throw new NotSupportedException($"vector type {t} is not supported by the C generator; keep vectorized loops as loops");
        return (t.Code, t.Bits) switch
        {
            (TypeCode.Bool, _) => "bool",
            (TypeCode.Int, 8 or 16 or 32 or 64) => $"int{t.Bits}_t",
            (TypeCode.UInt, 8 or 16 or 32 or 64) => $"uint{t.Bits}_t",
            (TypeCode.Float, 16) => "_Float16",
            (TypeCode.Float, 32) => "float",
            (TypeCode.Float, 64) => "double",
            (TypeCode.Handle, _) => "void*",
            _ => throw new NotSupportedException($"type {t} has no C spelling"),
        };
    }

    /// <summary>Short suffix for helper names: i32, u8, f32, b; vectors add the lanes: f32x16.</summary>
    public static string Suffix(DataType t) => t.Code switch
    {
        TypeCode.Int => $"i{t.Bits}",
        TypeCode.UInt => $"u{t.Bits}",
        TypeCode.Float => $"f{t.Bits}",
        TypeCode.Bool => "b",
        _ => throw new NotSupportedException($"no helper for type {t}"),
    } + (t.IsScalar ? "" : $"x{t.Lanes}");

    /// <summary>The GCC vector-extension typedef of a vector type: <c>tnr_f32x16</c> (see <see cref="CPrelude"/>).</summary>
    public static string Vector(DataType t) =>
        !t.IsScalar && (t.IsIntegral || t.IsFloat) ? "tnr_" + Suffix(t) : throw new NotSupportedException($"no C vector type for {t}");

    /// <summary>Lanes of the register a vector of <paramref name="lanes"/> lanes occupies: the next power of two.</summary>
    public static int PhysicalLanes(int lanes) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)lanes);

    public static string Int(DataType t, long v)
    {
        if (t.IsBool) return v != 0 ? "true" : "false";
        if (t == DataType.Int32)
            return v == int.MinValue ? "(-2147483647 - 1)" : v < 0 ? $"({v.ToString(CultureInfo.InvariantCulture)})" : v.ToString(CultureInfo.InvariantCulture);
        if (t.IsFloat) return Float(t, v);
        string lit = t == DataType.Int64 && v == long.MinValue ? "INT64_MIN"
            : t.IsUInt ? ((ulong)v).ToString(CultureInfo.InvariantCulture) + "ULL"
            : v.ToString(CultureInfo.InvariantCulture) + "LL";
        return $"(({Name(t)}){lit})";
    }

    public static string Float(DataType t, double v)
    {
        string cast = t.Bits == 16 ? "(_Float16)" : "";
        if (double.IsNaN(v)) return t.Bits == 32 ? "NAN" : $"({Name(t)})NAN";
        if (double.IsInfinity(v)) return (v < 0 ? "(-" : "(") + (t.Bits == 32 ? "INFINITY" : $"({Name(t)})INFINITY") + ")";
        string s = t.Bits == 32 ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        if (s.IndexOfAny(['.', 'E', 'e']) < 0) s += ".0";
        if (t.Bits == 32 || t.Bits == 16) s += "f";
        s = cast + s;
        return v < 0 || (v == 0 && double.IsNegative(v)) ? $"({s})" : s;
    }
}
