namespace Tuner.Ir.Tests.Workloads;

/// <summary>
/// Each library workload written again as plain C# loops in double precision, straight from TVM te_workload's
/// definitions: the oracle the generated TVMScript is checked against. Each takes the shape numbers and the
/// parameter arrays (inputs filled, outputs ignored) and returns the expected output.
/// </summary>
internal static class HandReferences
{
    public static readonly IReadOnlyDictionary<string, Func<long[], NDArray[], double[]>> All = new Dictionary<string, Func<long[], NDArray[], double[]>>
    {
        ["GMM"] = (s, a) => Fill([s[0], s[1], s[2]], o => Sum(s[3], k => At(a[0], o[0], o[1], k) * At(a[1], o[0], k, o[2]))),
        ["MM"] = (s, a) => Fill([s[0], s[1]], o => Sum(s[2], k => At(a[0], o[0], k) * At(a[1], k, o[1]))),
        ["MMR"] = (s, a) => Fill([s[0], s[1]], o => Math.Max(0, Sum(s[2], k => At(a[0], o[0], k) * At(a[1], k, o[1])))),
        ["C1D"] = (s, a) => Conv(a[0], a[1], s[4], s[5], s[6], 1, 1, spatial: 1, (x, w, o, r) => x([o[0], o[1], r[^1]]) * w([r[0], r[1], o[2]])),
        ["C2D"] = (s, a) => Conv2d(s, a),
        ["DIL"] = (s, a) => Conv2d(s, a),
        ["GRP"] = (s, a) => Conv2d(s, a),
        ["C3D"] = (s, a) => Conv(a[0], a[1], s[6], s[7], s[8], 1, 1, spatial: 3,
            (x, w, o, r) => x([o[0], o[1], o[2], o[3], r[3]]) * w([r[0], r[1], r[2], r[3], o[4]])),
        ["DEP"] = (s, a) => Conv(a[0], a[1], s[4], s[5], s[6], 1, 1, spatial: 2, (x, w, o, r) => x([o[0], o[1], o[2], o[3]]) * w([0, r[0], r[1], o[3]]), channelsReduced: false),
        ["T2D"] = (s, a) => Conv2dTranspose(s, a[0], a[1]),
        ["CAP"] = (s, a) => Capsule(s, a[0], a[1]),
        ["NRM"] = (s, a) => Fill([s[0]], o => Math.Sqrt(Sum(s[1] * s[2], ij => Sq(At(a[0], o[0], ij / s[2], ij % s[2]))))),
        ["SFM"] = (s, a) => Fill([s[0], s[1]], o =>
        {
            double max = Enumerable.Range(0, (int)s[1]).Max(j => At(a[0], o[0], j));
            return Math.Exp(At(a[0], o[0], o[1]) - max) / Sum(s[1], j => Math.Exp(At(a[0], o[0], j) - max));
        }),
        ["CBR"] = (s, a) =>
        {
            var conv = Conv2d([.. s, 1, 1], a);
            long co = s[4];
            return conv.Select((c, i) => Math.Max(0, (c + At(a[2], i % co)) * At(a[4], i % co) + At(a[3], i % co))).ToArray();
        },
        ["TBG"] = (s, a) => Fill([s[0], s[2], s[1], s[1]], o => Sum(s[3], k => At(a[0], o[0], o[2], o[1], k) * At(a[1], o[0], o[3], o[1], k))),
        ["DBR"] = (s, a) => Fill([s[0], s[1]], o => Math.Max(0, Sum(s[2], k => At(a[0], o[0], k) * At(a[1], o[1], k)) + At(a[2], o[1]))),
        ["Q4MM"] = (s, a) => Fill([s[0], s[1]], o => Sum(s[2], k =>
        {
            long packed = a[1].GetLong(o[1] * (s[2] / 8) + k / 8);
            double q = ((packed >> (int)(4 * (k % 8))) & 15) - 7;
            return At(a[0], o[0], k) * q * At(a[2], o[1], k / s[3]);
        })),
    };

    private static double Sq(double x) => x * x;

    private static double Sum(long n, Func<long, double> term)
    {
        double acc = 0;
        for (long i = 0; i < n; i++) acc += term(i);
        return acc;
    }

    /// <summary>The element of <paramref name="a"/> at a multi-index (C order).</summary>
    public static double At(NDArray a, params long[] index)
    {
        long flat = 0;
        for (int d = 0; d < index.Length; d++) flat = flat * a.Shape[d] + index[d];
        return a.GetDouble(flat);
    }

