using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace Tuner.Actors.Database;

/// <summary>
/// The JSON writer of the work_dir files (design §6): no spaces, object keys sorted, floating-point numbers with
/// 20 significant digits (C's %.20g), integers as integers. Reading is plain System.Text.Json.
/// </summary>
public static class TvmJson
{
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++) { if (i > 0) sb.Append(','); Write(sb, a[i]); }
                sb.Append(']');
                break;
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var kv in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(System.Text.Json.JsonSerializer.Serialize(kv.Key)).Append(':');
                    Write(sb, kv.Value);
                }
                sb.Append('}');
                break;
            case JsonValue v:
                if (v.TryGetValue<double>(out var d) && !v.TryGetValue<long>(out _) && !v.TryGetValue<int>(out _)) sb.Append(FormatDouble(d));
                else sb.Append(v.ToJsonString());
                break;
        }
    }

    /// <summary>C's printf("%.20g", d): exact decimal expansion rounded to 20 significant digits, trailing zeros dropped.</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) throw new ArgumentException("JSON has no NaN or infinity");
        if (d == 0) return BitConverter.DoubleToInt64Bits(d) < 0 ? "-0" : "0";
        const int digits = 20;
        bool neg = d < 0;
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(d));
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp = 1; else mant |= 1L << 52;
        exp -= 1075; // value = mant * 2^exp
        // Exact value as num / den.
        BigInteger num = mant, den = BigInteger.One;
        if (exp > 0) num <<= exp; else den <<= -exp;
        // Decimal exponent e10 with 10^e10 <= value < 10^(e10+1).
        int e10 = (int)Math.Floor(Math.Log10(Math.Abs(d)));
        if (Pow10Cmp(num, den, e10) < 0) e10--;
        else if (Pow10Cmp(num, den, e10 + 1) >= 0) e10++;
        // Scaled = round(value * 10^(digits-1-e10)).
        int shift = digits - 1 - e10;
        BigInteger sn = num, sd = den;
        if (shift >= 0) sn *= BigInteger.Pow(10, shift); else sd *= BigInteger.Pow(10, -shift);
        var q = BigInteger.DivRem(sn, sd, out var rem);
        var twice = rem * 2;
        if (twice > sd || (twice == sd && !q.IsEven)) q += 1;
        var s = q.ToString(CultureInfo.InvariantCulture);
        if (s.Length > digits) { s = s[..digits]; e10++; } // rounding carried into a new digit
        string result;
        if (e10 < -4 || e10 >= digits)
        {
            var m = s.TrimEnd('0');
            result = (m.Length > 1 ? m[0] + "." + m[1..] : m) + "e" + (e10 < 0 ? "-" : "+") + Math.Abs(e10).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (e10 >= 0)
        {
            var intPart = s[..(e10 + 1)];
            var frac = s[(e10 + 1)..].TrimEnd('0');
            result = frac.Length > 0 ? intPart + "." + frac : intPart;
        }
        else
        {
            result = ("0." + new string('0', -e10 - 1) + s).TrimEnd('0');
        }
        return neg ? "-" + result : result;
    }

    private static int Pow10Cmp(BigInteger num, BigInteger den, int e)
    {
        // Compare num/den with 10^e.
        return e >= 0 ? num.CompareTo(den * BigInteger.Pow(10, e)) : (num * BigInteger.Pow(10, -e)).CompareTo(den);
    }
}
