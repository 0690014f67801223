namespace Tuner.Actors.CostModel;

/// <summary>
/// Predicts how good candidates are (higher is better) from their feature rows, and learns from measured ones.
/// A candidate is its rows (one per BufferStore, <see cref="Features.PerStoreFeature"/>).
/// </summary>
public interface ICostModel
{
    /// <summary>Adds measured candidates of one workload: their rows and mean run seconds (failed: +∞ / ≥ 1e10).</summary>
    void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs);

    /// <summary>One score per candidate; higher means predicted faster.</summary>
    double[] Predict(string workload, IReadOnlyList<float[][]> candidates);
}

/// <summary>Uniform random scores (TVM's RandomModel), for ablations and before enough data exists.</summary>
public sealed class RandomCostModel(int seed) : ICostModel
{
    private readonly Random _rng = new(seed);

    public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs) { }

    public double[] Predict(string workload, IReadOnlyList<float[][]> candidates)
    {
        lock (_rng) return candidates.Select(_ => _rng.NextDouble()).ToArray();
    }
}
