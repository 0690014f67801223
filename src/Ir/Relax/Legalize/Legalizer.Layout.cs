using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>permute_dims (topi.transpose, "T_transpose") and reshape (topi.reshape, "T_reshape").</summary>
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
        string Paren(string e) => terms.Count > 1 ? $"({e})" : e;
        var idx = new string[s.Length];
        long istride = 1;
        for (int j = s.Length - 1; j >= 0; j--)
        {
            if (s[j] == 1) idx[j] = TirWriter.I64(0);
            else
            {
                var e = istride == 1 ? flat : $"{Paren(flat)} // {TirWriter.I64(istride)}";
                bool needMod = istride * s[j] < stride;
                idx[j] = needMod ? $"{(istride == 1 ? Paren(e) : e)} % {TirWriter.I64(s[j])}" : e;
            }
            istride *= s[j];
        }
        w.Block("T_reshape", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {TirWriter.At(a, idx)}"]);
        return w.Build(name);
    }, Range(1));
}
