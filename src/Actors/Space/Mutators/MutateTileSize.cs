using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Mutators;

/// <summary>
/// TVM's MutateTileSize (probability 0.9 on CPU): picks a SamplePerfectTile decision with at least two factors and
/// a product ≥ 2, a source factor x &gt; 1 and another position y, and moves a divisor d &gt; 1 of tiles[x] from x to y;
/// when y is the innermost position, d·tiles[y] must stay within max_innermost_factor (retrying another pair, or
/// giving up with two factors). The product — the loop extent — is unchanged. Decisions are scanned in instruction
/// order (TVM iterates a hash map). The cooperative-fetch vectorize branch of TVM does not arise on CPU.
/// </summary>
public sealed class MutateTileSize : IMutator
{
    public string Name => "MutateTileSize";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        var cands = new List<(Instruction Inst, long[] Tiles)>();
        foreach (var inst in trace.Instructions)
        {
            if (inst.Kind.Name != SamplePerfectTilePrimitive.Name || trace.GetDecision(inst) is not { } d) continue;
            var tiles = Decisions.Longs(d);
            if (tiles.Length >= 2 && tiles.Aggregate(1L, (a, b) => a * b) >= 2) cands.Add((inst, tiles));
        }
        if (cands.Count == 0) return null;
        var (chosen, original) = cands[rand.SampleInt(0, cands.Count)];
        var t = (long[])original.Clone();
        int n = t.Length;
        long limit = Decisions.Long(chosen.Attrs[1]);
        while (true)
        {
            int x = rand.SampleInt(0, n);
            if (t[x] <= 1) continue;
            int y = rand.SampleInt(0, n - 1);
            if (y >= x) y++;
            var factors = Divisors(t[x]);
            long divide;
            if (y != n - 1) divide = factors[rand.SampleInt(1, factors.Count)];
            else
            {
                int maxIdx = factors.Count - 1;
                for (; maxIdx >= 1; maxIdx--)
                    if (factors[maxIdx] * t[y] <= limit) break;
                if (maxIdx == 0)
                {
                    if (n <= 2) return null;
                    continue;
                }
                divide = factors[rand.SampleInt(1, maxIdx + 1)];
            }
            t[x] /= divide;
            t[y] *= divide;
            return trace.WithDecision(chosen, t, removePostproc: true);
        }
    }

    /// <summary>The divisors of n in increasing order.</summary>
    private static List<long> Divisors(long n)
    {
        var r = new List<long>();
        for (long i = 1; i * i <= n; i++)
            if (n % i == 0) { r.Add(i); if (i * i != n) r.Add(n / i); }
        r.Sort();
        return r;
    }
}
