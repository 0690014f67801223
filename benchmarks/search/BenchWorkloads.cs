using Tuner.Ir;
using Tuner.Ir.Script;

/// <summary>The benchmark's workloads (design §7, TVM's te_workload shapes), as TVMScript modules.</summary>
internal static class BenchWorkloads
{
    public static readonly string[] Names = ["gmm", "c2d", "sfm", "example"];

    public static IRModule Get(string name) => name switch
    {
        "gmm" => TvmScript.ParseModule(Gmm(1, 512, 512, 512)),
        "c2d" => TvmScript.ParseModule(C2dNhwc()),
        "sfm" => TvmScript.ParseModule(Softmax(256, 256)),
        "example" => TvmScript.ParseModule(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "mlp_module.py"))),
        _ => throw new ArgumentException($"unknown workload '{name}' (known: {string.Join(", ", Names)})"),
    };

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (Tuner.Actors.sln) not found");
    }

    /// <summary>GMM: batch_matmul_nkkm (b, n, m, k) as TVM's te_workload.</summary>
    public static string Gmm(int b, int n, int m, int k) => $$"""
        @T.prim_func
        def gmm(A: T.Buffer(({{b}}, {{n}}, {{k}}), "float32"), B: T.Buffer(({{b}}, {{k}}, {{m}}), "float32"), C: T.Buffer(({{b}}, {{n}}, {{m}}), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            for b, i, j, k in T.grid({{b}}, {{n}}, {{m}}, {{k}}):
                with T.block("C"):
                    v_b, v_i, v_j, v_k = T.axis.remap("SSSR", [b, i, j, k])
                    T.reads(A[v_b, v_i, v_k], B[v_b, v_k, v_j])
                    T.writes(C[v_b, v_i, v_j])
                    with T.init():
                        C[v_b, v_i, v_j] = T.float32(0.0)
                    C[v_b, v_i, v_j] = C[v_b, v_i, v_j] + A[v_b, v_i, v_k] * B[v_b, v_k, v_j]
        """;

    /// <summary>C2D: conv2d_nhwc (1, 14, 14, 256, 256, 3, 1, 1): padding block, then the convolution.</summary>
    public static string C2dNhwc() => """
        @T.prim_func
        def c2d(inputs: T.Buffer((1, 14, 14, 256), "float32"), weight: T.Buffer((3, 3, 256, 256), "float32"), conv2d_nhwc: T.Buffer((1, 14, 14, 256), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            PadInput = T.alloc_buffer((1, 16, 16, 256))
            for i0, i1, i2, i3 in T.grid(1, 16, 16, 256):
                with T.block("PadInput"):
                    v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                    T.reads(inputs[v_i0, v_i1 - 1, v_i2 - 1, v_i3])
                    T.writes(PadInput[v_i0, v_i1, v_i2, v_i3])
                    PadInput[v_i0, v_i1, v_i2, v_i3] = T.if_then_else(1 <= v_i1 and v_i1 < 15 and 1 <= v_i2 and v_i2 < 15, inputs[v_i0, v_i1 - 1, v_i2 - 1, v_i3], T.float32(0.0))
            for n, h, w, co, rh, rw, rc in T.grid(1, 14, 14, 256, 3, 3, 256):
                with T.block("conv2d_nhwc"):
                    v_n, v_h, v_w, v_co, v_rh, v_rw, v_rc = T.axis.remap("SSSSRRR", [n, h, w, co, rh, rw, rc])
                    T.reads(PadInput[v_n, v_h + v_rh, v_w + v_rw, v_rc], weight[v_rh, v_rw, v_rc, v_co])
                    T.writes(conv2d_nhwc[v_n, v_h, v_w, v_co])
                    with T.init():
                        conv2d_nhwc[v_n, v_h, v_w, v_co] = T.float32(0.0)
                    conv2d_nhwc[v_n, v_h, v_w, v_co] = conv2d_nhwc[v_n, v_h, v_w, v_co] + PadInput[v_n, v_h + v_rh, v_w + v_rw, v_rc] * weight[v_rh, v_rw, v_rc, v_co]
        """;

    /// <summary>SFM: softmax over the rows of an m×n matrix, TVM's four blocks (max, exp, sum, norm).</summary>
    public static string Softmax(int m, int n) => $$"""
        @T.prim_func
        def sfm(A: T.Buffer(({{m}}, {{n}}), "float32"), T_softmax_norm: T.Buffer(({{m}}, {{n}}), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            T_softmax_maxelem = T.alloc_buffer(({{m}},))
            T_softmax_exp = T.alloc_buffer(({{m}}, {{n}}))
            T_softmax_expsum = T.alloc_buffer(({{m}},))
            for i, k in T.grid({{m}}, {{n}}):
                with T.block("T_softmax_maxelem"):
                    v_i, v_k = T.axis.remap("SR", [i, k])
                    T.reads(A[v_i, v_k])
                    T.writes(T_softmax_maxelem[v_i])
                    with T.init():
                        T_softmax_maxelem[v_i] = T.float32(-3.4028234663852886e+38)
                    T_softmax_maxelem[v_i] = T.max(T_softmax_maxelem[v_i], A[v_i, v_k])
            for i, j in T.grid({{m}}, {{n}}):
                with T.block("T_softmax_exp"):
                    v_i, v_j = T.axis.remap("SS", [i, j])
                    T.reads(A[v_i, v_j], T_softmax_maxelem[v_i])
                    T.writes(T_softmax_exp[v_i, v_j])
                    T_softmax_exp[v_i, v_j] = T.exp(A[v_i, v_j] - T_softmax_maxelem[v_i])
            for i, k in T.grid({{m}}, {{n}}):
                with T.block("T_softmax_expsum"):
                    v_i, v_k = T.axis.remap("SR", [i, k])
                    T.reads(T_softmax_exp[v_i, v_k])
                    T.writes(T_softmax_expsum[v_i])
                    with T.init():
                        T_softmax_expsum[v_i] = T.float32(0.0)
                    T_softmax_expsum[v_i] = T_softmax_expsum[v_i] + T_softmax_exp[v_i, v_k]
            for i, j in T.grid({{m}}, {{n}}):
                with T.block("T_softmax_norm"):
                    v_i, v_j = T.axis.remap("SS", [i, j])
                    T.reads(T_softmax_exp[v_i, v_j], T_softmax_expsum[v_i])
                    T.writes(T_softmax_norm[v_i, v_j])
                    T_softmax_norm[v_i, v_j] = T_softmax_exp[v_i, v_j] / T_softmax_expsum[v_i]
        """;
}
