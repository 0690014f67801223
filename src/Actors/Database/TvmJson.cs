using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuner.Actors.Database;

/// <summary>
/// The JSON writer of the work_dir files (design §6): no spaces, object keys sorted, floating-point numbers with
/// 20 significant digits (C's %.20g), integers as integers. Reading is plain System.Text.Json.
/// </summary>
public static class TvmJson
{
    /// <remarks>
    /// Written from the node's JSON text through a JsonDocument, not by walking the node: a node read from a file
    /// materializes a child object per value on its first walk, which made canonical keys of a 10 000-record log take
    /// seconds. Same output as walking it (TvmJsonTests keeps the node walker as the reference).
    /// </remarks>
    public static string Write(JsonNode? node) => node is null ? "null" : Canonical(node.ToJsonString());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> Keys = new();

    /// <summary>
    /// <see cref="Write(JsonNode?)"/> of a node that is not changed afterwards (a record's trace), computed once per
    /// instance: resuming a long session compares thousands of traces in the record-log check and again in each task.
    /// </summary>
    public static string Key(JsonNode node) => Keys.GetValue(node, n => Write((JsonNode)n));

    /// <summary><see cref="Canonical"/> of a text, computed once per string instance (a journaled trace).</summary>
    public static string Key(string json) => Keys.GetValue(json, j => Canonical((string)j));

    /// <summary>The canonical form of JSON text (a trace as the journal holds it), without building a JsonNode.</summary>
    public static string Canonical(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var sb = new StringBuilder(json.Length);
        Write(sb, doc.RootElement);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                sb.Append('[');
                bool next = false;
                foreach (var x in e.EnumerateArray()) { if (next) sb.Append(','); next = true; Write(sb, x); }
                sb.Append(']');
                break;
            case JsonValueKind.Object:
                sb.Append('{');
                bool first = true;
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    AppendString(sb, p.Name);
                    sb.Append(':');
                    Write(sb, p.Value);
                }
                sb.Append('}');
                break;
            case JsonValueKind.String: AppendString(sb, e.GetString()!); break;
            // An integer as written ("-0" stays); any other number as C's %.20g.
            case JsonValueKind.Number when e.TryGetInt64(out _): sb.Append(e.GetRawText()); break;
            case JsonValueKind.Number when e.TryGetDouble(out var d) && double.IsFinite(d): sb.Append(FormatDouble(d)); break;
            default: sb.Append(e.GetRawText()); break;
        }
    }

    /// <summary>A JSON string as System.Text.Json writes it: plain when every char is one its default encoder leaves alone.</summary>
    private static void AppendString(StringBuilder sb, string s)
    {
        foreach (char c in s)
            if (!IsPlain(c)) { sb.Append(System.Text.Json.JsonSerializer.Serialize(s)); return; }
        sb.Append('"').Append(s).Append('"');
    }

    /// <summary>Chars the default encoder never escapes (checked against it in TvmJsonTests).</summary>
    internal static bool IsPlain(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.' or ' ' or ':' or ',' or '(' or ')' or '[' or ']' or '/' or '*' or '=';

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
