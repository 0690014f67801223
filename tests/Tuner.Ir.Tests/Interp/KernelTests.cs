using System.Diagnostics;
using Tuner.Ir.Interp;
using Xunit.Abstractions;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>Whole kernels against plain C# loops that round every float32 operation the same way.</summary>
public class KernelTests(ITestOutputHelper output)
{
    /*
    @T.prim_func
    def matmul(A: T.Buffer((n, n), "float32"), B: T.Buffer((n, n), "float32"), C: T.Buffer((n, n), "float32")):
        for i, j, k in T.grid(n, n, n):
            with T.block("matmul"):
                v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                with T.init():
                    C[v_i, v_j] = T.float32(0.0)
                C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
    */
    internal static PrimFunc Matmul(int n)
    {
        var (a, b, c) = (Buf("A", F32, n, n), Buf("B", F32, n, n), Buf("C", F32, n, n));
        var (i, j, k) = (V("i"), V("j"), V("k"));
        var (vi, vj, vk) = (V("v_i"), V("v_j"), V("v_k"));
        var block = Block("matmul", [S(vi, n, i), S(vj, n, j), R(vk, n, k)],
            St(c, Ld(c, vi, vj) + Ld(a, vi, vk) * Ld(b, vk, vj), vi, vj),
            init: St(c, Fc(0), vi, vj));
        return Func([a, b, c], Grid([i, j, k], [n, n, n], block));
    }

