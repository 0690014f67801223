using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Tests.Relax;

/// <summary>A tensor of doubles for the reference: row-major data and shape.</summary>
internal sealed record RefTensor(long[] Shape, double[] Data)
{
    public static RefTensor Of(NDArray a) => new(a.Shape, Enumerable.Range(0, (int)a.Size).Select(i => a.GetDouble(i)).ToArray());

    public long[] Strides()
    {
        var s = new long[Shape.Length];
        long acc = 1;
        for (int i = Shape.Length - 1; i >= 0; i--) { s[i] = acc; acc *= Shape[i]; }
        return s;
    }

    public double At(long[] idx) { long o = 0; var st = Strides(); for (int i = 0; i < idx.Length; i++) o += idx[i] * st[i]; return Data[o]; }

    public static IEnumerable<long[]> Indices(long[] shape)
    {
        long n = shape.Aggregate(1L, (p, d) => p * d);
        for (long flat = 0; flat < n; flat++)
        {
            var idx = new long[shape.Length];
            long r = flat;
            for (int i = shape.Length - 1; i >= 0; i--) { idx[i] = r % shape[i]; r /= shape[i]; }
            yield return idx;
        }
    }

    public static RefTensor Build(long[] shape, Func<long[], double> f) => new(shape, Indices(shape).Select(f).ToArray());
}