    /// <summary>Evaluates <paramref name="f"/> at every index of <paramref name="shape"/> in C order.</summary>
    private static double[] Fill(long[] shape, Func<long[], double> f)
    {
        long size = shape.Aggregate(1L, (x, y) => x * y);
        var result = new double[size];
        var idx = new long[shape.Length];
        for (long i = 0; i < size; i++)
        {
            long rest = i;
            for (int d = shape.Length - 1; d >= 0; d--) { idx[d] = rest % shape[d]; rest /= shape[d]; }
            result[i] = f(idx);
        }
        return result;
    }

    private static double[] Conv2d(long[] s, NDArray[] a)
    {
        long ci = s[3], co = s[4], g = s.Length > 9 ? s[9] : 1, d = s.Length > 8 ? s[8] : 1;
        return Conv(a[0], a[1], s[5], s[6], s[7], d, g, spatial: 2,
            (x, w, o, r) => x([o[0], o[1], o[2], o[3] / (co / g) * (ci / g) + r[2]]) * w([r[0], r[1], r[2], o[3]]));
    }

    /// <summary>
    /// A channels-last convolution with zero padding: output position o (batch, spatial…, channel) and reduction
    /// index r (window…, input channel); <paramref name="term"/> reads the input through the window, which maps
    /// o's spatial indices to input positions (out-of-range positions read zero).
    /// </summary>
    private static double[] Conv(NDArray input, NDArray weight, long k, long stride, long pad, long dil, long groups, int spatial,
        Func<Func<long[], double>, Func<long[], double>, long[], long[], double> term, bool channelsReduced = true)
    {
        var outShape = new long[spatial + 2];
        outShape[0] = input.Shape[0];
        for (int i = 1; i <= spatial; i++) outShape[i] = (input.Shape[i] + 2 * pad - dil * (k - 1) - 1) / stride + 1;
        outShape[^1] = weight.Shape[^1];
        long cin = channelsReduced ? weight.Shape[^2] : 1;
        long windows = (long)Math.Pow(k, spatial);
        return Fill(outShape, o => Sum(windows * cin, flat =>
        {
            var r = new long[spatial + 1];
            r[spatial] = flat % cin;
            long w = flat / cin;
            for (int i = spatial - 1; i >= 0; i--) { r[i] = w % k; w /= k; }
            double X(long[] idx)
            {
                // idx holds output spatial positions: shift by the window.
                var p = (long[])idx.Clone();
                for (int i = 1; i <= spatial; i++)
                {
                    p[i] = idx[i] * stride + r[i - 1] * dil - pad;
                    if (p[i] < 0 || p[i] >= input.Shape[i]) return 0;
                }
                return At(input, p);
            }
            return term(X, ix => At(weight, ix), o, r);
        }));
    }

    /// <summary>Transposed convolution by its definition: each input pixel scatters kernel × value into the output.</summary>
    private static double[] Conv2dTranspose(long[] s, NDArray x, NDArray w)
    {
        long n = s[0], h = s[1], wd = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long oh = (h - 1) * st - 2 * p + k, ow = (wd - 1) * st - 2 * p + k;
        var y = new double[n * oh * ow * co];
        for (long b = 0; b < n; b++)
            for (long i = 0; i < h; i++)
                for (long j = 0; j < wd; j++)
                    for (long kh = 0; kh < k; kh++)
                        for (long kw = 0; kw < k; kw++)
                        {
                            long oy = i * st + kh - p, ox = j * st + kw - p;
                            if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                            for (long c = 0; c < ci; c++)
                                for (long o = 0; o < co; o++)
                                    y[((b * oh + oy) * ow + ox) * co + o] += At(x, b, i, j, c) * At(w, kh, kw, c, o);
                        }
        return y;
    }

    private static double[] Capsule(long[] s, NDArray x, NDArray w)
    {
        long n = s[0], h = s[1], wd = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long oh = (h + 2 * p - k) / st + 1, ow = (wd + 2 * p - k) / st + 1;
        return Fill([n, oh, ow, 4, 4, co], o => Sum(k * k * 4 * ci, flat =>
        {
            long rc = flat % ci, capK = flat / ci % 4, rw = flat / ci / 4 % k, rh = flat / ci / 4 / k;
            long y = o[1] * st + rh - p, xx = o[2] * st + rw - p;
            if (y < 0 || y >= h || xx < 0 || xx >= wd) return 0;
            return At(x, o[0], y, xx, o[3], capK, rc) * At(w, rh, rw, capK, o[4], rc, o[5]);
        }));
    }
}
