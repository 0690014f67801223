namespace Tuner.Ir.Schedule;

public partial class Schedule
{
    /// <summary>Samples one of <paramref name="candidates"/> with the given probabilities (or takes <paramref name="decision"/>, an index).</summary>
    public ExprRV SampleCategorical(IReadOnlyList<long> candidates, IReadOnlyList<double> probs, long? decision = null)
    {
        int i = SampleCategoricalPrimitive.Sample(Random, candidates, probs, decision);
        var rv = NewExprRV(candidates[i]);
        Record(SampleCategoricalPrimitive.Kind, [], [candidates.Select(c => (object?)c).ToList(), probs.Select(p => (object?)p).ToList()], [rv], (long)i);
        return rv;
    }

    /// <summary>Samples n tile factors of a loop whose product is its extent (or replays/repairs <paramref name="decision"/>).</summary>
    public IReadOnlyList<ExprRV> SamplePerfectTile(LoopRV loop, int n, int maxInnermostFactor = 16, IReadOnlyList<long>? decision = null)
    {
        var f = State.FindLoop(RealLoop(loop, SamplePerfectTilePrimitive.Name), SamplePerfectTilePrimitive.Name);
        var factors = SamplePerfectTilePrimitive.Sample(Random, f, n, maxInnermostFactor, decision);
        var rvs = factors.Select(NewExprRV).ToArray();
        Record(SamplePerfectTilePrimitive.Kind, [loop], [(long)n, (long)maxInnermostFactor], rvs, factors);
        return rvs;
    }

    /// <summary>Samples a compute-at location for a block: a loop, <see cref="RootMark"/> or <see cref="InlineMark"/>.</summary>
    public LoopRV SampleComputeLocation(BlockRV block, long? decision = null)
    {
        var (location, d) = SampleComputeLocationPrimitive.Sample(Random, State, Get(block), decision);
        var rv = NewLoopRV(location);
        Record(SampleComputeLocationPrimitive.Kind, [block], [], [rv], d);
        return rv;
    }
}
