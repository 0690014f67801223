namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's sample_categorical(candidates, probs, decision): picks candidates[i] with probability probs[i]
/// (libstdc++ discrete_distribution over TVM's LCG). The decision is the index i. Preconditions: as many
/// probabilities as candidates, at least one candidate, non-negative probabilities with a positive sum; a given
/// decision is in range. Pure.
/// </summary>
public static class SampleCategoricalPrimitive
{
    public const string Name = "SampleCategorical";

    public static int Sample(RandomEngine rand, IReadOnlyList<long> candidates, IReadOnlyList<double> probs, long? decision)
    {
        if (candidates.Count != probs.Count)
            throw new ScheduleError(Name, $"{candidates.Count} candidates but {probs.Count} probabilities");
        if (candidates.Count == 0) throw new ScheduleError(Name, "no candidates");
        if (probs.Any(p => p < 0 || double.IsNaN(p)) || probs.Sum() <= 0)
            throw new ScheduleError(Name, "probabilities must be non-negative with a positive sum");
        if (decision is { } d)
        {
            if (d < 0 || d >= candidates.Count) throw new ScheduleError(Name, $"decision {d} is out of range for {candidates.Count} candidates");
            return (int)d;
        }
        return rand.Discrete(probs);
    }

    /// <summary>Inputs []; attrs [candidates, probs]; outputs [value]; decision: index.</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true, (sch, _, attrs, decision) =>
        [sch.SampleCategorical(
            Args.List(attrs[0], "candidates").Select(c => Args.Long(c, "candidate")).ToList(),
            Args.List(attrs[1], "probs").Select(p => Args.Double(p, "probability")).ToList(),
            decision is null ? null : Args.Long(decision, "decision"))]);
}
