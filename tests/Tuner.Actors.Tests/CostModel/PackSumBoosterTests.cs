using System.Diagnostics;
using Tuner.Actors.CostModel;

namespace Tuner.Actors.Tests.CostModel;

public sealed class PackSumBoosterTests
{
    // A synthetic "per-store" score: candidate label = sum over its rows of a nonlinear function of the features.
    private static double RowScore(float[] r) => Math.Max(0, r[0] - 0.3) * 2 + (r[1] > 0.5 ? 0.5 : 0) + r[2] * r[3];

    private static (List<float[][]> Groups, List<double> Labels) Make(int candidates, int features, int seed)
    {
        var rng = new Random(seed);
        var groups = new List<float[][]>();
        var labels = new List<double>();
        for (int c = 0; c < candidates; c++)
        {
            var rows = Enumerable.Range(0, 1 + rng.Next(4))
                .Select(_ => Enumerable.Range(0, features).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
            groups.Add(rows);
            labels.Add(rows.Sum(RowScore));
        }
        return (groups, labels);
    }

    private static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void The_sum_of_row_predictions_learns_a_per_row_additive_score_on_held_out_candidates()
    {
        const int features = 8;
        var (trainG, trainY) = Make(2000, features, 1);
        var (testG, testY) = Make(300, features, 2);
        var sw = Stopwatch.StartNew();
        using var model = PackSumBooster.Fit(trainG, trainY, features, rounds: 60);
        var fit = sw.Elapsed;
        var pred = model.Predict(testG);
        Assert.Equal(testG.Count, pred.Length);
        // A model that ignored the pack structure (predicting per-row labels) or the features would fall far below this.
        Assert.True(Pearson(pred, testY) > 0.9, $"correlation {Pearson(pred, testY):F3} (fit {fit.TotalMilliseconds:F0} ms)");
    }

    [Fact]
    public void Predictions_are_deterministic_for_the_same_data()
    {
        var (g, y) = Make(300, 6, 3);
        using var a = PackSumBooster.Fit(g, y, 6, rounds: 20);
        using var b = PackSumBooster.Fit(g, y, 6, rounds: 20);
        Assert.Equal(a.Predict(g), b.Predict(g));
    }
}
