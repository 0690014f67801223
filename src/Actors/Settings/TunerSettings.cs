using Akka.Configuration;

namespace Tuner.Actors.Settings;

/// <summary>C compiler used for kernels.</summary>
public sealed record CompilerSettings(string Cc, IReadOnlyList<string> Flags);

/// <summary>Batch builder limits.</summary>
public sealed record BuilderSettings(TimeSpan Timeout, int Parallelism, int BatchSize);

/// <summary>Runner (evaluator) settings, as TVM's time_evaluator.</summary>
public sealed record RunnerSettings(int Number, int Repeat, int MinRepeatMs, bool CacheFlush, TimeSpan Timeout, bool Verify, int Seed, double SlowCutoffFactor);

/// <summary>Search settings.</summary>
public sealed record SearchSettings(int NumTrialsPerIter, string Strategy, long Seed);

/// <summary>Ours, not TVM: ParallelizeVectorizeUnroll's parallel part following the kernel's FLOP count (rule ParallelizeBySize).</summary>
public sealed record ParallelizeBySizeSettings(bool Enabled, long MinFlopsToFork, long SerialChoiceBelowFlops, long MinFlopsPerJob);

/// <summary>Ours, not TVM: lane-wise partial sums for reductions contiguous only along the reduction axis (rule VectorizeReduction).</summary>
public sealed record VectorizeReductionSettings(bool Enabled, IReadOnlyList<int> Lanes, int MaxTile);

/// <summary>Ours, not TVM: the reused operand of a tiled block copied into a panel at tile levels (rule PackReusedOperand).</summary>
public sealed record PackOperandSettings(bool Enabled, IReadOnlyList<int> Levels);

/// <summary>
/// Design-space rules beyond TVM's CPU space; all disabled gives TVM's space exactly. <paramref name="RewriteLayout"/>
/// is TVM's RewriteLayout postprocessor (packing of layout-free weights, outside the timed call), on in TVM's space.
/// </summary>
public sealed record SpaceSettings(ParallelizeBySizeSettings ParallelizeBySize, VectorizeReductionSettings VectorizeReduction, PackOperandSettings PackOperand, bool RewriteLayout = true)
{
    /// <summary>TVM's space: every rule of ours off, RewriteLayout on.</summary>
    public static readonly SpaceSettings Tvm = new(new(false, 0, 0, 0), new(false, [16, 8, 4], 4), new(false, [2, 3]));
}

/// <summary>
/// Every setting of the tuner, read once from HOCON (hocon/tuner.reference.conf plus an optional user file)
/// through Akka's built-in HOCON parser. Immutable; pass it down instead of reading config elsewhere.
/// </summary>
public sealed record TunerSettings(CompilerSettings Compiler, BuilderSettings Builder, RunnerSettings Runner, SearchSettings Search,
    SpaceSettings Space)
{
    public const string ReferenceFileName = "tuner.reference.conf";

    /// <summary>The reference configuration, from the hocon/ folder next to the assembly or the repository's.</summary>
    public static Config ReferenceConfig() => HoconFile(ReferenceFileName);

    /// <summary>Reference defaults, overlaid by the user's HOCON text when given.</summary>
    public static TunerSettings Load(string? userHocon = null)
    {
        var cfg = ReferenceConfig();
        if (!string.IsNullOrWhiteSpace(userHocon)) cfg = ConfigurationFactory.ParseString(userHocon).WithFallback(cfg);
        return FromConfig(cfg);
    }

    public static TunerSettings FromConfig(Config cfg)
    {
        var t = cfg.GetConfig("tuner") ?? throw new ConfigurationException("missing 'tuner' section");
        int parallelism = t.GetInt("builder.parallelism");
        return new TunerSettings(
            new CompilerSettings(t.GetString("compiler.cc"), t.GetStringList("compiler.flags").ToArray()),
            new BuilderSettings(
                t.GetTimeSpan("builder.timeout"),
                parallelism > 0 ? parallelism : Environment.ProcessorCount,
                t.GetInt("builder.batch-size")),
            new RunnerSettings(
                t.GetInt("runner.number"), t.GetInt("runner.repeat"), t.GetInt("runner.min-repeat-ms"),
                t.GetBoolean("runner.cache-flush"), t.GetTimeSpan("runner.timeout"), t.GetBoolean("runner.verify"),
                t.GetInt("runner.seed"), t.GetDouble("runner.slow-cutoff-factor")),
            new SearchSettings(t.GetInt("search.num-trials-per-iter"), t.GetString("search.strategy"), t.GetLong("search.seed")),
            new SpaceSettings(
                new ParallelizeBySizeSettings(t.GetBoolean("space.parallelize-by-size.enabled"),
                    t.GetLong("space.parallelize-by-size.min-flops-to-fork"), t.GetLong("space.parallelize-by-size.serial-choice-below-flops"),
                    t.GetLong("space.parallelize-by-size.min-flops-per-job")),
                new VectorizeReductionSettings(t.GetBoolean("space.vectorize-reduction.enabled"),
                    t.GetIntList("space.vectorize-reduction.lanes").ToArray(), t.GetInt("space.vectorize-reduction.max-tile")),
                new PackOperandSettings(t.GetBoolean("space.pack-operand.enabled"), t.GetIntList("space.pack-operand.levels").ToArray()),
                t.GetBoolean("space.rewrite-layout.enabled")));
    }

    /// <summary>A HOCON file of the hocon/ folder (next to the program or above it), parsed.</summary>
    public static Config HoconFile(string name)
    {
        foreach (var dir in CandidateDirs())
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        throw new FileNotFoundException($"{name} not found next to the program or in a hocon/ folder above it");
    }

    private static IEnumerable<string> CandidateDirs()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "hocon");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            yield return Path.Combine(d.FullName, "hocon");
    }
}
