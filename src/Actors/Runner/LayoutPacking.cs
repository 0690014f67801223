using Tuner.Actors.Build;
using Tuner.Ir;

namespace Tuner.Actors.Runner;

/// <summary>
/// Runs the packing a build lifted out of its function (<see cref="LayoutPreproc"/>) once, untimed, and puts the
/// packed weights in the weights' places, as TVM's runner receives layout-rewritten weights.
/// </summary>
public static class LayoutPacking
{
    /// <summary>The packed copies of the weights in <paramref name="args"/> (in <see cref="LayoutPreproc.Weights"/> order), or the packing's failure.</summary>
    public static (NDArray[]? Weights, RunResult Packing) Pack(LocalRunner runner, BuildResult b, LayoutPreproc layout, IReadOnlyList<NDArray> args)
    {
        var r = runner.Run(new RunRequest(b.ArtifactPath!, layout.Symbol,
            [.. layout.Weights.Select(w => args[w]), .. layout.Packed.Select(p => new NDArray(p.Dtype, p.Shape))], EvaluatorConfig.Once, ReturnArgs: true));
        return (r.Ok ? r.Args!.Skip(layout.Weights.Length).ToArray() : null, r);
    }

    /// <summary>The arguments for the built symbol: <paramref name="args"/> with each weight replaced by its packed copy.</summary>
    public static NDArray[] WithPacked(IReadOnlyList<NDArray> args, LayoutPreproc layout, IReadOnlyList<NDArray> packedWeights)
    {
        var call = args.ToArray();
        for (int w = 0; w < layout.Weights.Length; w++) call[layout.Weights[w]] = packedWeights[w];
        return call;
    }
}
