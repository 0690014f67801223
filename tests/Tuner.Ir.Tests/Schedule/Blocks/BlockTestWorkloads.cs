using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>The functions the block-primitive tests schedule, built as TVM's TE would emit them.</summary>
internal static class BlockTestWorkloads
{
    /// <summary>C[i, j] = sum_k A[i, k] * B[k, j], 16x16x16, block "matmul".</summary>
    public static PrimFunc Matmul(int n = 16)
    {
        var (a, b, c) = (Buf("A", n, n), Buf("B", n, n), Buf("C", n, n));
        return Func([a, b, c], [], MatmulStmt(a, b, c, n));
    }

    private static Stmt MatmulStmt(Buffer a, Buffer b, Buffer c, int n) =>
        Compute("matmul", "SSR", [n, n, n], ["i", "j", "k"],
            v => St(c, L(c, v[0], v[1]) + L(a, v[0], v[2]) * L(b, v[2], v[1]), v[0], v[1]),
            v => St(c, F(0), v[0], v[1]));

    /// <summary>matmul into C (allocated), then D[i, j] = max(C[i, j], 0) in block "relu".</summary>
    public static PrimFunc MatmulRelu(int n = 16)
    {
        var (a, b, c, d) = (Buf("A", n, n), Buf("B", n, n), Buf("C", n, n), Buf("D", n, n));
        var relu = Compute("relu", "SS", [n, n], ["i", "j"], v => St(d, E.Max(L(c, v[0], v[1]), F(0)), v[0], v[1]));
        return Func([a, b, d], [c], MatmulStmt(a, b, c, n), relu);
    }

    /// <summary>B = A * 2 (block "B"), C = B + 1 (block "C"), 16x16; B allocated.</summary>
    public static PrimFunc Elementwise()
    {
        var (a, b, c) = (Buf("A", 16, 16), Buf("B", 16, 16), Buf("C", 16, 16));
        return Func([a, c], [b],
            Compute("B", "SS", [16, 16], ["i", "j"], v => St(b, L(a, v[0], v[1]) * F(2), v[0], v[1])),
            Compute("C", "SS", [16, 16], ["i", "j"], v => St(c, L(b, v[0], v[1]) + F(1), v[0], v[1])));
    }

    /// <summary>
    /// Apad = A padded by 1 on each side (block "pad", 10x10), then a 3x3 convolution
    /// Out[i, j] = sum_{r, s} Apad[i + r, j + s] * W[r, s] (block "conv", 8x8).
    /// </summary>
    public static PrimFunc PadConv()
    {
        var (a, w, pad, o) = (Buf("A", 8, 8), Buf("W", 3, 3), Buf("Apad", 10, 10), Buf("Out", 8, 8));
        var padStmt = Compute("pad", "SS", [10, 10], ["i", "j"], v =>
        {
            var inside = E.And(E.And(new Binary(BinOp.GE, v[0], I(1)), E.Lt(v[0], I(9))), E.And(new Binary(BinOp.GE, v[1], I(1)), E.Lt(v[1], I(9))));
            return St(pad, new Call(F32, "if_then_else", [inside, L(a, v[0] - 1, v[1] - 1), F(0)]), v[0], v[1]);
        });
        var conv = Compute("conv", "SSRR", [8, 8, 3, 3], ["i", "j", "r", "s"],
            v => St(o, L(o, v[0], v[1]) + L(pad, v[0] + v[2], v[1] + v[3]) * L(w, v[2], v[3]), v[0], v[1]),
            v => St(o, F(0), v[0], v[1]));
        return Func([a, w, o], [pad], padStmt, conv);
    }

    /// <summary>Softmax over rows of A[4, 16]: blocks "maxelem", "exp", "expsum", "norm".</summary>
    public static PrimFunc Softmax()
    {
        var (a, mx, ex, sm, o) = (Buf("A", 4, 16), Buf("T_maxelem", 4), Buf("T_exp", 4, 16), Buf("T_expsum", 4), Buf("T_softmax", 4, 16));
        return Func([a, o], [mx, ex, sm],
            Compute("maxelem", "SR", [4, 16], ["i", "k"], v => St(mx, E.Max(L(mx, v[0]), L(a, v[0], v[1])), v[0]),
                v => St(mx, new FloatImm(F32, float.MinValue), v[0])),
            Compute("exp", "SS", [4, 16], ["i", "j"], v => St(ex, new Call(F32, "exp", [L(a, v[0], v[1]) - L(mx, v[0])]), v[0], v[1])),
            Compute("expsum", "SR", [4, 16], ["i", "k"], v => St(sm, L(sm, v[0]) + L(ex, v[0], v[1]), v[0]), v => St(sm, F(0), v[0])),
            Compute("norm", "SS", [4, 16], ["i", "j"], v => St(o, new Binary(BinOp.Div, L(ex, v[0], v[1]), L(sm, v[0])), v[0], v[1])));
    }

    /// <summary>
    /// Matmul 16x16x16 tiled as MultiLevelTiling's SSRSRS leaves it: i0 j0 i1 j1 k0 i2 j2 k1 with extents
    /// 2 2 2 2 4 4 4 4, v_i = i0*8 + i1*4 + i2, v_j = j0*8 + j1*4 + j2, v_k = k0*4 + k1.
    /// </summary>
    public static PrimFunc TiledMatmul()
    {
        var (a, b, c) = (Buf("A", 16, 16), Buf("B", 16, 16), Buf("C", 16, 16));
        var l = new[] { "i0", "j0", "i1", "j1", "k0", "i2", "j2", "k1" }.Select(V).ToArray();
        long[] ext = [2, 2, 2, 2, 4, 4, 4, 4];
        var (vi, vj, vk) = (V("v_i"), V("v_j"), V("v_k"));
        var blk = Blk("matmul",
            [(vi, 16, IterKind.Spatial, l[0] * 8 + l[2] * 4 + l[5]), (vj, 16, IterKind.Spatial, l[1] * 8 + l[3] * 4 + l[6]),
             (vk, 16, IterKind.Reduce, l[4] * 4 + l[7])],
            St(c, L(c, vi, vj) + L(a, vi, vk) * L(b, vk, vj), vi, vj), St(c, F(0), vi, vj));
        return Func([a, b, c], [], Loops(l.Select((x, i) => (x, ext[i])), blk));
    }

    /// <summary>
    /// Row reduction of A[4, 16] into B[4] with k split as k0 (4) x k1 (4): v_k = k0*4 + k1; sum (init 0) or max
    /// (init the lowest float32). Block "rowsum" / "rowmax".
    /// </summary>
    public static PrimFunc RowReduce(bool max)
    {
        var (a, b) = (Buf("A", 4, 16), Buf("B", 4));
        var (i, k0, k1) = (V("i"), V("k0"), V("k1"));
        var (vi, vk) = (V("v_i"), V("v_k"));
        Expr update = max ? E.Max(L(b, vi), L(a, vi, vk)) : L(b, vi) + L(a, vi, vk);
        Expr init = max ? new FloatImm(F32, float.MinValue) : F(0);
        var blk = Blk(max ? "rowmax" : "rowsum", [(vi, 4, IterKind.Spatial, i), (vk, 16, IterKind.Reduce, k0 * 4 + k1)],
            St(b, update, vi), St(b, init, vi));
        return Func([a, b], [], Loops([(i, 4), (k0, 4), (k1, 4)], blk));
    }
}
