using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>
/// TVM's ReplayTrace, the baseline: each candidate is a design-space trace (picked uniformly) replayed with fresh
/// random decisions, then postprocessed; no cost model. <b>Ours</b>: a program measured before (this run or an
/// earlier one, <see cref="MeasuredPrograms"/>) or already picked in the batch is skipped and another is drawn.
/// Gives up (returns what it has, or null) after <see cref="EvolutionaryOptions.MaxFailCount"/> consecutive
/// sampling passes that found nothing new.
/// </summary>
public sealed class ReplayTraceStrategy(TuneContext ctx, ISpaceGenerator space, MeasuredPrograms measured, int maxFailCount = 5)
    : ISearchStrategy
{
    private readonly TraceApplier _applier = new(ctx, space);
    private readonly RandomEngine _rand = new(ctx.Seed);
    private IReadOnlyList<Trace>? _designSpace;

    public TraceApplier Applier => _applier;

    public IReadOnlyList<MeasureCandidate>? GenerateMeasureCandidates(int maxCount)
    {
        _designSpace ??= _applier.DesignSpace();
        if (_designSpace.Count == 0 || maxCount <= 0) return null;
        var picked = new List<MeasureCandidate>();
        for (int fails = 0; picked.Count < maxCount && fails < maxFailCount;)
        {
            var batch = ParallelSampling.Map(_rand, maxCount - picked.Count, (_, r) =>
                _applier.Apply(_designSpace[r.SampleInt(0, _designSpace.Count)], r.ForkSeed(), freshDecisions: true));
            int before = picked.Count;
            foreach (var p in batch)
                if (p is not null && measured.Add(p.Hash)) picked.Add(new MeasureCandidate(p.Trace, p.Func));
            fails = picked.Count > before ? 0 : fails + 1;
        }
        return picked.Count == 0 ? null : picked;
    }

    public void NotifyRunnerResults(IReadOnlyList<MeasureCandidate> candidates, IReadOnlyList<RunnerResult> results)
    {
        if (candidates.Count != results.Count) throw new ArgumentException("one result per candidate expected");
    }
}
