using Tuner.Actors.Build;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Runner;

/// <summary>Latency and throughput of one function: run_secs per repeat and the FLOPs counted from its IR.</summary>
public sealed record BenchResult(IReadOnlyList<double> RunSecs, double Flops)
{
    public double MeanSecs => RunSecs.Average();
    public double MinSecs => RunSecs.Min();
    /// <summary>GFLOP/s at the mean latency (TVM's tuning table uses the mean).</summary>
    public double Gflops => Flops / MeanSecs / 1e9;
}

/// <summary>
/// What the CLI calls: <c>tuner run</c> (<see cref="RunOnce"/>) and <c>tuner bench</c> (<see cref="Bench"/>).
/// Both compile with <see cref="CompilerOptions.For"/> the target and run in a native worker process;
/// without a target they use <see cref="Target.Current"/>, else <see cref="Target.Host"/>. The default run timeout
/// is 10 minutes (a user's explicit run of an untuned function may be slow; candidates use the runner's 30 s).
/// </summary>
public static class LocalExecution
{
    /// <summary>
    /// Compiles <paramref name="func"/> (scheduled or not), runs it once on <paramref name="args"/> (parameter order)
    /// and returns every argument after the run (outputs written). Throws <see cref="MeasureException"/> with the
    /// compiler's or the worker's message on failure.
    /// </summary>
    public static IReadOnlyList<NDArray> RunOnce(PrimFunc func, IReadOnlyList<NDArray> args, Target? target = null, RunnerOptions? runnerOptions = null)
    {
        var info = ArgInfo.Of(func);
        if (args.Count != info.Count) throw new ArgumentException($"the function takes {info.Count} arguments, got {args.Count}");
        for (int i = 0; i < info.Count; i++)
            if (args[i].Dtype != info[i].Dtype || !args[i].Shape.SequenceEqual(info[i].Shape))
                throw new ArgumentException($"argument {i}: expected {info[i].Dtype}{NDArray.FormatShape(info[i].Shape)}, got {args[i].Dtype}{NDArray.FormatShape(args[i].Shape)}");
        var r = Execute(func, target, args, EvaluatorConfig.Once, runnerOptions);
        return r.Args!;
    }

    /// <summary>
    /// Compiles and times <paramref name="func"/> on seeded random inputs with TVM's evaluator semantics
    /// (default: number 3, repeat 1, min_repeat_ms 100; pass more repeats for a steadier figure).
    /// </summary>
    public static BenchResult Bench(PrimFunc func, Target? target = null, EvaluatorConfig? config = null, int seed = 0, RunnerOptions? runnerOptions = null)
    {
        var args = ArgInfo.Random(ArgInfo.Of(func), seed);
        var r = Execute(func, target, args, config ?? EvaluatorConfig.Default, runnerOptions);
        return new BenchResult(r.RunSecs!, FlopCounter.Count(func));
    }

    private static RunResult Execute(PrimFunc func, Target? t, IReadOnlyList<NDArray> args, EvaluatorConfig config, RunnerOptions? ro)
    {
        var target = t ?? Target.Current ?? Target.Host();
        var builder = new Builder(CompilerOptions.For(target));
        var b = builder.Build([func])[0];
        if (!b.Ok) throw new MeasureException($"build failed: {b.Error}");
        using var runner = new LocalRunner((ro ?? RunnerOptions.Default with { Timeout = TimeSpan.FromMinutes(10) }) with { NumThreads = target.NumCores });
        try
        {
            if (b.Layout is not { } layout) return Checked(runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, config, ReturnArgs: true)));
            // Packed weights (RewriteLayout): packed once untimed, as measured when tuning; the caller gets its weights back.
            var (packed, packing) = LayoutPacking.Pack(runner, b, layout, args);
            if (packed is null) throw new MeasureException($"weight packing failed: {packing.Error}");
            var r = Checked(runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, LayoutPacking.WithPacked(args, layout, packed), config, ReturnArgs: true)));
            var back = r.Args!.ToArray();
            foreach (int w in layout.Weights) back[w] = args[w];
            return r with { Args = back };
        }
        finally { Builder.DeleteArtifacts([b]); }

        static RunResult Checked(RunResult r) => r.Ok ? r : throw new MeasureException($"run failed: {r.Error}");
    }
}
