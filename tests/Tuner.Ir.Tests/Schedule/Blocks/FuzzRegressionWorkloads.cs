using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>
/// The programs the random-trace failures were found on, frozen: the regression tests replay minimal traces that name
/// these blocks and loops, so they cannot follow the workload library (which the property tests now draw from).
/// </summary>
internal static class FuzzRegressionWorkloads
{
    public const string Matmul = """
        @T.prim_func
        def main(A: T.Buffer((16, 12), "float32"), B: T.Buffer((12, 16), "float32"), C: T.Buffer((16, 16), "float32")):
            for i, j, k in T.grid(16, 16, 12):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """;

    public const string BatchMatmulTransposedB = """
        @T.prim_func
        def main(A: T.Buffer((2, 8, 6), "float32"), B: T.Buffer((2, 8, 6), "float32"), C: T.Buffer((2, 8, 8), "float32")):
            for b, i, j, k in T.grid(2, 8, 8, 6):
                with T.block("C"):
                    vb, vi, vj, vk = T.axis.remap("SSSR", [b, i, j, k])
                    with T.init():
                        C[vb, vi, vj] = T.float32(0.0)
                    C[vb, vi, vj] = C[vb, vi, vj] + A[vb, vi, vk] * B[vb, vj, vk]
        """;

    public const string Conv2dNchwPadded = """
        @T.prim_func
        def main(X: T.Buffer((1, 2, 6, 6), "float32"), W: T.Buffer((3, 2, 3, 3), "float32"), Y: T.Buffer((1, 3, 6, 6), "float32")):
            pad = T.alloc_buffer((1, 2, 8, 8))
            for n, c, h, w in T.grid(1, 2, 8, 8):
                with T.block("pad"):
                    vn, vc, vh, vw = T.axis.remap("SSSS", [n, c, h, w])
                    pad[vn, vc, vh, vw] = T.if_then_else(1 <= vh and vh < 7 and 1 <= vw and vw < 7, X[vn, vc, vh - 1, vw - 1], T.float32(0.0))
            for n, f, y, x, rc, ry, rx in T.grid(1, 3, 6, 6, 2, 3, 3):
                with T.block("conv"):
                    vn, vf, vy, vx, vrc, vry, vrx = T.axis.remap("SSSSRRR", [n, f, y, x, rc, ry, rx])
                    with T.init():
                        Y[vn, vf, vy, vx] = T.float32(0.0)
                    Y[vn, vf, vy, vx] = Y[vn, vf, vy, vx] + pad[vn, vrc, vy + vry, vx + vrx] * W[vf, vrc, vry, vrx]
        """;

    public const string Softmax = """
        @T.prim_func
        def main(A: T.Buffer((4, 8), "float32"), S: T.Buffer((4, 8), "float32")):
            maxelem = T.alloc_buffer((4,))
            e = T.alloc_buffer((4, 8))
            expsum = T.alloc_buffer((4,))
            for i, k in T.grid(4, 8):
                with T.block("maxelem"):
                    vi, vk = T.axis.remap("SR", [i, k])
                    with T.init():
                        maxelem[vi] = T.float32(-3.4028234663852886e+38)
                    maxelem[vi] = T.max(maxelem[vi], A[vi, vk])
            for i, j in T.grid(4, 8):
                with T.block("exp"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    e[vi, vj] = T.exp(A[vi, vj] - maxelem[vi])
            for i, k in T.grid(4, 8):
                with T.block("expsum"):
                    vi, vk = T.axis.remap("SR", [i, k])
                    with T.init():
                        expsum[vi] = T.float32(0.0)
                    expsum[vi] = expsum[vi] + e[vi, vk]
            for i, j in T.grid(4, 8):
                with T.block("norm"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    S[vi, vj] = e[vi, vj] / expsum[vi]
        """;

    public const string ConvBiasRelu = """
        @T.prim_func
        def main(X: T.Buffer((1, 2, 6, 6), "float32"), W: T.Buffer((4, 2, 3, 3), "float32"), Bias: T.Buffer((4,), "float32"), Y: T.Buffer((1, 4, 4, 4), "float32")):
            conv = T.alloc_buffer((1, 4, 4, 4))
            biased = T.alloc_buffer((1, 4, 4, 4))
            for n, f, y, x, rc, ry, rx in T.grid(1, 4, 4, 4, 2, 3, 3):
                with T.block("conv"):
                    vn, vf, vy, vx, vrc, vry, vrx = T.axis.remap("SSSSRRR", [n, f, y, x, rc, ry, rx])
                    with T.init():
                        conv[vn, vf, vy, vx] = T.float32(0.0)
                    conv[vn, vf, vy, vx] = conv[vn, vf, vy, vx] + X[vn, vrc, vy + vry, vx + vrx] * W[vf, vrc, vry, vrx]
            for n, f, y, x in T.grid(1, 4, 4, 4):
                with T.block("bias"):
                    vn, vf, vy, vx = T.axis.remap("SSSS", [n, f, y, x])
                    biased[vn, vf, vy, vx] = conv[vn, vf, vy, vx] + Bias[vf]
            for n, f, y, x in T.grid(1, 4, 4, 4):
                with T.block("relu"):
                    vn, vf, vy, vx = T.axis.remap("SSSS", [n, f, y, x])
                    Y[vn, vf, vy, vx] = T.max(biased[vn, vf, vy, vx], T.float32(0.0))
        """;

    public static IEnumerable<(string Name, PrimFunc Func)> All() =>
    [
        ("matmul", TvmScript.ParseFunc(Matmul)),
        ("batch_matmul_tb", TvmScript.ParseFunc(BatchMatmulTransposedB)),
        ("conv2d_nchw_pad", TvmScript.ParseFunc(Conv2dNchwPadded)),
        ("softmax", TvmScript.ParseFunc(Softmax)),
        ("conv_bias_relu", TvmScript.ParseFunc(ConvBiasRelu)),
    ];
}
