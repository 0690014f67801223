using System.Globalization;
using System.Text;
using Tuner.Ir.Script;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>One block iterator: the loop variable's name (the block var is "v_" + it), extent and kind ('S' or 'R').</summary>
internal readonly record struct Iter(string Name, long Extent, char Kind)
{
    public string V => "v_" + Name;
}

/// <summary>
/// Writes a legalized PrimFunc as TVMScript text in the shape TOPI's compute definitions produce (one loop nest
/// and block per stage, int64 extents, "tir.noalias"); the TVMScript parser then builds the IR and infers each
/// block's T.reads / T.writes as TVM does. Parsing text keeps one source of truth for what a legal function is.
/// </summary>
internal sealed class TirWriter
{
    private readonly List<string> _params = [];
    private readonly List<string> _allocs = [];
    private readonly StringBuilder _body = new();

    public static string I64(long v) => $"T.int64({v.ToString(CultureInfo.InvariantCulture)})";

    public static string Shape(long[] s) => "(" + string.Join(", ", s.Select(I64)) + (s.Length == 1 ? ",)" : ")");

    /// <summary>A float constant of <paramref name="dt"/> as TVMScript writes it.</summary>
    public static string F(double v, DataType dt) => $"T.{dt}({PyFormat.Float(v)})";

    /// <summary>The lowest finite value of a float type (TOPI's max-reduction identity).</summary>
    public static string MinValue(DataType dt) => F(dt.Bits == 16 ? -65504.0 : dt.Bits == 64 ? double.MinValue : float.MinValue, dt);

    public string Param(string name, long[] shape, DataType dt)
    {
        _params.Add($"{name}: T.Buffer({Shape(shape)}, \"{dt}\")");
        return name;
    }

    public string Alloc(string name, long[] shape, DataType dt)
    {
        _allocs.Add($"{name} = T.alloc_buffer({Shape(shape)}{(dt == DataType.Float32 ? "" : $", \"{dt}\"")})");
        return name;
    }

    /// <summary>A loop nest over <paramref name="iters"/> around one block with the given body (and init) lines.</summary>
    public void Block(string name, IReadOnlyList<Iter> iters, IEnumerable<string> body, IEnumerable<string>? init = null, string? attr = null)
    {
        int ind = 1;
        if (iters.Count > 0)
        {
            string loops = iters.Count == 1
                ? $"for {iters[0].Name} in range({I64(iters[0].Extent)}):"
                : $"for {string.Join(", ", iters.Select(i => i.Name))} in T.grid({string.Join(", ", iters.Select(i => I64(i.Extent)))}):";
            Line(ind++, loops);
        }
        Line(ind++, $"with T.block(\"{name}\"):");
        if (iters.Count > 0)
            Line(ind, $"{string.Join(", ", iters.Select(i => i.V))} = T.axis.remap(\"{new string(iters.Select(i => i.Kind).ToArray())}\", [{string.Join(", ", iters.Select(i => i.Name))}])");
        if (attr is not null) Line(ind, $"T.block_attr({attr})");
        if (init is not null)
        {
            Line(ind, "with T.init():");
            foreach (var l in init) Line(ind + 1, l);
        }
        foreach (var l in body) Line(ind, l);
    }

    private void Line(int indent, string text) => _body.Append(' ', 4 * indent).Append(text).Append('\n');

    public string Build(string funcName)
    {
        var sb = new StringBuilder();
        sb.Append("@T.prim_func(private=True)\n");
        sb.Append($"def {funcName}({string.Join(", ", _params)}):\n");
        sb.Append("    T.func_attr({\"tir.noalias\": True})\n");
        foreach (var a in _allocs) sb.Append("    ").Append(a).Append('\n');
        sb.Append(_body);
        return sb.ToString();
    }

    /// <summary>Iterators named prefix0, prefix1, ... over a shape, all spatial.</summary>
    public static List<Iter> Spatial(string prefix, long[] shape) =>
        shape.Select((d, i) => new Iter(prefix + i.ToString(CultureInfo.InvariantCulture), d, 'S')).ToList();

    /// <summary>Buffer access text: name[i, j] or name[()] for a 0-d buffer.</summary>
    public static string At(string buffer, IEnumerable<string> idx)
    {
        var list = idx.ToList();
        return list.Count == 0 ? $"{buffer}[()]" : $"{buffer}[{string.Join(", ", list)}]";
    }
}
