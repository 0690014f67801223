using System.Text;
using System.Text.Json;

namespace Tuner.Ir.Targets;

/// <summary>
/// TVM's target config JSON, as stored in tuning records: sorted keys, no spaces, e.g.
/// <c>{"keys":["cpu"],"kind":"llvm","mcpu":"znver3","num-cores":2,"tag":""}</c>. Absent mcpu/mattr are omitted.
/// </summary>
public static class TargetJson
{
    /// <summary>The canonical JSON text of a target (equal targets give equal text).</summary>
    public static string ToJson(this Target t)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (var k in t.Keys) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteString("kind", t.Kind);
            if (!t.Mattr.IsEmpty)
            {
                w.WriteStartArray("mattr");
                foreach (var a in t.Mattr) w.WriteStringValue(a);
                w.WriteEndArray();
            }
            if (t.Mcpu is not null) w.WriteString("mcpu", t.Mcpu);
            // Other attributes in sorted key order with ours (TVM's JSON is sorted): numbers and booleans as such.
            var rest = t.Other.ToDictionary(o => o.Key, o => o.Value);
            void Rest(Func<string, bool> before)
            {
                foreach (var k in rest.Keys.Where(before).Order(StringComparer.Ordinal).ToList())
                {
                    string v = rest[k];
                    if (long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n)) w.WriteNumber(k, n);
                    else if (v is "true" or "false") w.WriteBoolean(k, v == "true");
                    else w.WriteString(k, v);
                    rest.Remove(k);
                }
            }
            Rest(k => string.CompareOrdinal(k, "num-cores") < 0);
            w.WriteNumber("num-cores", t.NumCores);
            Rest(k => string.CompareOrdinal(k, "tag") < 0);
            w.WriteString("tag", t.Tag);
            Rest(_ => true);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Reads the JSON written by <see cref="ToJson"/> (any key order). Unknown keys → <see cref="FormatException"/>.</summary>
    public static Target FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"target JSON must be an object: {json}");
        string? kind = null, mcpu = null, tag = "";
        int? cores = null;
        Seq<string> keys = ["cpu"], mattr = Seq<string>.Empty;
        var other = new List<(string, string)>();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "kind": kind = p.Value.GetString(); break;
                case "keys": keys = Strings(p.Value); break;
                case "mattr": mattr = Strings(p.Value); break;
                case "mcpu": mcpu = p.Value.GetString(); break;
                case "num-cores": cores = p.Value.GetInt32(); break;
                case "tag": tag = p.Value.GetString() ?? ""; break;
                case var k when Target.KeptAttributes.Contains(k):
                    string v = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Number => p.Value.GetRawText(),
                        _ => throw new FormatException($"target JSON: '{k}' must be a string, number or boolean in {json}"),
                    };
                    if (k == "mtriple") Target.CheckTriple(v, json);
                    other.Add((k, v));
                    break;
                default: throw new FormatException($"target JSON: unknown key '{p.Name}' in {json}");
            }
        }
        if (kind is not ("llvm" or "c")) throw new FormatException($"target JSON: kind must be llvm or c in {json}");
        cores ??= Environment.ProcessorCount; // as a target string without -num-cores
        if (cores is not > 0) throw new FormatException($"target JSON: num-cores must be a positive integer in {json}");
        return new Target(kind, keys, cores.Value, mcpu, mattr, tag, other.ToSeq());
    }

    private static Seq<string> Strings(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToSeq()
            : throw new FormatException($"target JSON: expected a list of strings, got {e}");
}
