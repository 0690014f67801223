using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>conv2d (topi conv2d_nchw / conv2d_nhwc / group_conv2d_*, with a "pad_temp" stage) and 2-d pooling.</summary>
public static partial class Legalizer
{
    /// <summary>A "pad_temp" stage over a 4-d input: spatial dims (by layout position) padded before and after.</summary>
    private static string Pad(TirWriter w, string a, long[] s, DataType dt, int hPos, int wPos, long[] before, long[] after, string fill)
    {
        var ps = (long[])s.Clone();
        ps[hPos] += before[0] + after[0];
        ps[wPos] += before[1] + after[1];
        var buf = w.Alloc("pad_temp", ps, dt);
        var it = TirWriter.Spatial("i", ps);
        var conds = new List<string>();
        var idx = it.Select(i => i.V).ToArray();
        foreach (var (pos, k) in new[] { (hPos, 0), (wPos, 1) })
        {
            if (before[k] != 0) conds.Add($"{TirWriter.I64(before[k])} <= {it[pos].V}");
            if (after[k] != 0) conds.Add($"{it[pos].V} < {TirWriter.I64(before[k] + s[pos])}");
            if (before[k] != 0) idx[pos] = $"{it[pos].V} - {TirWriter.I64(before[k])}";
        }
        var load = TirWriter.At(a, idx);
        var value = conds.Count == 0 ? load : $"T.if_then_else({string.Join(" and ", conds)}, {load}, {fill})";
        w.Block("pad_temp", it, [$"{TirWriter.At(buf, it.Select(i => i.V))} = {value}"]);
        return buf;
    }

    /// <summary>Window index text: out * stride + r * dilation.</summary>
    private static string Win(string o, long stride, string r, long dil) =>
        $"{(stride == 1 ? o : $"{o} * {TirWriter.I64(stride)}")} + {(dil == 1 ? r : $"{r} * {TirWriter.I64(dil)}")}";

    private static LegalFunc Conv2d(LegalInput x) => new("conv2d", name =>
    {
        var dl = x.Attrs.Str("data_layout")!;
        var kl = x.Attrs.Str("kernel_layout")!;
        long groups = x.Attrs.Int("groups");
        var s = x.Shapes[0];
        var ks = x.Shapes[1];
        var st = x.Attrs.Ints("strides")!;
        var dil = x.Attrs.Ints("dilation")!;
        var p = OpRegistry.Pad4(x.Attrs.Ints("padding")!, "conv2d");
        var dt = x.OutDtype;
        var w = new TirWriter();
        var a = w.Param("A", s, x.Dtypes[0]);
        var b = w.Param("B", ks, x.Dtypes[1]);
        string block = (groups == 1 ? "" : "group_") + (dl == "NCHW" ? "conv2d_nchw" : "conv2d_nhwc");
        int hPos = dl.IndexOf('H'), wPos = dl.IndexOf('W'), cPos = dl.IndexOf('C');
        string data = p.Any(v => v != 0) ? Pad(w, a, s, x.Dtypes[0], hPos, wPos, [p[0], p[1]], [p[2], p[3]], TirWriter.F(0, x.Dtypes[0])) : a;
        var o = w.Param(block, x.OutShape, dt);
        long cin = s[cPos] / groups, oc = ks[kl.IndexOf('O')], ocPerGroup = oc / groups;
        var iters = dl == "NCHW"
            ? new List<Iter> { new("nn", x.OutShape[0], 'S'), new("ff", x.OutShape[1], 'S'), new("yy", x.OutShape[2], 'S'), new("xx", x.OutShape[3], 'S') }
            : [new("nn", x.OutShape[0], 'S'), new("yy", x.OutShape[1], 'S'), new("xx", x.OutShape[2], 'S'), new("ff", x.OutShape[3], 'S')];
        var rc = new Iter("rc", cin, 'R');
        var ry = new Iter("ry", ks[kl.IndexOf('H')], 'R');
        var rx = new Iter("rx", ks[kl.IndexOf('W')], 'R');
        var reduce = dl == "NCHW" ? new[] { rc, ry, rx } : [ry, rx, rc];
        var ff = iters.First(i => i.Name == "ff");
        string chan = groups == 1 ? rc.V : $"{ff.V} // {TirWriter.I64(ocPerGroup)} * {TirWriter.I64(cin)} + {rc.V}";
        var di = new string[4];
        di[dl.IndexOf('N')] = "v_nn";
        di[cPos] = chan;
        di[hPos] = Win("v_yy", st[0], ry.V, dil[0]);
        di[wPos] = Win("v_xx", st[1], rx.V, dil[1]);
        var ki = new string[4];
        ki[kl.IndexOf('O')] = ff.V;
        ki[kl.IndexOf('I')] = rc.V;
        ki[kl.IndexOf('H')] = ry.V;
        ki[kl.IndexOf('W')] = rx.V;
        var oa = TirWriter.At(o, iters.Select(i => i.V));
        w.Block(block, [.. iters, .. reduce], [$"{oa} = {oa} + {TirWriter.At(data, di)} * {TirWriter.At(b, ki)}"], [$"{oa} = {TirWriter.F(0, dt)}"]);
        return w.Build(name);
    }, Range(2));

