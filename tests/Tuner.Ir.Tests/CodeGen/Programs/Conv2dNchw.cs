using System.Runtime.CompilerServices;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>
/// benchmarks/traces/conv2d_nchw_bias_relu.py (a 3×3 NCHW conv with bias and relu on a 28×28 image, as TVM's
/// legalization and FuseTIR print it) with other channel counts, scheduled by the hand trace beside it: a register tile
/// of 8 output channels × 2 rows × 14 columns, the padded input computed at the root.
/// </summary>
internal static class Conv2dNchw
{
    private static string Repo([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../.."));

    public static PrimFunc Untuned(int ci, int co)
    {
        string text = File.ReadAllText(Path.Combine(Repo(), "benchmarks/traces/conv2d_nchw_bias_relu.py"))
            .Replace("T.int64(32)", $"T.int64({ci})").Replace("T.int64(64)", $"T.int64({co})");
        return TvmScript.ParseModule(text).Lookup("fused_conv2d_add_relu")!;
    }

    public static PrimFunc HandTraced(int ci, int co) =>
        TraceReplay.ApplyJson(Untuned(ci, co), File.ReadAllText(Path.Combine(Repo(), "benchmarks/traces/fused_conv2d_add_relu.json")));
}
