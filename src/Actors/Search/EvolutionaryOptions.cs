namespace Tuner.Actors.Search;

/// <summary>
/// Settings of <see cref="EvolutionaryStrategy"/>, TVM's defaults (design §4.2): population 512, of which up to
/// 20 % are seeded with the best measured records (init_measured_ratio), at least 50 freshly sampled programs
/// (init_min_unmeasured), 4 genetic generations, mutation probability 0.85, 10 tries to produce a child,
/// 5 % of each batch picked at random (eps_greedy), and 5 consecutive fruitless sampling passes before giving up.
/// </summary>
public sealed record EvolutionaryOptions(
    int PopulationSize = 512,
    double InitMeasuredRatio = 0.2,
    int InitMinUnmeasured = 50,
    int GeneticNumIters = 4,
    double GeneticMutateProb = 0.85,
    int GeneticMaxFailCount = 10,
    double EpsGreedy = 0.05,
    int MaxFailCount = 5)
{
    public static readonly EvolutionaryOptions Default = new();
}

/// <summary>Which search strategy a tuning run uses.</summary>
public enum SearchStrategyKind
{
    /// <summary>Genetic search guided by the cost model (TVM's default).</summary>
    Evolutionary,
    /// <summary>Design-space traces replayed with fresh random decisions, no cost model (the baseline).</summary>
    ReplayTrace,
}
