namespace Tuner.Ir.Workloads;

/// <summary>
/// The operator set the benchmarks and tests tune (design §7): the MetaSchedule paper's workloads with TVM's
/// <c>te_workload</c> shapes, plus TVM's plain matmul and matmul + relu, a fused dense + bias + relu and the int4
/// weight decode + matmul of LLM inference. All float32 except the packed int4 weight. One copy: tests, the
/// benchmarks and <c>tuner workloads</c> all generate from here.
/// </summary>
public static class WorkloadLibrary
{
    private static readonly string[] Conv2dParams = ["N", "H", "W", "CI", "CO", "kernel", "stride", "padding"];

    /// <summary>Every workload, in the order of design §7 and then the additions.</summary>
    public static IReadOnlyList<WorkloadDef> All { get; } =
    [
        new("GMM", "batch_matmul_nkkm", ["B", "N", "M", "K"],
            [[1, 512, 512, 512], [1, 128, 128, 128], [1, 512, 32, 512], [1, 1024, 1024, 1024]], [2, 8, 12, 6],
            MatmulWorkloads.BatchMatmul),
        new("C1D", "conv1d_nlc", ["N", "L", "CI", "CO", "kernel", "stride", "padding"],
            [[1, 256, 64, 128, 3, 2, 1]], [1, 10, 4, 6, 3, 2, 1],
            ConvWorkloads.Conv1d, s => ConvWorkloads.CheckWindow(s[1], s[4], s[5], s[6])),
        new("C2D", "conv2d_nhwc", Conv2dParams,
            [[1, 14, 14, 256, 256, 3, 1, 1], [1, 56, 56, 64, 64, 1, 1, 0], [1, 224, 224, 3, 64, 7, 2, 3]], [1, 6, 6, 4, 8, 3, 1, 1],
            ConvWorkloads.Conv2d, ConvWorkloads.CheckConv2d),
        new("C3D", "conv3d_ndhwc", ["N", "D", "H", "W", "CI", "CO", "kernel", "stride", "padding"],
            [[1, 16, 56, 56, 64, 64, 1, 1, 0]], [1, 4, 5, 5, 3, 4, 3, 1, 1],
            ConvWorkloads.Conv3d, s => ConvWorkloads.CheckWindow(s[1], s[6], s[7], s[8]) ?? ConvWorkloads.CheckWindow(s[2], s[6], s[7], s[8]) ?? ConvWorkloads.CheckWindow(s[3], s[6], s[7], s[8])),
        new("DEP", "depthwise_conv2d_nhwc", ["N", "H", "W", "C", "kernel", "stride", "padding"],
            [[1, 112, 112, 32, 3, 1, 1]], [1, 7, 7, 4, 3, 2, 1],
            ConvWorkloads.Depthwise, s => ConvWorkloads.CheckWindow(s[1], s[4], s[5], s[6]) ?? ConvWorkloads.CheckWindow(s[2], s[4], s[5], s[6])),
        new("DIL", "conv2d_nhwc, dilated", [.. Conv2dParams, "dilation"],
            [[1, 56, 56, 64, 64, 1, 1, 0, 2], [1, 14, 14, 256, 256, 3, 1, 1, 2]], [1, 8, 8, 3, 4, 3, 1, 1, 2],
            ConvWorkloads.Conv2d, ConvWorkloads.CheckConv2d),
        new("GRP", "conv2d_nhwc, grouped", [.. Conv2dParams, "dilation", "groups"],
            [[1, 56, 56, 64, 128, 3, 2, 1, 1, 4]], [1, 6, 6, 8, 8, 3, 2, 1, 1, 4],
            ConvWorkloads.Conv2d, ConvWorkloads.CheckConv2d),
        new("T2D", "conv2d_transpose_nhwc", Conv2dParams,
            [[1, 4, 4, 512, 256, 4, 2, 1]], [1, 3, 3, 4, 3, 4, 2, 1],
            ConvWorkloads.Conv2dTranspose, ConvWorkloads.CheckTranspose),
        new("CAP", "conv2d_capsule_nhwijc (4x4 capsules)", Conv2dParams,
            [[1, 16, 16, 32, 32, 3, 2, 1]], [1, 5, 5, 2, 3, 3, 2, 1],
            ConvWorkloads.Capsule, s => ConvWorkloads.CheckWindow(s[1], s[5], s[6], s[7]) ?? ConvWorkloads.CheckWindow(s[2], s[5], s[6], s[7])),
        new("NRM", "norm_bmn", ["B", "M", "N"],
            [[1, 256, 256]], [2, 5, 7],
            ReductionWorkloads.Norm),
        new("SFM", "softmax_mn", ["M", "N"],
            [[256, 256]], [4, 16],
            ReductionWorkloads.Softmax),
        new("CBR", "conv2d_nhwc_bn_relu", Conv2dParams,
            [[1, 56, 56, 64, 128, 3, 2, 1]], [1, 6, 6, 3, 4, 3, 2, 1],
            ConvWorkloads.ConvBnRelu, s => ConvWorkloads.CheckWindow(s[1], s[5], s[6], s[7]) ?? ConvWorkloads.CheckWindow(s[2], s[5], s[6], s[7])),
        new("TBG", "transpose_batch_matmul", ["batch", "seq_len", "n_head", "n_dim"],
            [[1, 128, 12, 64]], [1, 8, 2, 4],
            MatmulWorkloads.TransposeBatchMatmul),
        new("DBR", "dense + bias + relu (fused)", ["M", "N", "K"],
            [[128, 768, 768]], [4, 8, 12],
            MatmulWorkloads.DenseBiasRelu),
        new("Q4MM", "int4-in-uint32 decode + matmul", ["M", "N", "K", "group"],
            [[1, 4096, 4096, 32], [32, 4096, 4096, 32]], [2, 8, 64, 32],
            MatmulWorkloads.Int4DecodeMatmul, MatmulWorkloads.CheckInt4),
        new("MM", "matmul", ["N", "M", "K"],
            [[512, 512, 512]], [16, 16, 12],
            MatmulWorkloads.Matmul),
        new("MMR", "matmul_relu", ["N", "M", "K"],
            [[512, 512, 512]], [16, 16, 12],
            MatmulWorkloads.MatmulRelu),
    ];

    /// <summary>The workload named <paramref name="key"/> (any case).</summary>
    /// <exception cref="ArgumentException">no such workload; the message lists the known keys.</exception>
    public static WorkloadDef Get(string key) =>
        All.FirstOrDefault(w => string.Equals(w.Key, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown workload '{key}' (known: {string.Join(", ", All.Select(w => w.Key))})");

    /// <summary>Shorthand: the TVMScript of <paramref name="key"/> at <paramref name="shape"/>, function named <paramref name="name"/>.</summary>
    public static string Script(string key, IReadOnlyList<long>? shape = null, string? name = null) => Get(key).Script(shape, name);

    /// <summary>Shorthand: the parsed PrimFunc of <paramref name="key"/>.</summary>
    public static PrimFunc Func(string key, IReadOnlyList<long>? shape = null, string? name = null) => Get(key).Func(shape, name);

    /// <summary>Parses a shape written as comma-separated numbers (<c>1,512,512,512</c>).</summary>
    /// <exception cref="ArgumentException">a part is not a whole number.</exception>
    public static long[] ParseShape(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(p => long.TryParse(p, out long v) ? v
            : throw new ArgumentException($"shape '{text}': '{p}' is not a whole number")).ToArray();
}
