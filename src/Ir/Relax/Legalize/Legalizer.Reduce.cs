using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>matmul (relax's te matmul with broadcast batch dims), softmax, log_softmax, layer_norm, rms_norm, sum/mean/max.</summary>
public static partial class Legalizer
{
    private static LegalFunc Matmul(LegalInput x) => new("matmul", name =>
    {
        var w = new TirWriter();
        long[] sa = x.Shapes[0], sb = x.Shapes[1], so = x.OutShape;
        var a = w.Param("A", sa, x.Dtypes[0]);
        var b = w.Param("B", sb, x.Dtypes[1]);
        var o = w.Param("matmul", so, x.OutDtype);
        var it = TirWriter.Spatial("i", so);
        var k = new Iter("k", sa[^1], 'R');
        // Batch dims of each operand broadcast against the output's leading dims; a 1-d operand has no row/column.
        int batch = so.Length - (sa.Length >= 2 ? 1 : 0) - (sb.Length >= 2 ? 1 : 0);
        var ai = new List<string>();
        for (int j = 0; j < sa.Length - 2; j++)
        {
            int oj = batch - (sa.Length - 2) + j;
            ai.Add(sa[j] == 1 && so[oj] != 1 ? TirWriter.I64(0) : it[oj].V);
        }
        if (sa.Length >= 2) ai.Add(it[batch].V);
        ai.Add(k.V);
        var bi = new List<string>();
        for (int j = 0; j < sb.Length - 2; j++)
        {
            int oj = batch - (sb.Length - 2) + j;
            bi.Add(sb[j] == 1 && so[oj] != 1 ? TirWriter.I64(0) : it[oj].V);
        }
        bi.Add(k.V);
        if (sb.Length >= 2) bi.Add(it[^1].V);
        var oa = TirWriter.At(o, it.Select(i => i.V));
        w.Block("matmul", [.. it, k], [$"{oa} = {oa} + {TirWriter.At(a, ai)} * {TirWriter.At(b, bi)}"], [$"{oa} = {TirWriter.F(0, x.OutDtype)}"]);
        return w.Build(name);
    }, Range(2));

    /// <summary>Iterators of a reduction over <paramref name="axis"/>: the kept dims named prefix+i and the reduce var k.</summary>
    private static (List<Iter> Kept, Iter K, List<string> Full) AxisReduce(long[] shape, int axis, string prefix)
    {
        var kept = new List<Iter>();
        for (int i = 0; i < shape.Length; i++) if (i != axis) kept.Add(new Iter($"{prefix}{i}", shape[i], 'S'));
        var k = new Iter("k", shape[axis], 'R');
        var full = new List<string>();
        int ki = 0;
        for (int i = 0; i < shape.Length; i++) full.Add(i == axis ? k.V : kept[ki++].V);
        return (kept, k, full);
    }

    private static LegalFunc Softmax(LegalInput x) => new("softmax", name => SoftmaxText(name, x, log: false), Range(1));

    private static LegalFunc LogSoftmax(LegalInput x) => new("log_softmax", name => SoftmaxText(name, x, log: true), Range(1));

    /// <summary>TOPI softmax: max, exp, sum of exp, normalise; log_softmax: max, sum of exp(x - max), x - max - log(sum).</summary>
    private static string SoftmaxText(string name, LegalInput x, bool log)
    {
        var s = x.Shapes[0];
        var dt = x.OutDtype;
        int axis = Shapes.Axis(x.Attrs.Int("axis"), s.Length, "softmax");
        var red = s.Where((_, i) => i != axis).ToArray();
        var w = new TirWriter();
        var a = w.Param("A", s, dt);
        var mx = w.Alloc("T_softmax_maxelem", red, dt);
        var ex = log ? null : w.Alloc("T_softmax_exp", s, dt);
        var sum = w.Alloc("T_softmax_expsum", red, dt);
        var o = w.Param(log ? "compute" : "T_softmax_norm", s, dt);
        var (kept, k, full) = AxisReduce(s, axis, "i");
        string Red(string b) => TirWriter.At(b, kept.Select(i => i.V));
        w.Block("T_softmax_maxelem", [.. kept, k], [$"{Red(mx)} = T.max({Red(mx)}, {TirWriter.At(a, full)})"], [$"{Red(mx)} = {TirWriter.MinValue(dt)}"]);
        var all = TirWriter.Spatial("i", s);
        var allIdx = all.Select(i => i.V).ToList();
        var keptIdx = all.Where((_, i) => i != axis).Select(i => i.V).ToList();
        string RedAll(string b) => TirWriter.At(b, keptIdx);
        if (!log)
        {
            w.Block("T_softmax_exp", all, [$"{TirWriter.At(ex!, allIdx)} = T.exp({TirWriter.At(a, allIdx)} - {RedAll(mx)})"]);
            w.Block("T_softmax_expsum", [.. kept, k], [$"{Red(sum)} = {Red(sum)} + {TirWriter.At(ex!, full)}"], [$"{Red(sum)} = {TirWriter.F(0, dt)}"]);
            w.Block("T_softmax_norm", all, [$"{TirWriter.At(o, allIdx)} = {TirWriter.At(ex!, allIdx)} / {RedAll(sum)}"], attr: $"{{\"axis\": {axis}}}");
        }
        else
        {
            w.Block("T_softmax_expsum", [.. kept, k], [$"{Red(sum)} = {Red(sum)} + T.exp({TirWriter.At(a, full)} - {Red(mx)})"], [$"{Red(sum)} = {TirWriter.F(0, dt)}"]);
            w.Block("compute", all, [$"{TirWriter.At(o, allIdx)} = {TirWriter.At(a, allIdx)} - {RedAll(mx)} - T.log({RedAll(sum)})"], attr: $"{{\"axis\": {axis}}}");
        }
        return w.Build(name);
    }

    /// <summary>The normalised axes as iterators: kept dims ax*, reduce dims k*; and the reduce count.</summary>
    private static (List<Iter> Kept, List<Iter> Ks, List<string> Full, List<string> Gamma, long Count) NormIters(long[] s, int[] axes)
    {
        var kept = new List<Iter>();
        var ks = new List<Iter>();
        var full = new List<string>();
        for (int i = 0; i < s.Length; i++)
        {
            if (axes.Contains(i)) { var k = new Iter($"k{i}", s[i], 'R'); ks.Add(k); full.Add(k.V); }
            else { var v = new Iter($"ax{i}", s[i], 'S'); kept.Add(v); full.Add(v.V); }
        }
        return (kept, ks, full, ks.Select(k => k.V).ToList(), Shapes.Product(ks.Select(k => k.Extent)));
    }

    /// <summary>TOPI layer_norm: one tuple-sum block for sum(x) and sum(x*x), then the normalisation.</summary>
    private static LegalFunc LayerNorm(LegalInput x) => new("layer_norm", name =>
    {
        var s = x.Shapes[0];
        var dt = x.OutDtype;
        var axes = x.Attrs.Ints("axes")!.Select(a => Shapes.Axis(a, s.Length, "layer_norm")).Order().ToArray();
        var (kept, ks, full, _, count) = NormIters(s, axes);
        var red = kept.Select(k => k.Extent).ToArray();
        var w = new TirWriter();
        var a = w.Param("A", s, dt);
        var g = w.Param("B", x.Shapes[1], dt);
        var b = w.Param("C", x.Shapes[2], dt);
        var v0 = w.Alloc("T_layer_norm_red_temp_v0", red, dt);
        var v1 = w.Alloc("T_layer_norm_red_temp_v1", red, dt);
        var o = w.Param("T_layer_norm", s, dt);
        string R0 = TirWriter.At(v0, kept.Select(k => k.V)), R1 = TirWriter.At(v1, kept.Select(k => k.V)), X = TirWriter.At(a, full);
        w.Block("T_layer_norm_red_temp", [.. kept, .. ks],
            [$"v_T_layer_norm_red_temp_v0: T.{dt} = {R0} + {X}", $"v_T_layer_norm_red_temp_v1: T.{dt} = {R1} + {X} * {X}",
             $"{R0} = v_T_layer_norm_red_temp_v0", $"{R1} = v_T_layer_norm_red_temp_v1"],
            [$"{R0} = {TirWriter.F(0, dt)}", $"{R1} = {TirWriter.F(0, dt)}"]);
        var all = TirWriter.Spatial("ax", s);
        var keptIdx = all.Where((_, i) => !axes.Contains(i)).Select(i => i.V).ToList();
        var gIdx = all.Where((_, i) => axes.Contains(i)).Select(i => i.V).ToList();
        string M0 = TirWriter.At(v0, keptIdx), M1 = TirWriter.At(v1, keptIdx), inv = TirWriter.F(1.0 / count, dt);
        string eps = TirWriter.F(x.Attrs.Float("epsilon"), dt);
        string mean = $"{M0} * {inv}";
        w.Block("T_layer_norm", all,
            [$"{TirWriter.At(o, all.Select(i => i.V))} = ({TirWriter.At(a, all.Select(i => i.V))} - {mean}) * T.rsqrt({M1} * {inv} - {mean} * ({mean}) + {eps}) * {TirWriter.At(g, gIdx)} + {TirWriter.At(b, gIdx)}"]);
        return w.Build(name);
    }, Range(3));

    /// <summary>TOPI rms_norm: sum of squares over the axes, then x * rsqrt(mean + eps) * weight.</summary>
    private static LegalFunc RmsNorm(LegalInput x) => new("rms_norm", name =>
    {
        var s = x.Shapes[0];
        var dt = x.OutDtype;
        var axes = x.Attrs.Ints("axes")!.Select(a => Shapes.Axis(a, s.Length, "rms_norm")).Order().ToArray();
        var (kept, ks, full, _, count) = NormIters(s, axes);
        var w = new TirWriter();
        var a = w.Param("A", s, dt);
        var g = w.Param("B", x.Shapes[1], dt);
        var ss = w.Alloc("T_multiply_red", kept.Select(k => k.Extent).ToArray(), dt);
        var o = w.Param("T_rms_norm", s, dt);
        string R = TirWriter.At(ss, kept.Select(k => k.V)), X = TirWriter.At(a, full);
        w.Block("T_multiply_red", [.. kept, .. ks], [$"{R} = {R} + {X} * {X}"], [$"{R} = {TirWriter.F(0, dt)}"]);
        var all = TirWriter.Spatial("ax", s);
        var keptIdx = all.Where((_, i) => !axes.Contains(i)).Select(i => i.V).ToList();
        var gIdx = all.Where((_, i) => axes.Contains(i)).Select(i => i.V).ToList();
        w.Block("T_rms_norm", all,
            [$"{TirWriter.At(o, all.Select(i => i.V))} = {TirWriter.At(a, all.Select(i => i.V))} * T.rsqrt({TirWriter.At(ss, keptIdx)} * {TirWriter.F(1.0 / count, dt)} + {TirWriter.F(x.Attrs.Float("epsilon"), dt)}) * {TirWriter.At(g, gIdx)}"]);
        return w.Build(name);
    }, Range(2));

    /// <summary>topi.sum / topi.max ("A_red"); mean is the sum divided by the reduced count (T_divide).</summary>
    private static LegalFunc Reduce(LegalInput x, string op) => new(op, name =>
    {
        var s = x.Shapes[0];
        var dt = x.OutDtype;
        var axes = OpRegistry.ReduceAxes(x.Attrs, s.Length, op);
        bool keep = x.Attrs.Bool("keepdims");
        var w = new TirWriter();
        var a = w.Param("A", s, dt);
        bool mean = op == "mean";
        var redName = mean ? w.Alloc("A_red", x.OutShape, dt) : w.Param("A_red", x.OutShape, dt);
        string? outName = mean ? w.Param("T_divide", x.OutShape, dt) : null;
        var spatial = new List<Iter>();
        var ks = new List<Iter>();
        var full = new List<string>();
        var outIdx = new List<string>();
        for (int i = 0; i < s.Length; i++)
        {
            if (axes.Contains(i))
            {
                var k = new Iter($"k{i}", s[i], 'R');
                ks.Add(k);
                full.Add(k.V);
                if (keep) { var one = new Iter($"ax{i}", 1, 'S'); spatial.Add(one); outIdx.Add(one.V); }
            }
            else { var v = new Iter($"ax{i}", s[i], 'S'); spatial.Add(v); full.Add(v.V); outIdx.Add(v.V); }
        }
        string R = TirWriter.At(redName, outIdx), X = TirWriter.At(a, full);
        if (op == "max") w.Block("A_red", [.. spatial, .. ks], [$"{R} = T.max({R}, {X})"], [$"{R} = {TirWriter.MinValue(dt)}"]);
        else w.Block("A_red", [.. spatial, .. ks], [$"{R} = {R} + {X}"], [$"{R} = {TirWriter.F(0, dt)}"]);
        if (mean)
        {
            var it = TirWriter.Spatial("ax", x.OutShape);
            long count = Shapes.Product(axes.Select(i => s[i]));
            w.Block("T_divide", it, [$"{TirWriter.At(outName!, it.Select(i => i.V))} = {TirWriter.At(redName, it.Select(i => i.V))} / {TirWriter.F(count, dt)}"]);
        }
        return w.Build(name);
    }, Range(1));
}
