using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tuner.Actors.Database;

namespace Tuner.Actors.Tests.Database;

/// <summary>
/// TvmJson writes from a JsonDocument with fast paths (strings written as they are, integers as their text) and must give
/// exactly what walking the JsonNode with System.Text.Json's writer gave: the work_dir files and every canonical trace
/// key depend on it.
/// </summary>
public sealed class TvmJsonTests
{
    [Fact]
    public void Every_char_taken_as_plain_is_one_the_default_encoder_leaves_alone()
    {
        int plain = 0;
        for (char c = '\0'; c < 0x80; c++)
        {
            if (!TvmJson.IsPlain(c)) continue;
            plain++;
            Assert.Equal("\"" + c + "\"", JsonSerializer.Serialize(c.ToString()));
        }
        Assert.True(plain > 60, "the fast path covers too few chars to matter");
    }

    [Fact]
    public void Trees_of_every_value_kind_are_written_as_the_reference_writer_writes_them()
    {
        var rng = new Random(11);
        string[] strings = ["SamplePerfectTile", "b0", "", "a<b", "tab\tnew\nline", "é", "quote\"back\\slash", "x+y&z'", "l0 = (1, 2)", "emoji \U0001F600"];
        for (int n = 0; n < 300; n++)
        {
            var tree = new JsonArray(Random(rng, strings, depth: 0), Random(rng, strings, depth: 0));
            var text = tree.ToJsonString();
            Assert.Equal(Reference(tree), TvmJson.Write(tree));
            var parsed = JsonNode.Parse(text); // the record log's case: values backed by JsonElement
            Assert.Equal(Reference(parsed), TvmJson.Write(parsed));
            Assert.Equal(Reference(parsed), TvmJson.Canonical(text));
        }
    }

    private static JsonNode? Random(Random rng, string[] strings, int depth)
    {
        int kind = rng.Next(depth > 3 ? 7 : 9);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(strings[rng.Next(strings.Length)]),
            2 => JsonValue.Create(rng.Next(-1000, 1000)),
            3 => JsonValue.Create((long)rng.NextInt64(long.MinValue, long.MaxValue)),
            4 => JsonValue.Create(rng.NextDouble() * Math.Pow(10, rng.Next(-8, 8))),
            5 => JsonValue.Create(rng.Next(2) == 0),
            6 => JsonValue.Create(rng.Next(3) switch { 0 => -0.0, 1 => 3.0, _ => 1e21 }),
            7 => new JsonArray(Enumerable.Range(0, rng.Next(5)).Select(_ => Random(rng, strings, depth + 1)).ToArray()),
            _ => new JsonObject(Enumerable.Range(0, rng.Next(5)).Select(i => KeyValuePair.Create(strings[rng.Next(strings.Length)] + i, Random(rng, strings, depth + 1)))),
        };
    }

    /// <summary>The node walker TvmJson used before it wrote from a JsonDocument: a serializer call per key and ToJsonString per value.</summary>
    private static string Reference(JsonNode? node)
    {
        var sb = new StringBuilder();
        void W(JsonNode? n)
        {
            switch (n)
            {
                case null: sb.Append("null"); break;
                case JsonArray a:
                    sb.Append('[');
                    for (int i = 0; i < a.Count; i++) { if (i > 0) sb.Append(','); W(a[i]); }
                    sb.Append(']');
                    break;
                case JsonObject o:
                    sb.Append('{');
                    bool first = true;
                    foreach (var kv in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        sb.Append(JsonSerializer.Serialize(kv.Key)).Append(':');
                        W(kv.Value);
                    }
                    sb.Append('}');
                    break;
                case JsonValue v:
                    if (v.TryGetValue<double>(out var d) && !v.TryGetValue<long>(out _) && !v.TryGetValue<int>(out _)) sb.Append(TvmJson.FormatDouble(d));
                    else sb.Append(v.ToJsonString());
                    break;
            }
        }
        W(node);
        return sb.ToString();
    }
}
