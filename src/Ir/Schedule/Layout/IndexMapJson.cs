using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tuner.Ir.Schedule;

/// <summary>
/// An <see cref="IndexMap"/> in TVM's object-graph JSON (<c>tvm.ir.save_json</c>), the form a TransformLayout
/// instruction's index_map input takes in TVM's trace JSON (a string holding this JSON; TVM's trace reader
/// recognises it by its braces). Nodes: index 0 is the null node, the root an <c>tir.IndexMap</c> whose attrs name
/// <c>Array</c> nodes of <c>tir.Var</c> / expression nodes by index; scalar attrs are strings.
/// Reads the node kinds an index map holds (Var, SizeVar, IntImm, Add, Sub, Mul, Div, Mod, FloorDiv, FloorMod,
/// Min, Max, Cast); anything else is a clear <see cref="FormatException"/>.
/// </summary>
public static class IndexMapJson
{
    private static readonly Dictionary<string, BinOp> Ops = new()
    {
        ["tir.Add"] = BinOp.Add, ["tir.Sub"] = BinOp.Sub, ["tir.Mul"] = BinOp.Mul, ["tir.Div"] = BinOp.Div,
        ["tir.Mod"] = BinOp.Mod, ["tir.FloorDiv"] = BinOp.FloorDiv, ["tir.FloorMod"] = BinOp.FloorMod,
        ["tir.Min"] = BinOp.Min, ["tir.Max"] = BinOp.Max,
    };

    /// <summary>Does this trace-JSON input string hold a saved object (TVM's test: it starts with '{' and ends with '}')?</summary>
    public static bool IsSavedObject(string s) => s.Length >= 2 && s[0] == '{' && s[^1] == '}';

    public static IndexMap Load(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        var built = new Dictionary<int, object>();
        object Node(int i)
        {
            if (built.TryGetValue(i, out var o)) return o;
            if (i <= 0 || i >= nodes.Count) throw new FormatException($"index map JSON: node {i} does not exist");
            var n = nodes[i];
            string key = n.GetProperty("type_key").GetString() ?? "";
            string Attr(string name) => n.GetProperty("attrs").TryGetProperty(name, out var a) ? a.GetString() ?? "" : throw new FormatException($"index map JSON: {key} node {i} has no '{name}'");
            DataType Dtype() => DataType.Parse(Attr("dtype"));
            object r = key switch
            {
                "Array" => n.GetProperty("data").EnumerateArray().Select(d => Node(d.GetInt32())).ToList(),
                "tir.Var" or "tir.SizeVar" => new Var(Attr("name"), Dtype()),
                "IntImm" => new IntImm(Dtype(), long.Parse(Attr("value"), CultureInfo.InvariantCulture)),
                "tir.Cast" => new Cast(Dtype(), (Expr)Node(Ref(Attr("value")))),
                _ when Ops.TryGetValue(key, out var op) => new Binary(op, (Expr)Node(Ref(Attr("a"))), (Expr)Node(Ref(Attr("b")))),
                "tir.IndexMap" => new IndexMap(
                    ((List<object>)Node(Ref(Attr("initial_indices")))).Cast<Var>().ToSeq(),
                    ((List<object>)Node(Ref(Attr("final_indices")))).Cast<Expr>().ToSeq()),
                _ => throw new FormatException($"index map JSON: unsupported node type '{key}'"),
            };
            return built[i] = r;
        }
        return Node(doc.RootElement.GetProperty("root").GetInt32()) as IndexMap
               ?? throw new FormatException("index map JSON: the root is not a tir.IndexMap");
    }

    private static int Ref(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i
        : throw new FormatException($"index map JSON: '{s}' is not a node reference");

    /// <summary>TVM's save_json of the map (version 0.18.0 in its attrs), each variable and constant one node.</summary>
    public static string Save(IndexMap map)
    {
        var nodes = new List<string> { "{\"type_key\": \"\"}" };
        var varIds = new Dictionary<Var, int>(ReferenceEqualityComparer.Instance);
        int Add(string node) { nodes.Add(node); return nodes.Count - 1; }
        string Attrs(params (string K, string V)[] kv) =>
            "{" + string.Join(", ", kv.OrderBy(p => p.K, StringComparer.Ordinal).Select(p => $"\"{p.K}\": \"{p.V}\"")) + "}";
        int Type(DataType t) => Add($"{{\"type_key\": \"PrimType\", \"attrs\": {Attrs(("dtype", t.ToString()), ("span", "0"))}}}");
        int VarNode(Var v)
        {
            if (varIds.TryGetValue(v, out var id)) return id;
            int slot = Add("");
            int ty = Type(v.Type);
            nodes[slot] = $"{{\"type_key\": \"tir.Var\", \"attrs\": {Attrs(("dtype", v.Type.ToString()), ("name", v.Name), ("span", "0"), ("type_annotation", ty.ToString(CultureInfo.InvariantCulture)))}}}";
            return varIds[v] = slot;
        }
        int ExprNode(Expr e)
        {
            switch (e)
            {
                case Var v: return VarNode(v);
                case IntImm i: return Add($"{{\"type_key\": \"IntImm\", \"attrs\": {Attrs(("dtype", i.Type.ToString()), ("span", "0"), ("value", i.Value.ToString(CultureInfo.InvariantCulture)))}}}");
                case Cast c:
                {
                    int slot = Add("");
                    int v = ExprNode(c.Value);
                    nodes[slot] = $"{{\"type_key\": \"tir.Cast\", \"attrs\": {Attrs(("dtype", c.Type.ToString()), ("span", "0"), ("value", v.ToString(CultureInfo.InvariantCulture)))}}}";
                    return slot;
                }
                case Binary b when Ops.FirstOrDefault(p => p.Value == b.Op).Key is { } key:
                {
                    int slot = Add("");
                    int a = ExprNode(b.A), c = ExprNode(b.B);
                    nodes[slot] = $"{{\"type_key\": \"{key}\", \"attrs\": {Attrs(("a", a.ToString(CultureInfo.InvariantCulture)), ("b", c.ToString(CultureInfo.InvariantCulture)), ("dtype", b.Dtype.ToString()), ("span", "0"))}}}";
                    return slot;
                }
                default: throw new ArgumentException($"index maps hold + - * / % // min max and casts of integers, not {e.GetType().Name}");
            }
        }
        int ArrayNode(IEnumerable<Func<int>> items)
        {
            int slot = Add("");
            var ids = items.Select(f => f()).ToList();
            nodes[slot] = $"{{\"type_key\": \"Array\", \"data\": [{string.Join(", ", ids)}]}}";
            return slot;
        }
        int root = Add("");
        int init = ArrayNode(map.InitialIndices.Select(v => (Func<int>)(() => VarNode(v))));
        int fin = ArrayNode(map.FinalIndices.Select(e => (Func<int>)(() => ExprNode(e))));
        nodes[root] = $"{{\"type_key\": \"tir.IndexMap\", \"attrs\": {Attrs(("final_indices", fin.ToString(CultureInfo.InvariantCulture)), ("initial_indices", init.ToString(CultureInfo.InvariantCulture)), ("inverse_index_map", "0"))}}}";
        var sb = new StringBuilder("{\n  \"root\": 1, \n  \"nodes\": [\n");
        sb.Append(string.Join(", \n", nodes.Select(n => "    " + n)));
        sb.Append("\n  ], \n  \"b64ndarrays\": [], \n  \"attrs\": {\"tvm_version\": \"0.18.0\"}\n}");
        return sb.ToString();
    }
}