/// <summary>
/// Independent reference for the Relax operators, written as plain loops over doubles from each operator's
/// definition (numpy / PyTorch semantics), not from the legalized PrimFuncs.
/// </summary>
internal static class ReferenceOps
{
    public static RefTensor Eval(RCall c, IReadOnlyList<RefTensor> a)
    {
        var op = OpRegistry.Get(c.Op);
        var outShape = ((TensorStructInfo)c.Info).ConstShape()!;
        var at = c.Attrs;
        switch (op.LegalName)
        {
            case "add": return Bin(a, outShape, (x, y) => x + y);
            case "subtract": return Bin(a, outShape, (x, y) => x - y);
            case "multiply": return Bin(a, outShape, (x, y) => x * y);
            case "divide": return Bin(a, outShape, (x, y) => x / y);
            case "maximum": return Bin(a, outShape, Math.Max);
            case "relu": return Map(a[0], x => Math.Max(x, 0));
            case "exp": return Map(a[0], Math.Exp);
            case "sqrt": return Map(a[0], Math.Sqrt);
            case "tanh": return Map(a[0], Math.Tanh);
            case "sigmoid": return Map(a[0], Sigmoid);
            case "silu": return Map(a[0], x => x * Sigmoid(x));
            case "gelu": return Map(a[0], x => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))));
            case "gelu_tanh": return Map(a[0], x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
            case "cast": return a[0];
            case "matmul": return Matmul(a[0], a[1], outShape);
            case "softmax": return Softmax(a[0], (int)at.Int("axis"), log: false);
            case "log_softmax": return Softmax(a[0], (int)at.Int("axis"), log: true);
            case "layer_norm": return Norm(a, at.Ints("axes")!, at.Float("epsilon"), rms: false);
            case "rms_norm": return Norm(a, at.Ints("axes")!, at.Float("epsilon"), rms: true);
            case "transpose":
            {
                var perm = OpRegistry.Permutation(at, a[0].Shape.Length, "");
                return RefTensor.Build(outShape, o => { var i = new long[o.Length]; for (int j = 0; j < o.Length; j++) i[perm[j]] = o[j]; return a[0].At(i); });
            }
            case "reshape": return new RefTensor(outShape, a[0].Data);
            case "take": return Take(a[0], a[1], at, outShape);
            case "sum" or "mean" or "max": return Reduce(a[0], at, op.LegalName, outShape);
            case "conv2d": return Conv2d(a[0], a[1], at, outShape);
            case "max_pool2d" or "avg_pool2d": return Pool(a[0], at, op.LegalName == "max_pool2d", outShape);
        }
        throw new NotSupportedException(op.Name);
    }

    /// <summary>numpy.take: indices replace the axis (or index x flattened); clip clamps, wrap takes them modulo the extent.</summary>
    private static RefTensor Take(RefTensor x, RefTensor ids, OpAttrs at, long[] outShape)
    {
        int? axis = at["axis"] is null ? null : (int)(at.Int("axis") < 0 ? at.Int("axis") + x.Shape.Length : at.Int("axis"));
        long n = axis is { } ax ? x.Shape[ax] : x.Data.Length;
        int ni = ids.Shape.Length;
        return RefTensor.Build(outShape, o =>
        {
            int lead = axis ?? 0;
            long k = (long)ids.At(o[lead..(lead + ni)]);
            k = at.Str("mode") switch { "clip" => Math.Clamp(k, 0, n - 1), "wrap" => ((k % n) + n) % n, _ => k };
            return axis is { } a ? x.At([.. o[..a], k, .. o[(a + ni)..]]) : x.Data[k];
        });
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Abramowitz–Stegun 7.1.26 is too coarse for a float32 oracle; use the series / continued fraction.</summary>
    private static double Erf(double x)
    {
        double t = Math.Abs(x);
        if (t < 3)
        {
            double sum = 0, term = t;
            for (int n = 0; n < 100; n++) { sum += term / (2 * n + 1); term *= -t * t / (n + 1); }
            return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
        }
        return Math.Sign(x) * (1 - Math.Exp(-t * t) / (t * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * t * t)));
    }

    private static RefTensor Map(RefTensor a, Func<double, double> f) => new(a.Shape, a.Data.Select(f).ToArray());

    private static long[] Bcast(long[] o, long[] shape)
    {
        var i = new long[shape.Length];
        int off = o.Length - shape.Length;
        for (int j = 0; j < shape.Length; j++) i[j] = shape[j] == 1 ? 0 : o[off + j];
        return i;
    }

    private static RefTensor Bin(IReadOnlyList<RefTensor> a, long[] outShape, Func<double, double, double> f) =>
        RefTensor.Build(outShape, o => f(a[0].At(Bcast(o, a[0].Shape)), a[1].At(Bcast(o, a[1].Shape))));

    private static RefTensor Matmul(RefTensor x, RefTensor y, long[] outShape)
    {
        var xs = x.Shape.Length == 1 ? new[] { 1L, x.Shape[0] } : x.Shape;
        var ys = y.Shape.Length == 1 ? new[] { y.Shape[0], 1L } : y.Shape;
        long k = xs[^1];
        var full = outShape.ToList();
        if (x.Shape.Length == 1) full.Insert(full.Count - (y.Shape.Length == 1 ? 0 : 1), 1);
        if (y.Shape.Length == 1) full.Add(1);
        var fs = full.ToArray();
        var r = RefTensor.Build(fs, o =>
        {
            double s = 0;
            for (long kk = 0; kk < k; kk++)
            {
                var xi = Bcast(o[..^2], xs[..^2]).Append(o[^2]).Append(kk).ToArray();
                var yi = Bcast(o[..^2], ys[..^2]).Append(kk).Append(o[^1]).ToArray();
                s += new RefTensor(xs, x.Data).At(xi) * new RefTensor(ys, y.Data).At(yi);
            }
            return s;
        });
        return new RefTensor(outShape, r.Data);
    }

    private static RefTensor Softmax(RefTensor a, int axis, bool log)
    {
        if (axis < 0) axis += a.Shape.Length;
        return RefTensor.Build(a.Shape, o =>
        {
            var row = Enumerable.Range(0, (int)a.Shape[axis]).Select(k => { var i = (long[])o.Clone(); i[axis] = k; return a.At(i); }).ToArray();
            double m = row.Max(), sum = row.Sum(v => Math.Exp(v - m)), x = a.At(o);
            return log ? x - m - Math.Log(sum) : Math.Exp(x - m) / sum;
        });
    }

    private static RefTensor Norm(IReadOnlyList<RefTensor> a, long[] axesRaw, double eps, bool rms)
    {
        var x = a[0];
        var axes = axesRaw.Select(v => (int)(v < 0 ? v + x.Shape.Length : v)).ToArray();
        return RefTensor.Build(x.Shape, o =>
        {
            var group = RefTensor.Indices(axes.Select(ax => x.Shape[ax]).ToArray()).Select(r =>
            {
                var i = (long[])o.Clone();
                for (int j = 0; j < axes.Length; j++) i[axes[j]] = r[j];
                return x.At(i);
            }).ToArray();
            var gi = axes.Select(ax => o[ax]).ToArray();
            if (rms) return x.At(o) / Math.Sqrt(group.Average(v => v * v) + eps) * a[1].At(gi);
            double mean = group.Average(), var_ = group.Average(v => (v - mean) * (v - mean));
            return (x.At(o) - mean) / Math.Sqrt(var_ + eps) * a[1].At(gi) + a[2].At(gi);
        });
    }

    private static RefTensor Reduce(RefTensor x, OpAttrs at, string op, long[] outShape)
    {
        var axes = OpRegistry.ReduceAxes(at, x.Shape.Length, op);
        var acc = new Dictionary<string, List<double>>();
        foreach (var i in RefTensor.Indices(x.Shape))
        {
            var key = string.Join(",", i.Where((_, d) => !axes.Contains(d)));
            if (!acc.TryGetValue(key, out var l)) acc[key] = l = [];
            l.Add(x.At(i));
        }
        var vals = acc.Values.Select(l => op == "sum" ? l.Sum() : op == "mean" ? l.Average() : l.Max()).ToArray();
        return new RefTensor(outShape, vals);
    }

    private static RefTensor Conv2d(RefTensor x, RefTensor w, OpAttrs at, long[] outShape)
    {
        string dl = at.Str("data_layout")!, kl = at.Str("kernel_layout")!;
        long g = at.Int("groups");
        var st = at.Ints("strides")!;
        var dil = at.Ints("dilation")!;
        var p = OpRegistry.Pad4(at.Ints("padding")!, "");
        long C = x.Shape[dl.IndexOf('C')], H = x.Shape[dl.IndexOf('H')], W = x.Shape[dl.IndexOf('W')];
        long O = w.Shape[kl.IndexOf('O')], KH = w.Shape[kl.IndexOf('H')], KW = w.Shape[kl.IndexOf('W')];
        long cg = C / g, og = O / g;
        string ol = at.Str("out_layout")!;
        return RefTensor.Build(outShape, o =>
        {
            long n = o[ol.IndexOf('N')], f = o[ol.IndexOf('C')], y = o[ol.IndexOf('H')], xx = o[ol.IndexOf('W')];
            double s = 0;
            for (long c = 0; c < cg; c++)
            for (long ky = 0; ky < KH; ky++)
            for (long kx = 0; kx < KW; kx++)
            {
                long iy = y * st[0] + ky * dil[0] - p[0], ix = xx * st[1] + kx * dil[1] - p[1];
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                var di = new long[4]; di[dl.IndexOf('N')] = n; di[dl.IndexOf('C')] = f / og * cg + c; di[dl.IndexOf('H')] = iy; di[dl.IndexOf('W')] = ix;
                var wi = new long[4]; wi[kl.IndexOf('O')] = f; wi[kl.IndexOf('I')] = c; wi[kl.IndexOf('H')] = ky; wi[kl.IndexOf('W')] = kx;
                s += x.At(di) * w.At(wi);
            }
            return s;
        });
    }

    private static RefTensor Pool(RefTensor x, OpAttrs at, bool max, long[] outShape)
    {
        string l = at.Str("layout")!;
        var k = at.Ints("pool_size")!;
        var st = at.Ints("strides")!;
        var dil = at.Ints("dilation")!;
        var p = OpRegistry.Pad4(at.Ints("padding")!, "");
        bool incl = at.Bool("count_include_pad");
        int hp = l.IndexOf('H'), wp = l.IndexOf('W');
        return RefTensor.Build(outShape, o =>
        {
            double acc = max ? double.NegativeInfinity : 0;
            long count = 0;
            for (long ky = 0; ky < k[0]; ky++)
            for (long kx = 0; kx < k[1]; kx++)
            {
                long iy = o[hp] * st[0] + ky * dil[0] - p[0], ix = o[wp] * st[1] + kx * dil[1] - p[1];
                bool inside = iy >= 0 && iy < x.Shape[hp] && ix >= 0 && ix < x.Shape[wp];
                if (!inside) { if (incl && iy < x.Shape[hp] + p[2] && ix < x.Shape[wp] + p[3]) count++; continue; }
                var i = (long[])o.Clone(); i[hp] = iy; i[wp] = ix;
                double v = x.At(i);
                acc = max ? Math.Max(acc, v) : acc + v;
                count++;
            }
            return max ? acc : acc / count;
        });
    }
}
