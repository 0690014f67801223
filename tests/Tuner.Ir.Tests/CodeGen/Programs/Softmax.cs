using Tuner.Ir;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>Row softmax as TVM's te_workload SFM: max, exp, sum, normalize; three intermediates in the root block.</summary>
public static class Softmax
{
    public static PrimFunc Build(long m, long n)
    {
        var a = Buf("A", F32, m, n);
        var o = Buf("T_softmax_norm", F32, m, n);
        var mx = Buf("T_softmax_maxelem", F32, m);
        var ex = Buf("T_softmax_exp", F32, m, n);
        var sum = Buf("T_softmax_expsum", F32, m);
        var body = Seq(
            Grid(["i0", "k0"], [m, n], l => Block("T_softmax_maxelem", "SR", [m, n], [l[0], l[1]],
                v => St(mx, E.Max(Ld(mx, v[0]), Ld(a, v[0], v[1])), v[0]),
                init: v => St(mx, F(float.NegativeInfinity), v[0]))),
            Grid(["i1", "j1"], [m, n], l => Block("T_softmax_exp", "SS", [m, n], [l[0], l[1]],
                v => St(ex, Call(F32, "exp", Ld(a, v[0], v[1]) - Ld(mx, v[0])), v[0], v[1]))),
            Grid(["i2", "k2"], [m, n], l => Block("T_softmax_expsum", "SR", [m, n], [l[0], l[1]],
                v => St(sum, Ld(sum, v[0]) + Ld(ex, v[0], v[1]), v[0]),
                init: v => St(sum, F(0), v[0]))),
            Grid(["i3", "j3"], [m, n], l => Block("T_softmax_norm", "SS", [m, n], [l[0], l[1]],
                v => St(o, new Binary(BinOp.Div, Ld(ex, v[0], v[1]), Ld(sum, v[0])), v[0], v[1]))));
        return Func([a, o], body, rootAllocs: [mx, ex, sum]);
    }

    public static float[] Expected(float[] a, int m, int n)
    {
        var o = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            float mx = float.NegativeInfinity;
            for (int j = 0; j < n; j++) mx = a[i * n + j] > mx ? a[i * n + j] : mx;
            float s = 0;
            var e = new float[n];
            for (int j = 0; j < n; j++) { e[j] = MathF.Exp(a[i * n + j] - mx); s += e[j]; }
            for (int j = 0; j < n; j++) o[i * n + j] = e[j] / s;
        }
        return o;
    }
}
