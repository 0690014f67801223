using System.Globalization;
using System.Text;

namespace Tuner.Ir.Script;

/// <summary>Python literal spellings: repr() of floats (shortest round-trip digits) and double-quoted strings.</summary>
internal static class PyFormat
{
    public static string Float(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        string sign = d < 0 ? "-" : "";
        string r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        int exp = 0;
        int ei = r.IndexOfAny(['E', 'e']);
        if (ei >= 0) { exp = int.Parse(r[(ei + 1)..], CultureInfo.InvariantCulture); r = r[..ei]; }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot];
        string digits = intPart + (dot < 0 ? "" : r[(dot + 1)..]);
        int point = intPart.Length + exp; // value = 0.digits * 10^point
        int lz = 0;
        while (lz < digits.Length - 1 && digits[lz] == '0') lz++;
        digits = digits[lz..];
        point -= lz;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int sci = point - 1;
        if (sci < -4 || sci >= 16)
        {
            string mant = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mant}e{(sci < 0 ? "-" : "+")}{Math.Abs(sci):00}";
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
        return sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>
    /// A double as TVM's C++ printer writes it (17 significant digits, as printf's %.17g: 1e-05 prints
    /// 1.0000000000000001e-05), with ".0" added when the digits alone would read as an integer.
    /// </summary>
    public static string TvmFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        var s = d.ToString("G17", CultureInfo.InvariantCulture).Replace("E", "e");
        return s.Contains('.') || s.Contains('e') ? s : s + ".0";
    }

    public static string Str(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
