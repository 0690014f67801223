using Tuner.Ir;

namespace Tuner.Actors.CostModel.Features;

/// <summary>How one store statement touches one buffer: its accesses (as affine indices) and whether it reads/writes.</summary>
internal sealed class BufferAccess(Ir.Buffer buffer)
{
    public Ir.Buffer Buffer { get; } = buffer;
    public List<AffineIndex[]> Indices { get; } = [];
    public bool Read { get; set; }
    public bool Write { get; set; }

    public static List<BufferAccess> Collect(BufferStore st, IReadOnlyList<LoopFrame> loops)
    {
        var map = new Dictionary<Ir.Buffer, BufferAccess>();
        BufferAccess Get(Ir.Buffer b) => map.TryGetValue(b, out var a) ? a : map[b] = new BufferAccess(b);
        var w = Get(st.Buffer);
        w.Write = true;
        w.Indices.Add(st.Indices.Select(AffineIndex.Of).ToArray());
        NodeWalker.Walk(new Evaluate(st.Value), onExpr: e =>
        {
            if (e is BufferLoad l)
            {
                var a = Get(l.Buffer);
                a.Read = true;
                a.Indices.Add(l.Indices.Select(AffineIndex.Of).ToArray());
            }
        });
        return map.Values.ToList();
    }

    /// <summary>Unique elements touched while loops [from..] run (outer loops fixed): per-dimension spread, capped by the shape.</summary>
    public double Touched(IReadOnlyList<LoopFrame> loops, int from)
    {
        double total = 1;
        for (int d = 0; d < Buffer.Rank; d++) total *= DimExtent(loops, from, d);
        return total;
    }

    private double DimExtent(IReadOnlyList<LoopFrame> loops, int from, int d)
    {
        double best = 1;
        foreach (var acc in Indices)
        {
            double span = 1;
            for (int l = from; l < loops.Count; l++) span += Math.Abs(acc[d].Coef(loops[l].Var)) * (loops[l].Extent - 1);
            best = Math.Max(best, span);
        }
        double cap = Buffer.Shape[d] is IntImm s ? s.Value : double.MaxValue;
        return Math.Min(best, cap);
    }

    /// <summary>Elements between consecutive iterations of the innermost loop that moves this buffer's address (row-major).</summary>
    public double InnermostStride(IReadOnlyList<LoopFrame> loops)
    {
        var shape = Buffer.ConstShape() ?? Enumerable.Repeat(1L, Buffer.Rank).ToArray();
        for (int l = loops.Count - 1; l >= 0; l--)
        {
            double stride = 0, mult = 1;
            for (int d = Buffer.Rank - 1; d >= 0; d--)
            {
                stride += Math.Abs(Indices[0][d].Coef(loops[l].Var)) * mult;
                mult *= shape[d];
            }
            if (stride != 0) return stride;
        }
        return 0;
    }

    /// <summary>Fills group 2: the five buffers with the most bytes accessed, 18 values each.</summary>
    public static void Fill(float[] row, List<BufferAccess> accesses, IReadOnlyList<LoopFrame> loops)
    {
        double prod = loops.Aggregate(1.0, (p, l) => p * l.Extent);
        var feats = accesses.Select(a => (a, f: a.Features(loops, prod))).OrderByDescending(x => x.f[FeatureLayout.Bytes]).Take(FeatureLayout.Buffers).ToList();
        for (int k = 0; k < feats.Count; k++)
            Array.Copy(feats[k].f, 0, row, FeatureLayout.Group2Start + k * FeatureLayout.BufferFeatures, FeatureLayout.BufferFeatures);
    }

    private float[] Features(IReadOnlyList<LoopFrame> loops, double prod)
    {
        var f = new float[FeatureLayout.BufferFeatures];
        int bytesPer = Buffer.Dtype.Bytes;
        f[Read && Write ? FeatureLayout.AccReadWrite : Write ? FeatureLayout.AccWrite : FeatureLayout.AccRead] = 1;
        double bytes = prod * bytesPer * Indices.Count;
        double unique = Touched(loops, 0) * bytesPer;
        double stride = InnermostStride(loops);
        double inner = loops.Count > 0 ? loops[^1].Extent : 1;
        double linesPerInner = stride == 0 ? 1 : Math.Min(inner, Math.Ceiling(inner * stride * bytesPer / PerStoreFeature.CacheLineBytes));
        double lines = prod / inner * linesPerInner * Indices.Count;
        double uniqueLines = Math.Max(1, Math.Ceiling(unique / PerStoreFeature.CacheLineBytes));

        // Reuse: the innermost loop whose variable none of the accesses uses.
        int reuseLoop = -1;
        for (int l = loops.Count - 1; l >= 0 && reuseLoop < 0; l--)
            if (loops[l].Extent > 1 && Indices.All(acc => acc.All(ix => ix.Coef(loops[l].Var) == 0))) reuseLoop = l;
        double disIter = 0, disBytes = 0, ct = 0;
        if (reuseLoop >= 0)
        {
            f[FeatureLayout.ReuseLoopMultipleRead] = 1;
            disIter = loops.Skip(reuseLoop + 1).Aggregate(1.0, (p, l) => p * l.Extent);
            disBytes = Touched(loops, reuseLoop + 1) * bytesPer;
            ct = loops[reuseLoop].Extent;
        }
        else if (Read && Write || Indices.Count > 1)
        {
            f[FeatureLayout.ReuseSerialMultipleReadWrite] = 1;
            disIter = 1;
            disBytes = bytesPer;
            ct = Indices.Count;
        }
        else f[FeatureLayout.ReuseNone] = 1;
        double div = Math.Max(1, ct);
        f[FeatureLayout.Bytes] = FeatureLayout.Slog(bytes);
        f[FeatureLayout.UniqueBytes] = FeatureLayout.Slog(unique);
        f[FeatureLayout.Lines] = FeatureLayout.Slog(lines);
        f[FeatureLayout.UniqueLines] = FeatureLayout.Slog(uniqueLines);
        f[FeatureLayout.ReuseDisIter] = FeatureLayout.Slog(disIter);
        f[FeatureLayout.ReuseDisBytes] = FeatureLayout.Slog(disBytes);
        f[FeatureLayout.ReuseCt] = FeatureLayout.Slog(ct);
        f[FeatureLayout.BytesDReuseCt] = FeatureLayout.Slog(bytes / div);
        f[FeatureLayout.UniqueBytesDReuseCt] = FeatureLayout.Slog(unique / div);
        f[FeatureLayout.LinesDReuseCt] = FeatureLayout.Slog(lines / div);
        f[FeatureLayout.UniqueLinesDReuseCt] = FeatureLayout.Slog(uniqueLines / div);
        f[FeatureLayout.Stride] = FeatureLayout.Slog(stride);
        return f;
    }
}
