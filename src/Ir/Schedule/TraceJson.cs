using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's trace JSON (design §6): <c>[[[kind, inputs, attrs, outputs], ...], [[inst_index, decision], ...]]</c>.
/// Outputs are named from one counter over all RVs named so far, prefixed by type (b0, l1, v2). Inputs: RV names,
/// "None", strings wrapped in quotes ("\"SSRSRS\""), numbers, nested arrays. Attrs are written raw.
/// No spaces; floats with 20 significant digits (C's %.20g), integers as integers.
/// </summary>
public static class TraceJson
{
    public static string Write(Trace trace, bool removePostproc = false)
    {
        var names = new Dictionary<RandomVariable, string>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder("[[");
        var decisions = new List<(int Index, object Decision)>();
        int i = 0;
        foreach (var inst in trace.Instructions)
        {
            if (removePostproc && inst.Kind.IsPostproc) break;
            if (i > 0) sb.Append(',');
            sb.Append('[');
            WriteString(sb, inst.Kind.Name);
            sb.Append(',');
            WriteInputs(sb, inst.Inputs, names);
            sb.Append(',');
            WriteRaw(sb, inst.Attrs);
            sb.Append(",[");
            for (int k = 0; k < inst.Outputs.Count; k++)
            {
                var rv = inst.Outputs[k];
                if (names.ContainsKey(rv)) throw new InvalidOperationException("a random variable is produced twice in the trace");
                var name = $"{rv.Prefix}{names.Count}";
                names[rv] = name;
                if (k > 0) sb.Append(',');
                WriteString(sb, name);
            }
            sb.Append("]]");
            if (trace.GetDecision(inst) is { } d) decisions.Add((i, d));
            i++;
        }
        sb.Append("],[");
        for (int k = 0; k < decisions.Count; k++)
        {
            if (k > 0) sb.Append(',');
            sb.Append('[').Append(decisions[k].Index).Append(',');
            WriteRaw(sb, decisions[k].Decision);
            sb.Append(']');
        }
        sb.Append("]]");
        return sb.ToString();
    }

    private static void WriteInputs(StringBuilder sb, IReadOnlyList<object?> inputs, Dictionary<RandomVariable, string> names)
    {
        sb.Append('[');
        for (int k = 0; k < inputs.Count; k++)
        {
            if (k > 0) sb.Append(',');
            switch (inputs[k])
            {
                case null: WriteString(sb, "None"); break;
                case RandomVariable rv:
                    WriteString(sb, names.TryGetValue(rv, out var n) ? n : throw new InvalidOperationException("an input random variable is not produced by an earlier instruction"));
                    break;
                case string s: WriteString(sb, "\"" + s + "\""); break;
                case IndexMap m: WriteString(sb, IndexMapJson.Save(m)); break;
                case IReadOnlyList<object?> list: WriteInputs(sb, list, names); break;
                default: WriteRaw(sb, inputs[k]); break;
            }
        }
        sb.Append(']');
    }

