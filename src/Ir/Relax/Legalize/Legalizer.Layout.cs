using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>permute_dims (topi.transpose, "T_transpose"), reshape (topi.reshape, "T_reshape") and take (topi.take, "T_take").</summary>
public static partial class Legalizer
{
    private static LegalFunc Transpose(LegalInput x) => new("transpose", name =>
    {
        var s = x.Shapes[0];
        var perm = OpRegistry.Permutation(x.Attrs, s.Length, "permute_dims");
        var w = new TirWriter();
        var a = w.Param("A", s, x.Dtypes[0]);
        var o = w.Param("T_transpose", x.OutShape, x.OutDtype);
        var it = TirWriter.Spatial("ax", x.OutShape);
        var idx = new string[s.Length];
        for (int j = 0; j < perm.Length; j++) idx[perm[j]] = it[j].V;
        w.Block("T_transpose", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {TirWriter.At(a, idx)}"]);
        return w.Build(name);
    }, Range(1));

    private static LegalFunc Reshape(LegalInput x) => new("reshape", name =>
    {
        var s = x.Shapes[0];
        var so = x.OutShape;
        var w = new TirWriter();
        var a = w.Param("A", s, x.Dtypes[0]);
        var o = w.Param("T_reshape", so, x.OutDtype);
        var it = TirWriter.Spatial("ax", so);
        // Row-major flat index of the output element, then unravelled in the input's shape.
        var terms = new List<string>();
        long stride = 1;
        for (int i = so.Length - 1; i >= 0; i--)
        {
            if (so[i] != 1) terms.Insert(0, stride == 1 ? it[i].V : $"{it[i].V} * {TirWriter.I64(stride)}");
            stride *= so[i];
        }
        string flat = terms.Count == 0 ? TirWriter.I64(0) : string.Join(" + ", terms);
        var idx = Unravel(flat, compound: terms.Count > 1, s);
        w.Block("T_reshape", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {TirWriter.At(a, idx)}"]);
        return w.Build(name);
    }, Range(1));

    /// <summary>
    /// topi.take: the output reads x at the index loaded from the indices buffer (a gather). Mode "fast" reads as is,
    /// "clip" clamps into [0, n - 1], "wrap" takes the index modulo n; without an axis, x is read flattened.
    /// </summary>
    private static LegalFunc Take(LegalInput x) => new("take", name =>
    {
        var s = x.Shapes[0];
        var si = x.Shapes[1];
        var w = new TirWriter();
        var a = w.Param("A", s, x.Dtypes[0]);
        var b = w.Param("B", si, x.Dtypes[1]);
        var o = w.Param("T_take", x.OutShape, x.OutDtype);
        var it = TirWriter.Spatial("ax", x.OutShape);
        int axis = x.Attrs["axis"] is null ? -1 : Shapes.Axis(x.Attrs.Int("axis"), s.Length, "R.take");
        int lead = Math.Max(axis, 0);
        string load = TirWriter.At(b, it.Skip(lead).Take(si.Length).Select(i => i.V));
        if (x.Dtypes[1] != DataType.Int64) load = $"T.Cast(\"int64\", {load})";
        long n = axis < 0 ? Shapes.Product(s) : s[axis];
        string index = x.Attrs.Str("mode") switch
        {
            "clip" => $"T.min(T.max(T.int64(0), {load}), {TirWriter.I64(n - 1)})",
            "wrap" => $"{load} % {TirWriter.I64(n)}", // TVMScript % is floormod: never negative
            _ => load,
        };
        var idx = axis < 0 ? Unravel(index, compound: index.Contains(' '), s)
            : it.Take(axis).Select(i => i.V).Append(index).Concat(it.Skip(axis + si.Length).Select(i => i.V)).ToArray();
        w.Block("T_take", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {TirWriter.At(a, idx)}"]);
        return w.Build(name);
    }, Range(2));


    /// <summary>
    /// The indices of a row-major flat index (TVMScript text, <paramref name="compound"/> when it needs parentheses)
    /// in <paramref name="shape"/>: unit dimensions read 0, the outermost needs no modulo.
    /// </summary>
    private static string[] Unravel(string flat, bool compound, long[] shape)
    {
        string Paren(string e) => compound ? $"({e})" : e;
        long total = Shapes.Product(shape);
        var idx = new string[shape.Length];
        long stride = 1;
        for (int j = shape.Length - 1; j >= 0; j--)
        {
            if (shape[j] == 1) idx[j] = TirWriter.I64(0);
            else
            {
                var e = stride == 1 ? flat : $"{Paren(flat)} // {TirWriter.I64(stride)}";
                idx[j] = stride * shape[j] < total ? $"{(stride == 1 ? Paren(e) : e)} % {TirWriter.I64(shape[j])}" : e;
            }
            stride *= shape[j];
        }
        return idx;
    }
}
