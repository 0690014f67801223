using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

public class RegionAnalysisTests
{
    private static readonly Var I0 = I32("i_0"), I1 = I32("i_1"), K = I32("k");

    private static string R(Range r) => $"[{ExprText.Of(r.Min)}, +{ExprText.Of(r.Extent)})";

    [Fact]
    public void Inner_loop_sweep_leaves_the_outer_var_symbolic()
    {
        var dom = new Dictionary<Var, Range> { [I1] = Rng(0, 32) };
        Assert.Equal("[i_0 * 32, +32)", R(RegionAnalysis.EvalRange(Add(Mul(I0, C(32)), I1), dom)));
        Assert.Equal("[i_0 * 8, +8)", R(RegionAnalysis.EvalRange(FDiv(Add(Mul(I0, C(32)), I1), C(4)), dom)));
        Assert.Equal("[i_0 * 32 + 1, +32)", R(RegionAnalysis.EvalRange(Add(Add(Mul(I0, C(32)), I1), C(1)), dom)));
    }

    [Fact]
    public void Constant_sweeps_give_constant_ranges()
    {
        var dom = new Dictionary<Var, Range> { [I0] = Rng(0, 4), [I1] = Rng(0, 32) };
        Assert.Equal("[0, +128)", R(RegionAnalysis.EvalRange(Add(Mul(I0, C(32)), I1), dom)));
        Assert.Equal("[0, +16)", R(RegionAnalysis.EvalRange(FMod(I1, C(16)), dom)));
        Assert.Equal("[-31, +35)", R(RegionAnalysis.EvalRange(Sub(I0, I1), dom)));
        Assert.Equal("[3, +1)", R(RegionAnalysis.EvalRange(C(3), dom)));
    }

    [Fact]
    public void A_region_range_with_symbolic_start_is_swept()
    {
        var dom = new Dictionary<Var, Range> { [K] = Rng(0, 4) };
        var r = new Range(Add(Mul(I0, C(16)), Mul(K, C(4))), C(4));
        Assert.Equal("[i_0 * 16, +16)", R(RegionAnalysis.EvalRange(r, dom)));
    }

    [Fact]
    public void Union_takes_min_of_starts_and_max_of_ends()
    {
        Assert.Equal("[0, +20)", R(RegionAnalysis.Union(Rng(4, 16), Rng(0, 8))));
        var a = new Range(Mul(I0, C(32)), C(32));
        var b = new Range(Add(Mul(I0, C(32)), C(16)), C(32));
        Assert.Equal("[i_0 * 32, +48)", R(RegionAnalysis.Union(a, b)));
    }

    [Fact]
    public void Swept_range_contains_every_value_of_the_expression()
    {
        var dom = new Dictionary<Var, Range> { [I0] = Rng(0, 4), [I1] = Rng(0, 32), [K] = Rng(-3, 7) };
        Expr[] exprs =
        [
            FDiv(Add(Mul(I0, C(32)), I1), C(6)), FMod(Add(I1, K), C(5)), Min(I1, Add(K, C(10))),
            Sub(Mul(K, C(3)), FDiv(I1, C(4))), Max(Mul(I0, I1), C(2)),
        ];
        foreach (var e in exprs)
        {
            var r = RegionAnalysis.EvalRange(e, dom);
            long lo = ((IntImm)r.Min).Value, hi = lo + ((IntImm)r.Extent).Value - 1;
            for (long a = 0; a < 4; a++)
                for (long b = 0; b < 32; b++)
                    for (long c = -3; c < 4; c++)
                    {
                        long v = IntEval.Eval(e, new Dictionary<Var, long> { [I0] = a, [I1] = b, [K] = c });
                        Assert.True(lo <= v && v <= hi, $"{ExprText.Of(e)} = {v} outside [{lo}, {hi}]");
                    }
        }
    }
}

public class RegionAnalysisSymbolicTests
{
    [Fact]
    public void Symbolic_ranges_contain_every_value_for_each_outer_value()
    {
        Var o = IrBuild.I32("o"), i = IrBuild.I32("i"), j = IrBuild.I32("j");
        var dom = new Dictionary<Var, Range> { [i] = IrBuild.Rng(0, 8), [j] = IrBuild.Rng(0, 4) };
        var an = new Analyzer();
        an.Bind(o, 0, 6);
        Expr[] exprs =
        [
            IrBuild.Add(IrBuild.Mul(o, IrBuild.C(8)), i),
            IrBuild.FDiv(IrBuild.Add(IrBuild.Mul(o, IrBuild.C(32)), IrBuild.Add(IrBuild.Mul(i, IrBuild.C(4)), j)), IrBuild.C(16)),
            IrBuild.FMod(IrBuild.Add(IrBuild.Mul(o, IrBuild.C(8)), i), IrBuild.C(16)),
            IrBuild.Sub(IrBuild.Mul(o, IrBuild.C(3)), IrBuild.Mul(j, IrBuild.C(2))),
            IrBuild.Min(IrBuild.Add(o, i), IrBuild.C(9)),
        ];
        foreach (var e in exprs)
        {
            var r = RegionAnalysis.EvalRange(e, dom, an);
            for (long ov = 0; ov < 6; ov++)
            {
                var outer = new Dictionary<Var, long> { [o] = ov };
                long lo = IntEval.Eval(r.Min, outer), ext = IntEval.Eval(r.Extent, outer);
                bool tight = false;
                for (long iv = 0; iv < 8; iv++)
                    for (long jv = 0; jv < 4; jv++)
                    {
                        long v = IntEval.Eval(e, new Dictionary<Var, long> { [o] = ov, [i] = iv, [j] = jv });
                        Assert.True(lo <= v && v < lo + ext, $"{ExprText.Of(e)} = {v} outside [{ExprText.Of(r.Min)}, +{ExprText.Of(r.Extent)}) at o={ov}");
                        tight |= v == lo;
                    }
                Assert.True(tight, $"{ExprText.Of(e)}: min {lo} not reached at o={ov}");
            }
        }
    }
}
