namespace Tuner.Ir.Workloads;

/// <summary>
/// Matrix-product workloads: TVM te_workload's matmul, matmul_relu, batch_matmul_nkkm (GMM) and
/// transpose_batch_matmul (TBG), a fused dense + bias + relu as Relax's FuseTIR makes it, and the int4-in-uint32
/// weight decode + matmul of LLM inference (MLC-LLM's q4f32 layout).
/// </summary>
internal static class MatmulWorkloads
{
    /// <summary>C[n, m] = Σk A[n, k] · B[k, m]; shape (n, m, k).</summary>
    public static string Matmul(long[] s, string name)
    {
        long n = s[0], m = s[1], k = s[2];
        return new TeScript(name)
            .Param("A", [n, k]).Param("B", [k, m]).Param("C", [n, m])
            .Sum("C", ["i", "j"], [n, m], ["k"], [k], (v, r) => $"A[{v[0]}, {r[0]}] * B[{r[0]}, {v[1]}]")
            .Build();
    }

    /// <summary>The matmul above into a scratch buffer, then topi's relu into the output ("compute").</summary>
    public static string MatmulRelu(long[] s, string name)
    {
        long n = s[0], m = s[1], k = s[2];
        return new TeScript(name)
            .Param("A", [n, k]).Param("B", [k, m]).Param("compute", [n, m]).Alloc("C", [n, m])
            .Sum("C", ["i", "j"], [n, m], ["k"], [k], (v, r) => $"A[{v[0]}, {r[0]}] * B[{r[0]}, {v[1]}]")
            .Compute("compute", ["i0", "i1"], [n, m], v => $"T.max(C[{v[0]}, {v[1]}], {TeScript.Zero})")
            .Build();
    }

    /// <summary>GMM, batch_matmul_nkkm: Z[b, i, j] = Σk X[b, i, k] · Y[b, k, j]; shape (B, N, M, K).</summary>
    public static string BatchMatmul(long[] s, string name)
    {
        long b = s[0], n = s[1], m = s[2], k = s[3];
        return new TeScript(name)
            .Param("X", [b, n, k]).Param("Y", [b, k, m]).Param("Z", [b, n, m])
            .Sum("Z", ["b", "i", "j"], [b, n, m], ["k"], [k], (v, r) => $"X[{v[0]}, {v[1]}, {r[0]}] * Y[{v[0]}, {r[0]}, {v[2]}]")
            .Build();
    }

    /// <summary>
    /// TBG, transpose_batch_matmul: query and value (batch, seq, head, dim) transposed to (batch, head, seq, dim) and
    /// (batch, head, dim, seq), then C[b, h, i, j] = Σk query_T[b, h, i, k] · value_T[b, h, k, j]; shape (batch, seq_len, n_head, n_dim).
    /// </summary>
    public static string TransposeBatchMatmul(long[] s, string name)
    {
        long b = s[0], l = s[1], h = s[2], d = s[3];
        return new TeScript(name)
            .Param("query", [b, l, h, d]).Param("value", [b, l, h, d]).Param("C", [b, h, l, l])
            .Alloc("query_T", [b, h, l, d]).Alloc("value_T", [b, h, d, l])
            .Compute("query_T", ["b", "h", "l", "d"], [b, h, l, d], v => $"query[{v[0]}, {v[2]}, {v[1]}, {v[3]}]")
            .Compute("value_T", ["b", "h", "d", "l"], [b, h, d, l], v => $"value[{v[0]}, {v[3]}, {v[1]}, {v[2]}]")
            .Sum("C", ["b", "h", "i", "j"], [b, h, l, l], ["k"], [d], (v, r) => $"query_T[{v[0]}, {v[1]}, {v[2]}, {r[0]}] * value_T[{v[0]}, {v[1]}, {r[0]}, {v[3]}]")
            .Build();
    }

    /// <summary>
    /// DBR, a fused dense + bias + relu (FuseTIR's fused_matmul_add_relu): out = max(A · Wᵀ + bias, 0) with the
    /// weight stored (N, K) as topi.nn.dense takes it; shape (M, N, K).
    /// </summary>
    public static string DenseBiasRelu(long[] s, string name)
    {
        long m = s[0], n = s[1], k = s[2];
        return new TeScript(name)
            .Param("A", [m, k]).Param("W", [n, k]).Param("bias", [n]).Param("compute", [m, n])
            .Alloc("T_matmul_NT", [m, n]).Alloc("T_add", [m, n])
            .Sum("T_matmul_NT", ["i", "j"], [m, n], ["k"], [k], (v, r) => $"A[{v[0]}, {r[0]}] * W[{v[1]}, {r[0]}]")
            .Compute("T_add", ["ax0", "ax1"], [m, n], v => $"T_matmul_NT[{v[0]}, {v[1]}] + bias[{v[1]}]")
            .Compute("compute", ["i0", "i1"], [m, n], v => $"T.max(T_add[{v[0]}, {v[1]}], {TeScript.Zero})")
            .Build();
    }

    /// <summary>
    /// Q4MM, int4 weights packed eight to a uint32 with one float32 scale per group of K (MLC-LLM's q4f32_0):
    /// decode[n, k] = (((W[n, k / 8] >> 4·(k mod 8)) &amp; 15) − 7) · scale[n, k / group], then
    /// matmul[m, n] = Σk A[m, k] · decode[n, k]; shape (M, N, K, group).
    /// </summary>
    public static string Int4DecodeMatmul(long[] s, string name)
    {
        long m = s[0], n = s[1], k = s[2], g = s[3];
        return new TeScript(name)
            .Param("A", [m, k]).Param("W", [n, k / 8], "uint32").Param("scale", [n, k / g]).Param("matmul", [m, n])
            .Alloc("decode", [n, k])
            .Compute("decode", ["i", "j"], [n, k], v =>
                $"(T.Cast(\"float32\", T.bitwise_and(T.shift_right(W[{v[0]}, {v[1]} // 8], T.Cast(\"uint32\", {v[1]} % 8 * 4)), T.uint32(15))) - T.float32(7.0)) * scale[{v[0]}, {v[1]} // {g}]")
            .Sum("matmul", ["i0", "i1"], [m, n], ["k"], [k], (v, r) => $"A[{v[0]}, {r[0]}] * decode[{v[1]}, {r[0]}]")
            .Build();
    }

    public static string? CheckInt4(long[] s) =>
        s[2] % 8 != 0 ? "K must be a multiple of 8 (eight int4 values per uint32)"
        : s[3] <= 0 || s[2] % s[3] != 0 ? "K must be a multiple of the group size"
        : null;
}
