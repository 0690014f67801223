using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>
/// Runs many independent trace applications on all cores while staying reproducible: the seeds are forked from the
/// strategy's engine up front, in order, so results depend on the seed and not on thread timing.
/// </summary>
internal static class ParallelSampling
{
    public static T?[] Map<T>(RandomEngine rand, int count, Func<int, RandomEngine, T?> body) where T : class
    {
        var seeds = new long[count];
        for (int i = 0; i < count; i++) seeds[i] = rand.ForkSeed();
        var results = new T?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = body(i, new RandomEngine(seeds[i])));
        return results;
    }
}