    /// <summary>Writes a raw JSON value: null, bool (as 1/0, as TVM's Bool IntImm), integers, floats, strings, lists.</summary>
    public static void WriteRaw(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? '1' : '0'); break;
            case long or int: sb.Append(Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(FormatDouble(d)); break;
            case string s: WriteString(sb, s); break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool first = true;
                foreach (var x in list)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteRaw(sb, x);
                }
                sb.Append(']');
                break;
            default: throw new InvalidOperationException($"cannot write {v.GetType().Name} to trace JSON");
        }
    }

    /// <summary>C's printf("%.20g"): 20 significant digits, trailing zeros removed, exponent form outside [1e-5, 1e20).</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return double.IsNegative(d) ? "-0" : "0";
        var e = d.ToString("E19", CultureInfo.InvariantCulture); // d.ddddE+xxx
        int ePos = e.IndexOf('E');
        int exp = int.Parse(e.AsSpan(ePos + 1), CultureInfo.InvariantCulture);
        string mant = e[..ePos];
        bool neg = mant.StartsWith('-');
        string digits = mant.Replace("-", "").Replace(".", "");
        string sign = neg ? "-" : "";
        if (exp < -4 || exp >= 20)
        {
            string m = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "");
            if (m.Contains('.')) m = m.TrimEnd('0').TrimEnd('.');
            return $"{sign}{m}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
        }
        string s;
        if (exp >= 0)
            s = digits.Length > exp + 1 ? digits[..(exp + 1)] + "." + digits[(exp + 1)..] : digits.PadRight(exp + 1, '0');
        else
            s = "0." + new string('0', -exp - 1) + digits;
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return sign + s;
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append($"\\u{(int)c:x4}"); else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Parses trace JSON into a <see cref="Trace"/> with fresh RVs. Malformed input raises <see cref="FormatException"/>.</summary>
    public static Trace Read(string json)
    {
        object? root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = ToObject(doc.RootElement);
        }
        catch (JsonException e) { throw new FormatException($"trace JSON is not valid JSON: {e.Message}", e); }
        if (root is not IReadOnlyList<object?> { Count: 2 } top || top[0] is not IReadOnlyList<object?> jsonInsts || top[1] is not IReadOnlyList<object?> jsonDecisions)
            throw new FormatException("a trace must be a JSON array of two arrays: instructions and decisions");

        var decisions = new Dictionary<int, object>();
        foreach (var entry in jsonDecisions)
        {
            if (entry is not IReadOnlyList<object?> { Count: 2 } pair || pair[0] is not long index || index < 0 || index >= jsonInsts.Count || pair[1] is null)
                throw new FormatException($"each decision must be [inst_index, decision] with a valid index, got {Describe(entry)}");
            decisions[(int)index] = ToDecision(pair[1]!);
        }

        var named = new Dictionary<string, RandomVariable>();
        var trace = new Trace();
        for (int i = 0; i < jsonInsts.Count; i++)
        {
            if (jsonInsts[i] is not IReadOnlyList<object?> { Count: 4 } e || e[0] is not string kindName
                || e[1] is not IReadOnlyList<object?> inputs || e[2] is not IReadOnlyList<object?> attrs || e[3] is not IReadOnlyList<object?> outputs)
                throw new FormatException($"instruction {i}: expected [kind, inputs, attrs, outputs], got {Describe(jsonInsts[i])}");
            var kind = InstructionKinds.TryGet(kindName) ?? throw new FormatException($"instruction {i}: unknown instruction kind '{kindName}'");
            var translated = TranslateInputs(inputs, named, i);
            var outs = new List<RandomVariable>();
            foreach (var o in outputs)
            {
                if (o is not string name || name.Length < 2) throw new FormatException($"instruction {i}: output names must be strings like b0/l1/v2, got {Describe(o)}");
                RandomVariable rv = name[0] switch
                {
                    'b' => new BlockRV(),
                    'l' => new LoopRV(),
                    'v' => new ExprRV(),
                    _ => throw new FormatException($"instruction {i}: output '{name}' has no b/l/v prefix"),
                };
                named[name] = rv;
                outs.Add(rv);
            }
            trace.Append(new Instruction(kind, translated, attrs, outs), decisions.GetValueOrDefault(i));
        }
        return trace;
    }

    private static List<object?> TranslateInputs(IReadOnlyList<object?> inputs, Dictionary<string, RandomVariable> named, int index)
    {
        var r = new List<object?>(inputs.Count);
        foreach (var x in inputs)
        {
            r.Add(x switch
            {
                "None" => null,
                string s when s.Length >= 2 && s[0] == '"' && s[^1] == '"' => s[1..^1],
                string s when IndexMapJson.IsSavedObject(s) => LoadIndexMap(s, index),
                string s => named.TryGetValue(s, out var rv) ? rv : throw new FormatException($"instruction {index}: random variable '{s}' is not defined"),
                IReadOnlyList<object?> list => TranslateInputs(list, named, index),
                _ => x,
            });
        }
        return r;
    }

    private static IndexMap LoadIndexMap(string json, int index)
    {
        try { return IndexMapJson.Load(json); }
        catch (System.Text.Json.JsonException e) { throw new FormatException($"instruction {index}: the index map is not valid JSON: {e.Message}"); }
        catch (FormatException e) { throw new FormatException($"instruction {index}: {e.Message}"); }
    }

    private static object ToDecision(object d) => d switch
    {
        long l => l,
        IReadOnlyList<object?> list => list.Select(x => x is long l ? l : throw new FormatException($"decision lists hold integers, got {Describe(x)}")).ToArray(),
        double f when f == Math.Floor(f) => (long)f,
        _ => throw new FormatException($"unsupported decision {Describe(d)}"),
    };

    private static object? ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => IsIntegerLiteral(e.GetRawText()) && e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        JsonValueKind.Null => null,
        _ => throw new FormatException($"unsupported JSON value {e.GetRawText()}"),
    };

    private static bool IsIntegerLiteral(string raw) => raw.IndexOfAny(['.', 'e', 'E']) < 0;

    private static string Describe(object? o)
    {
        var sb = new StringBuilder();
        try { WriteRaw(sb, o); } catch (InvalidOperationException) { return Args.Describe(o); }
        return sb.ToString();
    }
}
