namespace Tuner.Ir.Relax.Ops;

/// <summary>R.nn.*: softmax, normalisations, conv2d and 2-d pooling.</summary>
public static partial class OpRegistry
{
    private static IEnumerable<OpDef> NnOps()
    {
        yield return Op("R.nn.softmax", 1, (a, at) => AxisChecked(a[0], at.Int("axis"), "R.nn.softmax"), "softmax", A("axis", AttrKind.Int, -1L));
        yield return Op("R.nn.log_softmax", 1, (a, at) => AxisChecked(a[0], at.Int("axis"), "R.nn.log_softmax"), "log_softmax", A("axis", AttrKind.Int, -1L));
        yield return Op("R.nn.layer_norm", 3, (a, at) => Norm(a, at, "R.nn.layer_norm"), "layer_norm",
            A("axes", AttrKind.Ints, L(-1)), A("epsilon", AttrKind.Float, 1e-5), A("center", AttrKind.Bool, true), A("scale", AttrKind.Bool, true));
        yield return Op("R.nn.rms_norm", 2, (a, at) => Norm(a, at, "R.nn.rms_norm"), "rms_norm",
            A("axes", AttrKind.Ints, L(-1)), A("epsilon", AttrKind.Float, 1e-5));
        yield return Op("R.nn.conv2d", 2, Conv2d, "conv2d",
            A("strides", AttrKind.Ints, L(1, 1)), A("padding", AttrKind.Ints, L(0, 0, 0, 0)), A("dilation", AttrKind.Ints, L(1, 1)),
            A("groups", AttrKind.Int, 1L), A("data_layout", AttrKind.Str, "NCHW"), A("kernel_layout", AttrKind.Str, "OIHW"),
            A("out_layout", AttrKind.Str, "NCHW"), A("out_dtype", AttrKind.Str, "void"));
        foreach (var (s, legal) in new[] { ("R.nn.max_pool2d", "max_pool2d"), ("R.nn.avg_pool2d", "avg_pool2d") })
            yield return Op(s, 1, (a, at) => Pool2d(a[0], at, s), legal,
                A("pool_size", AttrKind.Ints, L(1, 1)), A("strides", AttrKind.Ints, L(1, 1)), A("dilation", AttrKind.Ints, L(1, 1)),
                A("padding", AttrKind.Ints, L(0, 0, 0, 0)), A("ceil_mode", AttrKind.Bool, false), A("count_include_pad", AttrKind.Bool, false),
                A("layout", AttrKind.Str, "NCHW"), A("out_layout", AttrKind.Str, "NCHW"));
    }

    private static TensorStructInfo AxisChecked(TensorStructInfo t, long axis, string op)
    {
        Shapes.Axis(axis, Shapes.Known(t, op, 1).Count, op);
        return Float(t, op);
    }

    /// <summary>layer_norm / rms_norm: gamma (and beta) have the shape of the normalised axes.</summary>
    private static TensorStructInfo Norm(IReadOnlyList<TensorStructInfo> a, OpAttrs at, string op)
    {
        var x = Shapes.Known(a[0], op, 1);
        var axes = at.Ints("axes")!.Select(ax => Shapes.Axis(ax, x.Count, op)).ToList();
        var want = axes.Select(ax => x[ax]).ToSeq();
        for (int i = 1; i < a.Count; i++)
        {
            Shapes.SameDtype(a[0], a[i], op);
            var s = Shapes.Known(a[i], op, i + 1);
            if (s.Count != want.Count || !s.Zip(want).All(p => Shapes.SameDim(p.First, p.Second)))
                throw new RelaxTypeException($"{op}: argument {i + 1} has shape {Shapes.Text(s)}, expected {Shapes.Text(want)} (the normalised axes of {Shapes.Text(x)})");
        }
        return Float(a[0], op);
    }

    private static long ConstDim(Expr e, string op, string what) =>
        Shapes.Const(e) ?? throw new RelaxTypeException($"{op}: {what} must be a constant extent, got {Shapes.DimText(e)}");

