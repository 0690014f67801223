using Tuner.Actors.Build;
using Tuner.Ir;

namespace Tuner.Actors.Runner;

/// <summary>
/// Runs the packing a build lifted out of its function (<see cref="LayoutPreproc"/>) once, untimed, and puts the
/// packed weights in the weights' places, as TVM's runner receives layout-rewritten weights.
/// </summary>
public static class LayoutPacking
{
    /// <summary>The arguments for the built symbol: <paramref name="args"/> with each weight replaced by its packed copy, or the packing's failure.</summary>
    public static (NDArray[]? Args, RunResult Packing) Pack(LocalRunner runner, BuildResult b, LayoutPreproc layout, IReadOnlyList<NDArray> args)
    {
        var r = runner.Run(new RunRequest(b.ArtifactPath!, layout.Symbol,
            [.. layout.Weights.Select(w => args[w]), .. layout.Packed.Select(p => new NDArray(p.Dtype, p.Shape))], EvaluatorConfig.Once, ReturnArgs: true));
        if (!r.Ok) return (null, r);
        var packed = args.ToArray();
        for (int w = 0; w < layout.Weights.Length; w++) packed[layout.Weights[w]] = r.Args![layout.Weights.Length + w];
        return (packed, r);
    }
}
