using System.Globalization;
using System.Text;

namespace Tuner.Ir.Workloads;

/// <summary>
/// Writes a PrimFunc as TVMScript the way TVM's <c>te.create_prim_func</c> lays out a TE compute graph: one loop
/// nest and one block per compute stage, loops named after the compute's axes and block iterators <c>v_</c> + axis,
/// reads and writes left for the parser to infer. Text in, so the generated workloads go through the same parser as
/// a user's file.
/// </summary>
internal sealed class TeScript
{
    /// <summary>The identity of float32 max: what TVM's max reduction initialises with.</summary>
    public const string MinFloat32 = "T.float32(-3.4028234663852886e+38)";
    public const string Zero = "T.float32(0.0)";

    private readonly string _name;
    private readonly List<string> _params = [];
    private readonly List<string> _allocs = [];
    private readonly StringBuilder _body = new();

    public TeScript(string name) => _name = name;

    /// <summary>A buffer parameter (inputs first, then the output, as te_workload returns them).</summary>
    public TeScript Param(string name, IReadOnlyList<long> shape, string dtype = "float32")
    {
        _params.Add($"{name}: T.Buffer({Shape(shape)}, \"{dtype}\")");
        return this;
    }

    /// <summary>An intermediate buffer of the function (a stage that is not a parameter).</summary>
    public TeScript Alloc(string name, IReadOnlyList<long> shape, string dtype = "float32")
    {
        _allocs.Add(dtype == "float32" ? $"{name} = T.alloc_buffer({Shape(shape)})" : $"{name} = T.alloc_buffer({Shape(shape)}, \"{dtype}\")");
        return this;
    }

    /// <summary>An elementwise stage: <c>buffer[v…] = value(v…)</c> over the spatial axes.</summary>
    public TeScript Compute(string block, IReadOnlyList<string> axes, IReadOnlyList<long> extents, Func<string[], string> value) =>
        Compute(block, block, axes, extents, value);

    public TeScript Compute(string block, string buffer, IReadOnlyList<string> axes, IReadOnlyList<long> extents, Func<string[], string> value)
    {
        var v = axes.Select(a => "v_" + a).ToArray();
        Nest(block, axes, extents, new string('S', axes.Count));
        Line(3, $"{buffer}[{string.Join(", ", v)}] = {value(v)}");
        return this;
    }

    /// <summary>
    /// A reduction stage: <c>buffer[s…]</c> starts at <paramref name="init"/> and accumulates <c>combine(acc, term)</c>
    /// over the reduction axes, which come last in the loop nest (TE's order).
    /// </summary>
    public TeScript Reduce(string block, string buffer, IReadOnlyList<string> axes, IReadOnlyList<long> extents,
        IReadOnlyList<string> reduceAxes, IReadOnlyList<long> reduceExtents, Func<string[], string[], string> term,
        string init = Zero, Func<string, string, string>? combine = null)
    {
        var s = axes.Select(a => "v_" + a).ToArray();
        var r = reduceAxes.Select(a => "v_" + a).ToArray();
        Nest(block, [.. axes, .. reduceAxes], [.. extents, .. reduceExtents], new string('S', axes.Count) + new string('R', reduceAxes.Count));
        string acc = $"{buffer}[{string.Join(", ", s)}]";
        Line(3, "with T.init():");
        Line(4, $"{acc} = {init}");
        Line(3, $"{acc} = {(combine ?? ((a, t) => $"{a} + {t}"))(acc, term(s, r))}");
        return this;
    }

    /// <summary>A sum reduction (TE's <c>te.sum</c>) into a buffer of the same name as the block.</summary>
    public TeScript Sum(string block, IReadOnlyList<string> axes, IReadOnlyList<long> extents,
        IReadOnlyList<string> reduceAxes, IReadOnlyList<long> reduceExtents, Func<string[], string[], string> term) =>
        Reduce(block, block, axes, extents, reduceAxes, reduceExtents, term);

    /// <summary>
    /// topi's <c>nn.pad</c>: the source widened by <paramref name="before"/>/<paramref name="after"/> zeros per
    /// dimension, axes <c>i0…</c>; with no padding at all it is a plain copy, as in TVM.
    /// </summary>
    public TeScript Pad(string block, string source, IReadOnlyList<long> shape, IReadOnlyList<long> before, IReadOnlyList<long> after)
    {
        var axes = Enumerable.Range(0, shape.Count).Select(i => "i" + i).ToArray();
        var padded = shape.Select((e, i) => e + before[i] + after[i]).ToArray();
        Alloc(block, padded);
        return Compute(block, axes, padded, v =>
        {
            var index = v.Select((x, i) => Offset(x, -before[i])).ToArray();
            var conds = Enumerable.Range(0, shape.Count).Where(i => before[i] != 0 || after[i] != 0)
                .SelectMany(i => new[] { $"{before[i]} <= {v[i]}", $"{v[i]} < {before[i] + shape[i]}" })
                .Where(c => !c.StartsWith("0 <= ", StringComparison.Ordinal)).ToList();
            string load = $"{source}[{string.Join(", ", index)}]";
            return conds.Count == 0 ? load : $"T.if_then_else({string.Join(" and ", conds)}, {load}, {Zero})";
        });
    }

    public string Build()
    {
        var sb = new StringBuilder();
        sb.Append("# from tvm.script import tir as T\n\n@T.prim_func\n");
        sb.Append($"def {_name}({string.Join(", ", _params)}):\n");
        sb.Append("    T.func_attr({\"tir.noalias\": True})\n");
        foreach (var a in _allocs) sb.Append("    ").Append(a).Append('\n');
        sb.Append(_body);
        return sb.ToString();
    }

    /// <summary><c>x + c</c>, <c>x - c</c> or <c>x</c>.</summary>
    public static string Offset(string x, long c) => c switch
    {
        0 => x,
        > 0 => $"{x} + {c}",
        _ => $"{x} - {-c}",
    };

    /// <summary><c>x * stride + r * dilation</c> with unit factors left out: a sliding-window index.</summary>
    public static string Window(string x, long stride, string r, long dilation) =>
        $"{Scaled(x, stride)} + {Scaled(r, dilation)}";

    public static string Scaled(string x, long c) => c == 1 ? x : $"{x} * {c}";

    public static string Shape(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.Select(e => e.ToString(CultureInfo.InvariantCulture))) + ")";

    private void Nest(string block, IReadOnlyList<string> axes, IReadOnlyList<long> extents, string kinds)
    {
        Line(1, $"for {string.Join(", ", axes)} in T.grid({string.Join(", ", extents)}):");
        Line(2, $"with T.block(\"{block}\"):");
        Line(3, $"{string.Join(", ", axes.Select(a => "v_" + a))} = T.axis.remap(\"{kinds}\", [{string.Join(", ", axes)}])");
    }

    private void Line(int depth, string text) => _body.Append(' ', 4 * depth).Append(text).Append('\n');
}
