using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

public sealed partial class EvolutionaryStrategy
{
    /// <summary>The best measured programs (database top-k), re-created from their traces; they seed the population.</summary>
    private List<SampledProgram> PickBestFromDatabase(int k)
    {
        if (k <= 0) return [];
        var traces = _bestMeasured(k);
        var seeds = new long[traces.Count];
        for (int i = 0; i < seeds.Length; i++) seeds[i] = _rand.ForkSeed();
        var result = new SampledProgram?[traces.Count];
        Parallel.For(0, traces.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => result[i] = _applier.Apply(traces[i], seeds[i]));
        return result.OfType<SampledProgram>().ToList();
    }

    /// <summary>
    /// <paramref name="num"/> programs from design-space traces replayed with fresh decisions (repeated passes while
    /// short, until <see cref="EvolutionaryOptions.MaxFailCount"/> passes in a row yield nothing). As in TVM they may
    /// include measured programs; those never reach the batch.
    /// </summary>
    private List<SampledProgram> SampleInitPopulation(int num)
    {
        var result = new List<SampledProgram>();
        for (int fails = 0; result.Count < num && fails < _o.MaxFailCount;)
        {
            var batch = ParallelSampling.Map(_rand, num - result.Count, (_, r) =>
                _applier.Apply(_designSpace![r.SampleInt(0, _designSpace.Count)], r.ForkSeed(), freshDecisions: true));
            int before = result.Count;
            result.AddRange(batch.OfType<SampledProgram>());
            fails = result.Count > before ? 0 : fails + 1;
        }
        return result;
    }

    /// <summary>
    /// <see cref="EvolutionaryOptions.GeneticNumIters"/> generations: score the population with the cost model, keep
    /// the best unmeasured distinct programs seen, then breed the next population — a parent drawn with probability
    /// proportional to its score is mutated (probability <see cref="EvolutionaryOptions.GeneticMutateProb"/>, the
    /// mutator drawn by its weight) or copied; a child whose mutation or replay fails is retried up to
    /// <see cref="EvolutionaryOptions.GeneticMaxFailCount"/> times. Returns up to <paramref name="num"/> best, best first.
    /// </summary>
    private List<SampledProgram> EvolveWithCostModel(List<SampledProgram> population, int num)
    {
        var best = new Dictionary<ulong, (SampledProgram P, double Score)>();
        int mutated = 0, copied = 0;
        for (int iter = 0; ; iter++)
        {
            var scores = Scores(population);
            for (int i = 0; i < population.Count; i++)
                if (!_measured.Contains(population[i].Hash) && !best.ContainsKey(population[i].Hash))
                    best[population[i].Hash] = (population[i], scores[i]);
            if (iter == _o.GeneticNumIters || population.Count == 0) break;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cumulative = Cumulative(scores);
            var children = ParallelSampling.Map(_rand, _o.PopulationSize, (_, r) =>
            {
                for (int fail = 0; fail <= _o.GeneticMaxFailCount; fail++)
                {
                    var parent = population[Draw(cumulative, r)];
                    var mutator = DrawMutator(r);
                    if (mutator is null) { Interlocked.Increment(ref copied); return parent; }
                    if (mutator.Apply(_ctx, parent.Trace, r) is { } trace && _applier.Apply(trace, r.ForkSeed()) is { } child)
                    {
                        Interlocked.Increment(ref mutated);
                        return child;
                    }
                }
                return null;
            });
            population = children.OfType<SampledProgram>().ToList();
            _phases.Breed += clock.Elapsed.TotalSeconds;
        }
        LastRound = $"population {population.Count}, {_o.GeneticNumIters} generations: {mutated} mutated, {copied} copied children, {best.Count} distinct unmeasured programs scored";
        return best.Values.OrderByDescending(b => b.Score).Take(num).Select(b => b.P).ToList();
    }

    /// <summary>
    /// The batch: <paramref name="num"/> · eps_greedy random picks from the fresh samples, the rest from the best
    /// predicted, each skipped when measured before or already in the batch (and then recorded as measured).
    /// </summary>
    private List<SampledProgram> PickWithEpsGreedy(List<SampledProgram> unmeasured, List<SampledProgram> bests, int num)
    {
        int numRands = (int)(num * _o.EpsGreedy);
        var rands = unmeasured.ToArray();
        for (int i = rands.Length - 1; i > 0; i--) // Fisher–Yates with the strategy's engine
        {
            int j = _rand.SampleInt(0, i + 1);
            (rands[i], rands[j]) = (rands[j], rands[i]);
        }
        var picks = new List<SampledProgram>();
        int iBest = 0, iRand = 0;
        while (picks.Count < num)
        {
            SampledProgram p;
            bool wantRand = picks.Count < numRands;
            if (wantRand && iRand < rands.Length) p = rands[iRand++];
            else if (iBest < bests.Count) p = bests[iBest++];
            else if (iRand < rands.Length) p = rands[iRand++];
            else break;
            if (_measured.Add(p.Hash)) picks.Add(p);
        }
        return picks;
    }

    private static double[] Cumulative(double[] scores)
    {
        var c = new double[scores.Length];
        double sum = scores.Sum();
        double acc = 0;
        for (int i = 0; i < c.Length; i++)
        {
            acc += sum > 0 ? scores[i] / sum : 1.0 / c.Length; // all zero: uniform
            c[i] = acc;
        }
        if (c.Length > 0) c[^1] = 1.0;
        return c;
    }

    private static int Draw(double[] cumulative, RandomEngine r)
    {
        int i = Array.BinarySearch(cumulative, r.Canonical());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    /// <summary>A mutator with probability mutate_prob · its weight / total weight, else null (copy the parent).</summary>
    private IMutator? DrawMutator(RandomEngine r)
    {
        if (_mutatorTotal <= 0) return null;
        double u = r.Canonical();
        if (u >= _o.GeneticMutateProb) return null;
        double x = u / _o.GeneticMutateProb * _mutatorTotal;
        foreach (var (m, p) in _space.Mutators)
        {
            if (x < p) return m;
            x -= p;
        }
        return _space.Mutators[^1].Mutator;
    }
}
