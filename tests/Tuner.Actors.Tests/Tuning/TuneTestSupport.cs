using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tests.Tuning;

/// <summary>A temporary work_dir and cheap tuning options for the tuning tests.</summary>
public abstract class TuneTestSupport : IDisposable
{
    protected readonly string WorkDir = Path.Combine(Path.GetTempPath(), "tuner-tune-" + Guid.NewGuid().ToString("N")[..12]);
    protected static readonly Target Cpu = Target.Parse("llvm -num-cores 2");

    /// <summary>
    /// The small test space (quick builds; the CPU space is exercised by the end-to-end test and the CLI tests), a
    /// small population, one quick timed call per candidate, no table, and a 10 s compile limit.
    /// </summary>
    protected static TuneOptions Quick(int trialsPerIter = 8) => new()
    {
        Space = new Search.TestSpace(),
        Evolutionary = new Actors.Search.EvolutionaryOptions(PopulationSize: 64, InitMinUnmeasured: 8),
        NumTrialsPerIter = trialsPerIter,
        Evaluator = new EvaluatorConfig(Number: 1, Repeat: 1, MinRepeatMs: 1),
        Output = null,
        BuildTimeout = TimeSpan.FromSeconds(10),
    };

    public void Dispose()
    {
        if (Directory.Exists(WorkDir)) Directory.Delete(WorkDir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