    private static LegalFunc Pool2d(LegalInput x, string op) => new(op, name =>
    {
        bool max = op == "max_pool2d";
        var layout = x.Attrs.Str("layout")!;
        var s = x.Shapes[0];
        var dt = x.OutDtype;
        var k = x.Attrs.Ints("pool_size")!;
        var st = x.Attrs.Ints("strides")!;
        var dil = x.Attrs.Ints("dilation")!;
        var p = OpRegistry.Pad4(x.Attrs.Ints("padding")!, op);
        int hPos = layout.IndexOf('H'), wPos = layout.IndexOf('W');
        // ceil_mode may read past the bottom/right padding: pad further so every window is in bounds.
        long[] after = [p[2], p[3]];
        for (int d = 0; d < 2; d++)
        {
            int pos = d == 0 ? hPos : wPos;
            long need = (x.OutShape[pos] - 1) * st[d] + (k[d] - 1) * dil[d] + 1;
            after[d] = Math.Max(after[d], need - s[pos] - p[d]);
        }
        var w = new TirWriter();
        var a = w.Param("A", s, dt);
        bool padded = p[0] != 0 || p[1] != 0 || after[0] != 0 || after[1] != 0;
        string data = padded ? Pad(w, a, s, dt, hPos, wPos, [p[0], p[1]], after, max ? TirWriter.MinValue(dt) : TirWriter.F(0, dt)) : a;
        string red = max ? w.Param("pool_max", x.OutShape, dt) : w.Alloc("pool_sum", x.OutShape, dt);
        string? avg = max ? null : w.Param("pool_avg", x.OutShape, dt);
        var it = TirWriter.Spatial("ax", x.OutShape);
        var rv = new List<Iter> { new("rv0", k[0], 'R'), new("rv1", k[1], 'R') };
        var di = it.Select(i => i.V).ToArray();
        di[hPos] = Win(it[hPos].V, st[0], rv[0].V, dil[0]);
        di[wPos] = Win(it[wPos].V, st[1], rv[1].V, dil[1]);
        var ra = TirWriter.At(red, it.Select(i => i.V));
        var load = TirWriter.At(data, di);
        w.Block(max ? "pool_max" : "pool_sum", [.. it, .. rv],
            [max ? $"{ra} = T.max({ra}, {load})" : $"{ra} = {ra} + {load}"],
            [$"{ra} = {(max ? TirWriter.MinValue(dt) : TirWriter.F(0, dt))}"],
            attr: $"{{\"schedule_rule\": \"meta_schedule.{(max ? "pool_max" : "pool_avg")}\"}}");
        if (!max)
        {
            string count;
            if (x.Attrs.Bool("count_include_pad") || !padded) count = TirWriter.F(k[0] * k[1], dt);
            else
            {
                // Elements of the window inside the unpadded input (dilation 1 windows, as TOPI's count).
                string Extent(int pos, int d) =>
                    $"(T.min({it[pos].V} * {TirWriter.I64(st[d])} - {TirWriter.I64(p[d])} + {TirWriter.I64(k[d])}, {TirWriter.I64(s[pos])}) - T.max({it[pos].V} * {TirWriter.I64(st[d])} - {TirWriter.I64(p[d])}, {TirWriter.I64(0)}))";
                count = $"T.Cast(\"{dt}\", {Extent(hPos, 0)} * {Extent(wPos, 1)})";
            }
            w.Block("pool_avg", it, [$"{TirWriter.At(avg!, it.Select(i => i.V))} = {ra} / {count}"]);
        }
        return w.Build(name);
    }, Range(1));
}
