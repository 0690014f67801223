using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Relax.Exec;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Models;

/// <summary>
/// The executor's kernels compiled with the system C compiler: every PrimFunc of the module built once (one
/// compiler call), each call run in one native worker process that stays up. With <see cref="Timing"/> set,
/// every call is also timed with TVM's evaluator settings and its latency kept in <see cref="Calls"/>.
/// </summary>
public sealed class CompiledKernels : IKernelRunner, IDisposable
{
    private readonly Dictionary<string, BuildResult> _built = [];
    private readonly LocalRunner _runner;
    private readonly List<BuildResult> _all;
    private readonly Dictionary<(string Func, NDArray[] Weights), NDArray[]> _packed = new(new PackKeyComparer());

    public CompiledKernels(IRModule module, Target? target = null)
    {
        var t = target ?? Target.Current ?? Target.Host();
        var funcs = module.PrimFuncs.ToList();
        _all = new Builder(CompilerOptions.For(t)).Build(funcs.Select(f => f.Func).ToList()).ToList();
        for (int i = 0; i < funcs.Count; i++)
        {
            if (!_all[i].Ok) throw new MeasureException($"{funcs[i].Name}: build failed: {_all[i].Error}");
            _built[funcs[i].Name] = _all[i];
        }
        _runner = new LocalRunner(RunnerOptions.Default with { Timeout = TimeSpan.FromMinutes(10), NumThreads = t.NumCores });
    }

    /// <summary>When set, each call is timed with this evaluator configuration (its outputs come from the timed runs).</summary>
    public EvaluatorConfig? Timing { get; init; }

    /// <summary>The calls made so far: PrimFunc name and mean seconds (0 when not timed).</summary>
    public List<(string Name, double Secs)> Calls { get; } = [];

    public void Run(string name, PrimFunc func, IReadOnlyList<NDArray> args)
    {
        if (!_built.TryGetValue(name, out var b)) throw new MeasureException($"{name} was not built");
        var callArgs = args;
        if (b.Layout is { } layout)
        {
            // Packed weights (RewriteLayout) are packed once per weight array and kept, as a model's constants are.
            var key = (name, layout.Weights.Select(w => args[w]).ToArray());
            if (!_packed.TryGetValue(key, out var packedWeights))
            {
                var (packed, packing) = LayoutPacking.Pack(_runner, b, layout, args);
                _packed[key] = packedWeights = packed ?? throw new MeasureException($"{name}: weight packing failed: {packing.Error}");
            }
            callArgs = LayoutPacking.WithPacked(args, layout, packedWeights);
        }
        var r = _runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, callArgs, Timing ?? EvaluatorConfig.Once, ReturnArgs: true));
        if (!r.Ok) throw new MeasureException($"run failed: {r.Error}");
        // Outputs (and anything the kernel wrote) come back into the caller's arrays; a packed weight is not theirs.
        for (int i = 0; i < args.Count; i++)
            if (ReferenceEquals(callArgs[i], args[i])) System.Buffer.BlockCopy(r.Args![i].Data, 0, args[i].Data, 0, args[i].Data.Length);
        Calls.Add((name, Timing is null ? 0 : r.RunSecs!.Average()));
    }

    public void Dispose()
    {
        _runner.Dispose();
        Builder.DeleteArtifacts(_all);
    }
}

/// <summary>A packing is reused for the same function and the same weight arrays (by identity).</summary>
internal sealed class PackKeyComparer : IEqualityComparer<(string Func, NDArray[] Weights)>
{
    public bool Equals((string Func, NDArray[] Weights) x, (string Func, NDArray[] Weights) y) =>
        x.Func == y.Func && x.Weights.Length == y.Weights.Length && x.Weights.Zip(y.Weights).All(p => ReferenceEquals(p.Item1, p.Item2));

    public int GetHashCode((string Func, NDArray[] Weights) k) =>
        k.Weights.Aggregate(k.Func.GetHashCode(StringComparison.Ordinal), (h, w) => HashCode.Combine(h, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(w)));
}
