namespace Tuner.Ir.Workloads;

/// <summary>Reduction-dominated workloads of TVM's te_workload: NRM (norm_bmn) and SFM (topi's softmax over rows).</summary>
internal static class ReductionWorkloads
{
    /// <summary>NRM, norm_bmn: D[b] = sqrt(Σi,j A[b, i, j]²); shape (B, M, N).</summary>
    public static string Norm(long[] s, string name)
    {
        long b = s[0], m = s[1], n = s[2];
        return new TeScript(name)
            .Param("A", [b, m, n]).Param("D", [b]).Alloc("C", [b])
            .Sum("C", ["b"], [b], ["i", "j"], [m, n], (v, r) => $"A[{v[0]}, {r[0]}, {r[1]}] * A[{v[0]}, {r[0]}, {r[1]}]")
            .Compute("D", ["b"], [b], v => $"T.sqrt(C[{v[0]}])")
            .Build();
    }

    /// <summary>SFM, softmax_mn: topi's four blocks over each row (max, exp, sum, normalise); shape (M, N).</summary>
    public static string Softmax(long[] s, string name)
    {
        long m = s[0], n = s[1];
        return new TeScript(name)
            .Param("A", [m, n]).Param("T_softmax_norm", [m, n])
            .Alloc("T_softmax_maxelem", [m]).Alloc("T_softmax_exp", [m, n]).Alloc("T_softmax_expsum", [m])
            .Reduce("T_softmax_maxelem", "T_softmax_maxelem", ["i0"], [m], ["k"], [n], (v, r) => $"A[{v[0]}, {r[0]}]",
                TeScript.MinFloat32, (acc, t) => $"T.max({acc}, {t})")
            .Compute("T_softmax_exp", ["i0", "i1"], [m, n], v => $"T.exp(A[{v[0]}, {v[1]}] - T_softmax_maxelem[{v[0]}])")
            .Sum("T_softmax_expsum", ["i0"], [m], ["k"], [n], (v, r) => $"T_softmax_exp[{v[0]}, {r[0]}]")
            .Compute("T_softmax_norm", ["i0", "i1"], [m, n], v => $"T_softmax_exp[{v[0]}, {v[1]}] / T_softmax_expsum[{v[0]}]")
            .Build();
    }
}