    [Fact]
    public void Matmul_equals_the_float32_loop_nest_exactly()
    {
        const int n = 24;
        var a = NDArray.Random(F32, [n, n], 1);
        var b = NDArray.Random(F32, [n, n], 2);
        var c = new NDArray(F32, [n, n]);
        c.SetDouble(0, 12345); // the init block must overwrite whatever is there
        Interpreter.Run(Matmul(n), [a, b, c]);

        var (fa, fb) = (Floats(a), Floats(b));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                float acc = 0;
                for (int k = 0; k < n; k++) acc = acc + fa[i * n + k] * fb[k * n + j];
                // Tolerance 0: both sides round every float32 operation, in the same order.
                Assert.Equal(acc, (float)c.GetDouble(i * n + j));
            }
    }

    [Fact]
    public void Matmul_64_cubed_runs_at_millions_of_iterations_per_second()
    {
        var f = Interpreter.Compile(Matmul(64));
        var args = new[] { NDArray.Random(F32, [64, 64], 1), NDArray.Random(F32, [64, 64], 2), new NDArray(F32, [64, 64]) };
        f.Run(args); // JIT warm-up
        var best = TimeSpan.MaxValue;
        for (int rep = 0; rep < 8; rep++)
        {
            var sw = Stopwatch.StartNew();
            f.Run(args);
            if (sw.Elapsed < best) best = sw.Elapsed;
        }
        double rate = 64.0 * 64 * 64 / best.TotalSeconds;
        output.WriteLine($"64^3 matmul: {best.TotalMilliseconds:F1} ms, {rate / 1e6:F1} M innermost iterations/s");
        // Generous bound (the machine is shared); the target is ~0.05 s.
        Assert.True(best.TotalSeconds < 1.0, $"64^3 matmul took {best.TotalSeconds:F3} s");
    }

    /*
    @T.prim_func
    def conv2d(A: T.Buffer((1, 3, 8, 8), "float32"), W: T.Buffer((4, 3, 3, 3), "float32"), B: T.Buffer((1, 4, 8, 8), "float32")):
        pad = T.alloc_buffer((1, 3, 10, 10))
        for n, c, h, w in T.grid(1, 3, 10, 10):
            with T.block("pad"):
                v_n, v_c, v_h, v_w = T.axis.remap("SSSS", [n, c, h, w])
                pad[v_n, v_c, v_h, v_w] = T.if_then_else(1 <= v_h and v_h < 9 and 1 <= v_w and v_w < 9,
                                                         A[v_n, v_c, v_h - 1, v_w - 1], T.float32(0.0))
        for n, f, y, x, rc, ry, rx in T.grid(1, 4, 8, 8, 3, 3, 3):
            with T.block("conv"):
                v_n, v_f, v_y, v_x, v_rc, v_ry, v_rx = T.axis.remap("SSSSRRR", [n, f, y, x, rc, ry, rx])
                with T.init():
                    B[v_n, v_f, v_y, v_x] = T.float32(0.0)
                B[v_n, v_f, v_y, v_x] = B[v_n, v_f, v_y, v_x] + pad[v_n, v_rc, v_y + v_ry, v_x + v_rx] * W[v_f, v_rc, v_ry, v_rx]
    */
    [Fact]
    public void Conv2d_nchw_with_a_padding_block_equals_direct_convolution()
    {
        var a = Buf("A", F32, 1, 3, 8, 8);
        var wt = Buf("W", F32, 4, 3, 3, 3);
        var b = Buf("B", F32, 1, 4, 8, 8);
        var pad = Buf("pad", F32, 1, 3, 10, 10);
        var (n, c, h, w) = (V("n"), V("c"), V("h"), V("w"));
        var (vn, vc, vh, vw) = (V("v_n"), V("v_c"), V("v_h"), V("v_w"));
        var inside = E.And(E.And(Bin(BinOp.LE, C(1), vh), E.Lt(vh, C(9))), E.And(Bin(BinOp.LE, C(1), vw), E.Lt(vw, C(9))));
        var padBlock = Block("pad", [S(vn, 1, n), S(vc, 3, c), S(vh, 10, h), S(vw, 10, w)],
            St(pad, Call(F32, "if_then_else", inside, Ld(a, vn, vc, vh - 1, vw - 1), Fc(0)), vn, vc, vh, vw));
        var (f, y, x, rc, ry, rx) = (V("f"), V("y"), V("x"), V("rc"), V("ry"), V("rx"));
        var (n2, vn2) = (V("n"), V("v_n"));
        var (vf, vy, vx, vrc, vry, vrx) = (V("v_f"), V("v_y"), V("v_x"), V("v_rc"), V("v_ry"), V("v_rx"));
        var conv = Block("conv", [S(vn2, 1, n2), S(vf, 4, f), S(vy, 8, y), S(vx, 8, x), R(vrc, 3, rc), R(vry, 3, ry), R(vrx, 3, rx)],
            St(b, Ld(b, vn2, vf, vy, vx) + Ld(pad, vn2, vrc, vy + vry, vx + vrx) * Ld(wt, vf, vrc, vry, vrx), vn2, vf, vy, vx),
            init: St(b, Fc(0), vn2, vf, vy, vx));
        var func = Func([a, wt, b],
            Seq(Grid([n, c, h, w], [1, 3, 10, 10], padBlock), Grid([n2, f, y, x, rc, ry, rx], [1, 4, 8, 8, 3, 3, 3], conv)),
            alloc: [pad]);

        var aa = NDArray.Random(F32, [1, 3, 8, 8], 3);
        var ww = NDArray.Random(F32, [4, 3, 3, 3], 4);
        var bb = new NDArray(F32, [1, 4, 8, 8]);
        Interpreter.Run(func, [aa, ww, bb]);

        var (fa, fw) = (Floats(aa), Floats(ww));
        for (int fo = 0; fo < 4; fo++)
            for (int yo = 0; yo < 8; yo++)
                for (int xo = 0; xo < 8; xo++)
                {
                    float acc = 0;
                    for (int ci = 0; ci < 3; ci++)
                        for (int dy = 0; dy < 3; dy++)
                            for (int dx = 0; dx < 3; dx++)
                            {
                                int iy = yo + dy - 1, ix = xo + dx - 1;
                                float v = iy is >= 0 and < 8 && ix is >= 0 and < 8 ? fa[(ci * 8 + iy) * 8 + ix] : 0f;
                                acc = acc + v * fw[((fo * 3 + ci) * 3 + dy) * 3 + dx];
                            }
                    Assert.Equal(acc, (float)bb.GetDouble((fo * 8 + yo) * 8 + xo)); // same operation order: exact
                }
    }

    /*
    @T.prim_func
    def softmax(A: T.Buffer((16, 32), "float32"), T_softmax_norm: T.Buffer((16, 32), "float32")):
        T_softmax_maxelem = T.alloc_buffer((16,))
        T_softmax_exp = T.alloc_buffer((16, 32))
        T_softmax_expsum = T.alloc_buffer((16,))
        for i0, k in T.grid(16, 32):
            with T.block("T_softmax_maxelem"):
                v_i0, v_k = T.axis.remap("SR", [i0, k])
                with T.init():
                    T_softmax_maxelem[v_i0] = T.float32(-3.4028234663852886e+38)
                T_softmax_maxelem[v_i0] = T.max(T_softmax_maxelem[v_i0], A[v_i0, v_k])
        for i0, i1 in T.grid(16, 32):
            with T.block("T_softmax_exp"):
                v_i0, v_i1 = T.axis.remap("SS", [i0, i1])
                T_softmax_exp[v_i0, v_i1] = T.exp(A[v_i0, v_i1] - T_softmax_maxelem[v_i0])
        for i0, k in T.grid(16, 32):
            with T.block("T_softmax_expsum"):
                v_i0, v_k = T.axis.remap("SR", [i0, k])
                with T.init():
                    T_softmax_expsum[v_i0] = T.float32(0.0)
                T_softmax_expsum[v_i0] = T_softmax_expsum[v_i0] + T_softmax_exp[v_i0, v_k]
        for i0, i1 in T.grid(16, 32):
            with T.block("T_softmax_norm"):
                v_i0, v_i1 = T.axis.remap("SS", [i0, i1])
                T_softmax_norm[v_i0, v_i1] = T_softmax_exp[v_i0, v_i1] / T_softmax_expsum[v_i0]
    */
    [Fact]
    public void Softmax_in_four_blocks_equals_the_textbook_formula()
    {
        const int m = 16, n = 32;
        var a = Buf("A", F32, m, n);
        var o = Buf("T_softmax_norm", F32, m, n);
        var mx = Buf("T_softmax_maxelem", F32, m);
        var ex = Buf("T_softmax_exp", F32, m, n);
        var sm = Buf("T_softmax_expsum", F32, m);
        Stmt Reduce(string name, Buffer dst, Expr initV, Func<Var, Var, Expr> update)
        {
            var (i0, k, vi, vk) = (V("i0"), V("k"), V("v_i0"), V("v_k"));
            return Grid([i0, k], [m, n], Block(name, [S(vi, m, i0), R(vk, n, k)], St(dst, update(vi, vk), vi), init: St(dst, initV, vi)));
        }
        Stmt Map(string name, Buffer dst, Func<Var, Var, Expr> value)
        {
            var (i0, i1, vi, vj) = (V("i0"), V("i1"), V("v_i0"), V("v_i1"));
            return Grid([i0, i1], [m, n], Block(name, [S(vi, m, i0), S(vj, n, i1)], St(dst, value(vi, vj), vi, vj)));
        }
        var func = Func([a, o], Seq(
            Reduce("T_softmax_maxelem", mx, Fc(-3.4028234663852886e+38), (i, k) => E.Max(Ld(mx, i), Ld(a, i, k))),
            Map("T_softmax_exp", ex, (i, j) => Call(F32, "exp", Ld(a, i, j) - Ld(mx, i))),
            Reduce("T_softmax_expsum", sm, Fc(0), (i, k) => Ld(sm, i) + Ld(ex, i, k)),
            Map("T_softmax_norm", o, (i, j) => new Binary(BinOp.Div, Ld(ex, i, j), Ld(sm, i)))),
            alloc: [mx, ex, sm]);

        var aa = NDArray.Random(F32, [m, n], 5);
        for (int q = 0; q < aa.Size; q++) aa.SetDouble(q, aa.GetDouble(q) * 8); // a wide range exercises the max shift
        var oo = new NDArray(F32, [m, n]);
        Interpreter.Run(func, [aa, oo]);

        for (int i = 0; i < m; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < n; j++) max = Math.Max(max, aa.GetDouble(i * n + j));
            for (int j = 0; j < n; j++) sum += Math.Exp(aa.GetDouble(i * n + j) - max);
            double rowSum = 0;
            for (int j = 0; j < n; j++)
            {
                double expected = Math.Exp(aa.GetDouble(i * n + j) - max) / sum;
                double got = oo.GetDouble(i * n + j);
                Assert.True(Math.Abs(got - expected) <= 1e-6 * Math.Max(expected, 1e-3), $"row {i} col {j}: {got} vs {expected} (float32 tolerance)");
                rowSum += got;
            }
            Assert.Equal(1.0, rowSum, 5);
        }
    }

    /*
    @T.prim_func
    def rowsum(A: T.Buffer((6, 10), "float32"), B: T.Buffer((6,), "float32")):
        for i, ko, ki in T.grid(6, 4, 3):
            with T.block("B"):
                v_i = T.axis.spatial(6, i)
                v_k = T.axis.reduce(10, ko * 3 + ki)
                T.where(ko * 3 + ki < 10)
                with T.init():
                    B[v_i] = T.float32(0.0)
                B[v_i] = B[v_i] + A[v_i, v_k]
    */
    [Fact]
    public void Reduction_split_by_a_non_dividing_factor_skips_iterations_where_the_predicate_fails()
    {
        var a = Buf("A", F32, 6, 10);
        var b = Buf("B", F32, 6);
        var (i, ko, ki, vi, vk) = (V("i"), V("ko"), V("ki"), V("v_i"), V("v_k"));
        var k = ko * 3 + ki;
        var func = Func([a, b], Grid([i, ko, ki], [6, 4, 3],
            Block("B", [S(vi, 6, i), R(vk, 10, k)], St(b, Ld(b, vi) + Ld(a, vi, vk), vi),
                init: St(b, Fc(0), vi), where: E.Lt(k, C(10)))));
        var aa = NDArray.Random(F32, [6, 10], 6);
        var bb = new NDArray(F32, [6]);
        Interpreter.Run(func, [aa, bb]);
        var fa = Floats(aa);
        for (int r = 0; r < 6; r++)
        {
            float acc = 0;
            for (int c = 0; c < 10; c++) acc = acc + fa[r * 10 + c];
            Assert.Equal(acc, (float)bb.GetDouble(r)); // exact: same order of additions
        }
    }
}
