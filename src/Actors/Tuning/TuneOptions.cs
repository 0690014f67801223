using Tuner.Actors.CostModel;
using Tuner.Actors.Runner;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Search;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Tuning;

/// <summary>
/// How <see cref="Tuning.TuneTir"/> tunes, TVM's tune_tir defaults unless noted: 64 trials per scheduler pick, the
/// per-task cap defaulting to the global budget, the evolutionary strategy, gradient-based task scheduling, the CPU
/// design space, the LightGBM cost model (random scores for the first 100 samples), TVM's evaluator (number 3,
/// repeat 1, min_repeat_ms 100) with a 30 s run timeout, and verification of every candidate against the untuned
/// function. <see cref="Output"/> receives the progress table (null: none), <see cref="Error"/> warnings and errors.
/// </summary>
public sealed record TuneOptions
{
    public int NumTrialsPerIter { get; init; } = 64;
    /// <summary>Per-task cap; null means the global budget (TVM's default).</summary>
    public int? MaxTrialsPerTask { get; init; }
    /// <summary>Seed of the search (−1: drawn from the clock).</summary>
    public long Seed { get; init; } = 1;
    public SearchStrategyKind Strategy { get; init; } = SearchStrategyKind.Evolutionary;
    public EvolutionaryOptions Evolutionary { get; init; } = EvolutionaryOptions.Default;
    public TrialSchedulerKind Scheduler { get; init; } = TrialSchedulerKind.GradientBased;
    /// <summary>The design space; null means the CPU space of design §4.1.</summary>
    public ISpaceGenerator? Space { get; init; }
    /// <summary>The cost model; null means a fresh <see cref="GbtCostModel"/> per run.</summary>
    public ICostModel? CostModel { get; init; }
    public EvaluatorConfig Evaluator { get; init; } = EvaluatorConfig.Default;
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Parallel compiler calls (0: one per core) and candidates per compiler call.</summary>
    public int BuildParallelism { get; init; }
    public int BuildBatchSize { get; init; } = 8;
    /// <summary>The C compiler (null: CC or cc).</summary>
    public string? Compiler { get; init; }
    public bool Verify { get; init; } = true;
    /// <summary>Not in TVM: measure each task's untuned function once (<see cref="Baseline"/>) so that apply never picks a slower schedule.</summary>
    public bool MeasureBaseline { get; init; } = true;
    /// <summary>
    /// Not in TVM: a candidate whose warm-up call is over this many times the task's best mean is timed with single
    /// calls instead of TVM's min_repeat_ms loop (0: never). In a GMM-512 run a third of the candidates were over 10×
    /// the best and took three quarters of the run time.
    /// </summary>
    public double SlowCandidateFactor { get; init; } = 10;
    /// <summary>Seed of the random input data of every measurement.</summary>
    public int DataSeed { get; init; } = 1;
    public TextWriter? Output { get; init; } = Console.Out;
    /// <summary>Warnings and the first error of each kind (null: none; they are in logs/ either way).</summary>
    public TextWriter? Error { get; init; } = Console.Error;
    /// <summary>HOCON layered over the engine's configuration (e.g. the --config file: tuner.engine.*, akka.persistence.*).</summary>
    public string? EngineHocon { get; init; }
    /// <summary>Where progress goes (null: TVM's progress table on <see cref="Output"/>).</summary>
    public ITuneProgress? Progress { get; init; }
    /// <summary>Only these PrimFuncs are tuned (null: all), like TVM's tune_tir on one function.</summary>
    public IReadOnlyList<string>? Functions { get; init; }
    /// <summary>When another process tunes in the work_dir: wait for it (true) or fail at once with <see cref="Database.WorkDirInUseException"/>.</summary>
    public bool WaitForLock { get; init; }

    /// <summary>Run as a tuner node of a cluster: builds and measurements go to worker nodes (`tune --cluster`). Null: this process.</summary>
    public Cluster.ClusterTuneOptions? Cluster { get; init; }

    public static readonly TuneOptions Default = new();

    /// <summary>Options from the HOCON settings (compiler, builder, runner, search and space sections).</summary>
    public static TuneOptions FromSettings(TunerSettings s) => new()
    {
        NumTrialsPerIter = s.Search.NumTrialsPerIter,
        Seed = s.Search.Seed,
        Strategy = ParseStrategy(s.Search.Strategy),
        Evaluator = new EvaluatorConfig(s.Runner.Number, s.Runner.Repeat, s.Runner.MinRepeatMs, s.Runner.CacheFlush),
        RunTimeout = s.Runner.Timeout,
        BuildTimeout = s.Builder.Timeout,
        BuildParallelism = s.Builder.Parallelism,
        BuildBatchSize = s.Builder.BatchSize,
        Compiler = s.Compiler.Cc,
        Verify = s.Runner.Verify,
        SlowCandidateFactor = s.Runner.SlowCutoffFactor,
        DataSeed = s.Runner.Seed,
        Space = Actors.Space.SpaceGenerators.Cpu(s.Space),
    };

    /// <summary>"evolutionary" or "replay-trace" (also "replay_trace"); anything else is a <see cref="FormatException"/>.</summary>
    public static SearchStrategyKind ParseStrategy(string name) => name.Replace('_', '-').ToLowerInvariant() switch
    {
        "evolutionary" => SearchStrategyKind.Evolutionary,
        "replay-trace" => SearchStrategyKind.ReplayTrace,
        _ => throw new FormatException($"unknown search strategy '{name}' (known: evolutionary, replay-trace)"),
    };
}
