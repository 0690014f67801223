namespace Tuner.Actors.CostModel.Features;

/// <summary>
/// Group 3: arithmetic intensity (float ops / bytes touched) as the loop nest grows from the innermost loop
/// outwards, sampled at 10 points evenly spaced in log2(float ops) and linearly interpolated (TVM's curve).
/// </summary>
internal static class IntensityCurve
{
    public static void Fill(float[] row, double floatOpsPerIter, List<BufferAccess> accesses, IReadOnlyList<LoopFrame> loops)
    {
        int n = loops.Count;
        var xs = new List<double>();
        var ys = new List<double>();
        double ops = floatOpsPerIter;
        for (int level = n; level >= 0; level--)
        {
            if (level < n) ops *= loops[level].Extent;
            double bytes = accesses.Sum(a => a.Touched(loops, level) * a.Buffer.Dtype.Bytes);
            xs.Add(Math.Log2(ops + 1));
            ys.Add(bytes > 0 ? ops / bytes : 0);
        }
        double xMax = xs[^1];
        if (xMax <= 0) return;
        for (int i = 0; i < FeatureLayout.Group3; i++)
        {
            double x = xMax * (i + 1) / FeatureLayout.Group3;
            int k = 0;
            while (k < xs.Count - 1 && xs[k + 1] < x) k++;
            double y;
            if (k >= xs.Count - 1) y = ys[^1];
            else
            {
                double x0 = xs[k], x1 = xs[k + 1];
                y = x1 > x0 ? ys[k] + (ys[k + 1] - ys[k]) * Math.Clamp((x - x0) / (x1 - x0), 0, 1) : ys[k + 1];
            }
            row[FeatureLayout.Group3Start + i] = (float)y;
        }
    }
}