    private static TensorStructInfo Conv2d(IReadOnlyList<TensorStructInfo> a, OpAttrs at)
    {
        const string op = "R.nn.conv2d";
        var layout = at.Str("data_layout")!;
        if (layout is not ("NCHW" or "NHWC")) throw new RelaxTypeException($"{op}: data_layout '{layout}' is not supported (NCHW or NHWC)");
        var klayout = at.Str("kernel_layout")!;
        if (klayout is not ("OIHW" or "HWIO")) throw new RelaxTypeException($"{op}: kernel_layout '{klayout}' is not supported (OIHW or HWIO)");
        var x = Shapes.Known(a[0], op, 1);
        var w = Shapes.Known(a[1], op, 2);
        if (x.Count != 4 || w.Count != 4) throw new RelaxTypeException($"{op}: data and weight must be 4-d, got {Shapes.Text(x)} and {Shapes.Text(w)}");
        Shapes.SameDtype(a[0], a[1], op);
        bool nchw = layout == "NCHW";
        Expr n = x[0], c = nchw ? x[1] : x[3], h = nchw ? x[2] : x[1], wd = nchw ? x[3] : x[2];
        bool oihw = klayout == "OIHW";
        Expr o = oihw ? w[0] : w[3], i = oihw ? w[1] : w[2], kh = oihw ? w[2] : w[0], kw = oihw ? w[3] : w[1];
        long groups = at.Int("groups");
        long cin = ConstDim(c, op, "the channel count");
        if (cin % groups != 0 || ConstDim(i, op, "the weight's input channels") * groups != cin)
            throw new RelaxTypeException($"{op}: data has {cin} channels but the weight expects {Shapes.DimText(i)} per group x {groups} groups");
        if (ConstDim(o, op, "the output channels") % groups != 0)
            throw new RelaxTypeException($"{op}: output channels {Shapes.DimText(o)} are not divisible by groups={groups}");
        var s = at.Ints("strides")!;
        var p = Pad4(at.Ints("padding")!, op);
        var d = at.Ints("dilation")!;
        long oh = Window(ConstDim(h, op, "the height"), ConstDim(kh, op, "the kernel height"), s[0], p[0] + p[2], d[0], false, op);
        long ow = Window(ConstDim(wd, op, "the width"), ConstDim(kw, op, "the kernel width"), s[1], p[1] + p[3], d[1], false, op);
        var outDtype = at.Str("out_dtype") is { } od && od != "void" ? DataType.Parse(od) : a[0].Dtype;
        Seq<Expr> shape = nchw ? [n, o, Shapes.Dim(oh), Shapes.Dim(ow)] : [n, Shapes.Dim(oh), Shapes.Dim(ow), o];
        return new TensorStructInfo(shape, outDtype);
    }

    private static TensorStructInfo Pool2d(TensorStructInfo t, OpAttrs at, string op)
    {
        var layout = at.Str("layout")!;
        if (layout is not ("NCHW" or "NHWC")) throw new RelaxTypeException($"{op}: layout '{layout}' is not supported (NCHW or NHWC)");
        var x = Shapes.Known(t, op, 1);
        if (x.Count != 4) throw new RelaxTypeException($"{op}: data must be 4-d, got {Shapes.Text(x)}");
        bool nchw = layout == "NCHW";
        var k = at.Ints("pool_size")!;
        var s = at.Ints("strides")!;
        var p = Pad4(at.Ints("padding")!, op);
        var d = at.Ints("dilation")!;
        bool ceil = at.Bool("ceil_mode");
        long oh = Window(ConstDim(nchw ? x[2] : x[1], op, "the height"), k[0], s[0], p[0] + p[2], d[0], ceil, op);
        long ow = Window(ConstDim(nchw ? x[3] : x[2], op, "the width"), k[1], s[1], p[1] + p[3], d[1], ceil, op);
        Seq<Expr> shape = nchw ? [x[0], x[1], Shapes.Dim(oh), Shapes.Dim(ow)] : [x[0], Shapes.Dim(oh), Shapes.Dim(ow), x[3]];
        return new TensorStructInfo(shape, t.Dtype);
    }

    /// <summary>Padding as (top, left, bottom, right): TVM accepts 1, 2 or 4 values.</summary>
    internal static long[] Pad4(long[] p, string op) => p.Length switch
    {
        1 => [p[0], p[0], p[0], p[0]],
        2 => [p[0], p[1], p[0], p[1]],
        4 => p,
        _ => throw new RelaxTypeException($"{op}: padding takes 1, 2 or 4 values, got {p.Length}"),
    };

    private static long Window(long size, long k, long stride, long pad, long dil, bool ceil, string op)
    {
        long span = (k - 1) * dil + 1;
        long num = size + pad - span;
        if (num < 0) throw new RelaxTypeException($"{op}: the window ({span}) is larger than the padded input ({size + pad})");
        return (ceil ? (num + stride - 1) / stride : num / stride) + 1;
    }
}
