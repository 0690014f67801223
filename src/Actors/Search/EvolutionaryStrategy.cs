using System.Collections.Concurrent;
using Stopwatch = System.Diagnostics.Stopwatch;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>
/// TVM's EvolutionarySearch. Each call of <see cref="GenerateMeasureCandidates"/> reads as its steps:
/// <see cref="PickBestFromDatabase"/> (the best measured programs seed the population),
/// <see cref="SampleInitPopulation"/> (design-space traces with fresh decisions fill it up),
/// <see cref="EvolveWithCostModel"/> (generations of score-weighted parents and mutated children; the best
/// unmeasured programs by the cost model's score are kept) and <see cref="PickWithEpsGreedy"/> (the batch: mostly
/// the best predicted, <c>eps_greedy</c> of it random fresh samples). Scores come from
/// <see cref="PerStoreFeature"/> rows of the postprocessed programs. A program measured before (this run or an
/// earlier one) is never proposed (<see cref="MeasuredPrograms"/>).
/// </summary>
public sealed partial class EvolutionaryStrategy : ISearchStrategy
{
    private readonly TuneContext _ctx;
    private readonly ISpaceGenerator _space;
    private readonly ICostModel _model;
    private readonly MeasuredPrograms _measured;
    private readonly Func<int, IReadOnlyList<Trace>> _bestMeasured;
    private readonly EvolutionaryOptions _o;
    private readonly TraceApplier _applier;
    private readonly RandomEngine _rand;
    private readonly ConcurrentDictionary<ulong, float[][]> _features = new();
    private readonly double _mutatorTotal;
    private IReadOnlyList<Trace>? _designSpace;

    /// <param name="bestMeasured">The traces of the best k measured records of this workload and target (database top-k).</param>
    public EvolutionaryStrategy(TuneContext ctx, ISpaceGenerator space, ICostModel model, MeasuredPrograms measured,
        Func<int, IReadOnlyList<Trace>> bestMeasured, EvolutionaryOptions? options = null)
    {
        _ctx = ctx;
        _space = space;
        _model = model;
        _measured = measured;
        _bestMeasured = bestMeasured;
        _o = options ?? EvolutionaryOptions.Default;
        _applier = new TraceApplier(ctx, space);
        _rand = new RandomEngine(ctx.Seed);
        _mutatorTotal = space.Mutators.Sum(m => m.Probability);
    }

    public TraceApplier Applier => _applier;

    /// <summary>What the last call did, one line for the task log.</summary>
    public string LastRound { get; private set; } = "";

    /// <summary>Where the last call's wall time went (seconds per step).</summary>
    public SearchPhases LastPhases { get; private set; } = new();

    private SearchPhases _phases = new();

    public IReadOnlyList<MeasureCandidate>? GenerateMeasureCandidates(int maxCount)
    {
        if (maxCount <= 0) return [];
        _designSpace ??= _applier.DesignSpace();
        if (_designSpace.Count == 0) return null;
        _phases = new SearchPhases();
        var clock = Stopwatch.StartNew();
        var seeds = PickBestFromDatabase((int)(_o.PopulationSize * _o.InitMeasuredRatio));
        _phases.Seeds = clock.Elapsed.TotalSeconds;
        var unmeasured = SampleInitPopulation(_o.PopulationSize - seeds.Count);
        _phases.Init = clock.Elapsed.TotalSeconds - _phases.Seeds;
        if (unmeasured.Count < Math.Min(_o.InitMinUnmeasured, _o.PopulationSize - seeds.Count))
        {
            LastRound = $"only {unmeasured.Count} programs sampled (init_min_unmeasured {_o.InitMinUnmeasured}): search stops";
            return null;
        }
        var bests = EvolveWithCostModel([.. seeds, .. unmeasured], maxCount);
        var picks = PickWithEpsGreedy(unmeasured, bests, maxCount);
        LastPhases = _phases with { Total = clock.Elapsed.TotalSeconds };
        LastRound += $"; picked {picks.Count}; {LastPhases}";
        return picks.Count == 0 ? null : picks.Select(p => new MeasureCandidate(p.Trace, p.Func)).ToArray();
    }

    /// <summary>Nothing to learn here: the driver updates the cost model; measured programs were recorded when picked.</summary>
    public void NotifyRunnerResults(IReadOnlyList<MeasureCandidate> candidates, IReadOnlyList<RunnerResult> results)
    {
        if (candidates.Count != results.Count) throw new ArgumentException("one result per candidate expected");
    }

    /// <summary>Feature rows of a program, cached by structural hash (children often repeat their parents).</summary>
    private float[][] Features(SampledProgram p) => _features.GetOrAdd(p.Hash, _ => PerStoreFeature.Extract(p.Func));

    /// <summary>
    /// Cost-model scores, clipped at 0 so they can weight the choice of parents. While the model only gives random
    /// scores (a <see cref="RandomCostModel"/>, or a <see cref="GbtCostModel"/> still warming up) no features are
    /// extracted: they would be ignored.
    /// </summary>
    private double[] Scores(IReadOnlyList<SampledProgram> programs)
    {
        if (_model is RandomCostModel || _model is GbtCostModel g && g.Samples < g.WarmupSamples)
            return _model.Predict(_ctx.TaskName, new float[programs.Count][][]);
        var clock = Stopwatch.StartNew();
        var rows = new float[programs.Count][][];
        Parallel.For(0, programs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => rows[i] = Features(programs[i]));
        _phases.Features += clock.Elapsed.TotalSeconds;
        clock.Restart();
        var s = _model.Predict(_ctx.TaskName, rows);
        _phases.Predict += clock.Elapsed.TotalSeconds;
        for (int i = 0; i < s.Length; i++) if (!double.IsFinite(s[i]) || s[i] < 0) s[i] = 0;
        return s;
    }
}

/// <summary>
/// Wall seconds of one search call by step: seeding from the database, sampling the initial population, feature
/// extraction and cost-model prediction (all generations), breeding children (mutation, replay and postprocessors).
/// </summary>
public sealed record SearchPhases
{
    public double Seeds, Init, Features, Predict, Breed, Total;

    public override string ToString() =>
        FormattableString.Invariant($"search {Total:F2} s = seeds {Seeds:F2} + init {Init:F2} + features {Features:F2} + predict {Predict:F2} + breed {Breed:F2} + rest {Total - Seeds - Init - Features - Predict - Breed:F2}");
}
