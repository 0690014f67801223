using Tuner.Actors.CostModel.Features;

namespace Tuner.Actors.CostModel;

/// <summary>
/// TVM's XGBModel with LightGBM: label = best mean time of the workload / candidate's mean time (1 for the best,
/// 0 for failures), pack-sum boosted trees retrained on all data after each update, random scores until
/// <see cref="WarmupSamples"/> candidates were measured (TVM's num_warmup_samples = 100).
/// </summary>
public sealed class GbtCostModel(int seed, int warmupSamples = 100, int rounds = 100) : ICostModel, IDisposable
{
    private readonly Dictionary<string, List<(float[][] Rows, double Secs)>> _data = [];
    private readonly RandomCostModel _random = new(seed);
    private readonly object _lock = new();
    private PackSumBooster? _booster;

    public int WarmupSamples => warmupSamples;
    public int Samples { get { lock (_lock) return _data.Values.Sum(d => d.Count); } }

    public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs)
    {
        lock (_lock)
        {
            if (!_data.TryGetValue(workload, out var list)) _data[workload] = list = [];
            for (int i = 0; i < candidates.Count; i++) list.Add((candidates[i], meanRunSecs[i]));
            if (Samples < warmupSamples) return;
            var groups = new List<float[][]>();
            var labels = new List<double>();
            foreach (var rows in _data.Values)
            {
                double best = rows.Where(r => IsOk(r.Secs)).Select(r => r.Secs).DefaultIfEmpty(double.PositiveInfinity).Min();
                foreach (var (r, secs) in rows)
                {
                    if (r.Length == 0) continue;
                    groups.Add(r);
                    labels.Add(IsOk(secs) && double.IsFinite(best) ? best / secs : 0);
                }
            }
            if (groups.Count == 0) return;
            _booster?.Dispose();
            _booster = PackSumBooster.Fit(groups, labels, FeatureLayout.Count, rounds);
        }
    }

    public double[] Predict(string workload, IReadOnlyList<float[][]> candidates)
    {
        lock (_lock)
        {
            if (_booster is null) return _random.Predict(workload, candidates);
            // Candidates without stores (nothing to score) rank last.
            var scored = _booster.Predict(candidates.Select(c => c.Length == 0 ? [new float[FeatureLayout.Count]] : c).ToArray());
            for (int i = 0; i < candidates.Count; i++) if (candidates[i].Length == 0) scored[i] = double.NegativeInfinity;
            return scored;
        }
    }

    private static bool IsOk(double secs) => double.IsFinite(secs) && secs > 0 && secs < Database.TuningRecord.FailedRunSecs;

    public void Dispose()
    {
        lock (_lock) { _booster?.Dispose(); _booster = null; }
    }
}
