namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's linear congruential engine (support/random_engine.h): state' = state·48271 mod (2^31−1), values in
/// [0, 2^31−2]. The distributions below reproduce libstdc++'s (uniform_int_distribution, discrete_distribution via
/// generate_canonical), which is what TVM's samplers draw through, so a seed gives the same decisions as TVM.
/// </summary>
public sealed class RandomEngine
{
    public const long Multiplier = 48271;
    public const long Modulus = 2147483647;

    /// <summary>The current state (always in [1, Modulus−1]).</summary>
    public long State { get; private set; }

    /// <summary>Seeds as TVM: −1 draws a random seed, otherwise seed mod Modulus, 0 becomes 1.</summary>
    public RandomEngine(long seed) => Seed(seed);

    public void Seed(long seed)
    {
        if (seed == -1) seed = Random.Shared.NextInt64(0, Modulus);
        else if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), $"seed must be -1 or non-negative, got {seed}");
        else seed %= Modulus;
        if (seed == 0) seed = 1;
        State = seed;
    }

    /// <summary>Advances the state and returns it.</summary>
    public long Next()
    {
        State = State * Multiplier % Modulus;
        return State;
    }

    /// <summary>A seed for an independent engine: (next · 32767) mod 1999999973 (both primes), as TVM's ForkSeed.</summary>
    public long ForkSeed() => Next() * 32767 % 1999999973;

    /// <summary>libstdc++ uniform_int_distribution&lt;int32&gt;(min, max) over this engine (rejection, then division).</summary>
    public int UniformInt(int minInclusive, int maxInclusive)
    {
        ulong urngRange = Modulus - 1;
        ulong uRange = (ulong)((long)maxInclusive - minInclusive);
        if (uRange == 0) return minInclusive;
        ulong eRange = uRange + 1;
        ulong scaling = urngRange / eRange;
        ulong past = eRange * scaling;
        ulong ret;
        do ret = (ulong)Next(); while (ret >= past);
        return (int)(ret / scaling + (ulong)(long)minInclusive);
    }

    /// <summary>TVM's SampleInt: uniform in [min, max); no draw when the range has one value.</summary>
    public int SampleInt(int minInclusive, int maxExclusive)
    {
        if (minInclusive >= maxExclusive) throw new ArgumentException("max_exclusive must be greater than min_inclusive");
        return minInclusive + 1 == maxExclusive ? minInclusive : UniformInt(minInclusive, maxExclusive - 1);
    }

    /// <summary>libstdc++ generate_canonical&lt;double, 53&gt;: two draws combined into [0, 1).</summary>
    public double Canonical()
    {
        const double r = Modulus; // max − min + 1
        double sum = 0, tmp = 1;
        for (int k = 0; k < 2; k++)
        {
            sum += Next() * tmp;
            tmp *= r;
        }
        double ret = sum / tmp;
        return ret >= 1 ? Math.BitDecrement(1.0) : ret;
    }

    /// <summary>libstdc++ discrete_distribution: fewer than two weights give 0 without a draw.</summary>
    public int Discrete(IReadOnlyList<double> weights)
    {
        if (weights.Count < 2) return 0;
        double total = 0;
        foreach (var w in weights) total += w;
        var cp = new double[weights.Count];
        double acc = 0;
        for (int i = 0; i < cp.Length; i++) { acc += weights[i] / total; cp[i] = acc; }
        cp[^1] = 1.0;
        double p = Canonical();
        int lo = 0, hi = cp.Length; // lower_bound
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (cp[mid] < p) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
