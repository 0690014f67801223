namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's sample_perfect_tile(loop, n, max_innermost_factor, decision): n factors whose product is the loop extent,
/// drawn as TVM does — each prime power of the extent spread over the n slots — and redrawn while the innermost
/// exceeds max_innermost_factor (−1: no limit). A loop with a non-constant extent gives [−1, 1, ...].
/// Replaying a decision repairs it as TVM: innermost first, a factor that no longer divides what is left becomes all
/// of it, the outermost absorbs the rest. Preconditions: n ≥ 1 (≥ 2 with a limit); max_innermost_factor is −1 or ≥ 1;
/// a decision has n factors. Pure.
/// </summary>
public static class SamplePerfectTilePrimitive
{
    public const string Name = "SamplePerfectTile";

    public static long[] Sample(RandomEngine rand, For loop, int n, int maxInnermostFactor, IReadOnlyList<long>? decision)
    {
        if (n < 1) throw new ScheduleError(Name, $"loop '{loop.LoopVar.Name}': cannot tile into {n} parts");
        if (maxInnermostFactor != -1 && maxInnermostFactor < 1)
            throw new ScheduleError(Name, $"max_innermost_factor must be -1 or positive, got {maxInnermostFactor}");
        if (E.AsConst(loop.Extent) is not { } extent)
        {
            var r = Enumerable.Repeat(1L, n).ToArray();
            r[0] = -1;
            return r;
        }
        if (decision is not null)
        {
            if (decision.Count != n) throw new ScheduleError(Name, $"loop '{loop.LoopVar.Name}': decision has {decision.Count} factors, expected {n}");
            return Repair(extent, decision);
        }
        if (extent < 1 || extent > int.MaxValue) throw new ScheduleError(Name, $"loop '{loop.LoopVar.Name}' has extent {extent}, which cannot be tiled");
        if (maxInnermostFactor == -1) return Tile(rand, (int)extent, n);
        if (n < 2) throw new ScheduleError(Name, $"loop '{loop.LoopVar.Name}': cannot tile into {n} parts with an innermost limit");
        while (true)
        {
            var r = Tile(rand, (int)extent, n);
            if (r[^1] <= maxInnermostFactor) return r;
        }
    }

    /// <summary>TVM's repair of a stale decision: innermost first, keep factors that divide the rest.</summary>
    public static long[] Repair(long extent, IReadOnlyList<long> decision)
    {
        var r = decision.ToArray();
        long len = extent;
        for (int i = r.Length - 1; i > 0; i--)
        {
            if (r[i] <= 0 || len % r[i] != 0) r[i] = len;
            len /= r[i];
        }
        r[0] = len;
        return r;
    }

    /// <summary>TVM's SamplePerfectTile(extent, n_splits) without a limit.</summary>
    public static long[] Tile(RandomEngine rand, int extent, int n)
    {
        if (n == 1) return [extent];
        if (extent == 1) return Enumerable.Repeat(1L, n).ToArray();
        var factors = Factorize(extent);
        if (n == 2)
        {
            long r0 = 1, r1 = 1;
            foreach (var (p, e, large) in factors)
            {
                if (large)
                {
                    if (rand.SampleInt(0, 2) != 0) r1 *= p; else r0 *= p;
                    continue;
                }
                int x1 = rand.SampleInt(0, e + 1);
                r0 *= Pow(p, x1);
                r1 *= Pow(p, e - x1);
            }
            return [r0, r1];
        }
        var result = Enumerable.Repeat(1L, n).ToArray();
        foreach (var (p, e, large) in factors)
        {
            if (large || e == 1)
            {
                result[rand.SampleInt(0, n)] *= p;
                continue;
            }
            // Uniform over x_1 + ... + x_n = e: choose n−1 bars among e + n − 1 places.
            var bars = SampleWithoutReplacement(rand, e + n - 1, n - 1);
            bars.Sort();
            bars.Add(e + n - 1);
            for (int i = 0, last = -1; i < n; i++)
            {
                int x = bars[i] - last - 1;
                last = bars[i];
                result[i] *= Pow(p, x);
            }
        }
        return result;
    }

    private static List<int> SampleWithoutReplacement(RandomEngine rand, int n, int k)
    {
        if (k == 1) return [rand.SampleInt(0, n)];
        if (k == 2)
        {
            int a = rand.SampleInt(0, n);
            int b = rand.SampleInt(0, n - 1);
            if (b >= a) b++;
            return [a, b];
        }
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = rand.SampleInt(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(k).ToList();
    }

    /// <summary>
    /// Prime powers of n in increasing prime order, as TVM's prime table: a remaining cofactor ≥ 65536 that trial
    /// division leaves is a prime flagged "large" (TVM samples those differently when n = 2).
    /// </summary>
    private static List<(long Prime, int Exp, bool Large)> Factorize(int n)
    {
        const int maxPrime = 65536;
        var result = new List<(long, int, bool)>();
        long m = n;
        for (long p = 2; p * p <= m; p++)
        {
            if (m < maxPrime) break;
            int e = 0;
            while (m % p == 0) { m /= p; e++; }
            if (e > 0) result.Add((p, e, false));
        }
        if (m >= maxPrime) { result.Add((m, 1, true)); return result; }
        for (long p = 2; m > 1; p++)
        {
            int e = 0;
            while (m % p == 0) { m /= p; e++; }
            if (e > 0) result.Add((p, e, false));
        }
        return result;
    }

    private static long Pow(long p, int e)
    {
        long r = 1;
        for (int i = 0; i < e; i++) r *= p;
        return r;
    }

    /// <summary>Inputs [loop]; attrs [n, max_innermost_factor]; outputs [factors...]; decision: the factors.</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true, (sch, inputs, attrs, decision) =>
        sch.SamplePerfectTile(Args.Rv<LoopRV>(inputs[0], "loop"), (int)Args.Long(attrs[0], "n"), (int)Args.Long(attrs[1], "max_innermost_factor"),
            decision is null ? null : Args.List(decision, "decision").Select(x => Args.Long(x, "factor")).ToList()));
}
