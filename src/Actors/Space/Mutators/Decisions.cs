using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Mutators;

/// <summary>Reading decisions and attrs of traced instructions, whatever list/number type they travel as.</summary>
internal static class Decisions
{
    public static long[] Longs(object? o) => o switch
    {
        long[] a => a,
        System.Collections.IEnumerable e and not string => e.Cast<object?>().Select(Long).ToArray(),
        _ => throw new FormatException($"expected a list of integers, got {o}"),
    };

    public static long Long(object? o) => o switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        _ => throw new FormatException($"expected an integer, got {o}"),
    };

    public static double[] Doubles(object? o) => o switch
    {
        System.Collections.IEnumerable e and not string => e.Cast<object?>().Select(x => x switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => i,
            _ => throw new FormatException($"expected a number, got {x}"),
        }).ToArray(),
        _ => throw new FormatException($"expected a list of numbers, got {o}"),
    };

    /// <summary>TVM's MakeMultinomialSampler: a forked engine draws p uniform in [0, Σw) and takes the first cumulative weight ≥ p.</summary>
    public static int Multinomial(RandomEngine rand, IReadOnlyList<double> weights)
    {
        var engine = new RandomEngine(rand.ForkSeed());
        double sum = 0;
        var sums = weights.Select(w => sum += w).ToArray();
        double p = engine.Canonical() * sum;
        int idx = Array.FindIndex(sums, s => s >= p);
        return idx < 0 ? sums.Length - 1 : idx;
    }

    public static bool IsAnnotate(Instruction inst, string key) =>
        inst.Kind.Name == "Annotate" && inst.Attrs.Count == 1 && inst.Attrs[0] as string == key;
}
