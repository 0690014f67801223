using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

/// <summary>
/// Random expressions over bounded variables: the simplified expression must evaluate to the original's
/// value at random points of the bound box (checked with the test's own evaluator).
/// </summary>
public class SimplifierSemanticsTests
{
    private static readonly (Var V, long Min, long Extent)[] Vars =
    [
        (I32("i"), 0, 4), (I32("j"), 0, 32), (I32("k"), -8, 16), (I32("m"), 0, 7), (I32("n"), 3, 5),
    ];

    private static Expr RandomExpr(Random rng, int depth)
    {
        if (depth == 0 || rng.Next(5) == 0)
            return rng.Next(3) == 0 ? C(rng.Next(-10, 40)) : Vars[rng.Next(Vars.Length)].V;
        long[] divisors = [1, 2, 3, 4, 8, 16, 32, 5];
        long d = divisors[rng.Next(divisors.Length)];
        return rng.Next(15) switch
        {
            13 => FDiv(FMod(RandomExpr(rng, depth - 1), C(d * 4)), C(d)),
            14 => Mul(FMod(FDiv(RandomExpr(rng, depth - 1), C(d)), C(4)), C(d)),
            0 or 1 => Add(RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)),
            2 => Sub(RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)),
            3 => Mul(RandomExpr(rng, depth - 1), C(rng.Next(-3, 33))),
            4 => Mul(RandomExpr(rng, depth - 1), RandomExpr(rng, 0)),
            5 => FDiv(RandomExpr(rng, depth - 1), C(d)),
            6 => FMod(RandomExpr(rng, depth - 1), C(d)),
            7 => Div(RandomExpr(rng, depth - 1), C(d)),
            8 => Mod(RandomExpr(rng, depth - 1), C(d)),
            9 => Min(RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)),
            10 => Max(RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)),
            11 => new Select(Lt(RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)), RandomExpr(rng, depth - 1), RandomExpr(rng, depth - 1)),
            _ => Add(Mul(FDiv(RandomExpr(rng, depth - 1), C(d)), C(d)), FMod(RandomExpr(rng, 1), C(d))),
        };
    }

    private static Analyzer Bound()
    {
        var an = new Analyzer();
        foreach (var (v, min, ext) in Vars) an.Bind(v, min, ext);
        return an;
    }

    private static Dictionary<Var, long> RandomPoint(Random rng) =>
        Vars.ToDictionary(x => x.V, x => x.Min + rng.Next((int)x.Extent));

    [Fact]
    public void Simplified_expressions_evaluate_like_the_originals_inside_the_bounds()
    {
        var rng = new Random(1234);
        var an = Bound();
        int changed = 0;
        for (int n = 0; n < 3000; n++)
        {
            var e = RandomExpr(rng, 4);
            var s = an.Simplify(e);
            if (!s.Equals(e)) changed++;
            for (int p = 0; p < 20; p++)
            {
                var env = RandomPoint(rng);
                long want = IntEval.Eval(e, env), got = IntEval.Eval(s, env);
                Assert.True(want == got, $"{ExprText.Of(e)} => {ExprText.Of(s)}: {want} != {got} at "
                    + string.Join(", ", env.Select(kv => $"{kv.Key}={kv.Value}")));
            }
        }
        Assert.True(changed > 1000, $"only {changed} expressions changed");
    }

    /// <summary>Retypes an int32 expression to int64 (constants and variables), for the dtype-preservation check.</summary>
    private sealed class ToInt64(Dictionary<Var, Var> vars) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e is IntImm { Type.IsInt: true } i ? IntImm.I64(i.Value) : base.VisitExpr(e);
        public override Expr VisitVar(Var v) => vars[v];
    }

    [Fact]
    public void Int64_expressions_simplify_to_int64_expressions_with_matching_operand_types()
    {
        var rng = new Random(77);
        var vars = Vars.ToDictionary(x => x.V, x => new Var(x.V.Name, DataType.Int64));
        var an = new Analyzer();
        foreach (var (v, min, ext) in Vars) an.Bind(vars[v], min, ext);
        var retype = new ToInt64(vars);
        for (int n = 0; n < 1000; n++)
        {
            var e = retype.VisitExpr(RandomExpr(rng, 4));
            var s = an.Simplify(e);
            Assert.Equal(DataType.Int64, s.Dtype);
            new NodeWalker(onExpr: x =>
            {
                if (x is Binary b) Assert.True(b.A.Dtype == b.B.Dtype, $"{ExprText.Of(s)} mixes {b.A.Dtype} and {b.B.Dtype}");
                if (x is IntImm i && !i.Type.IsBool) Assert.Equal(DataType.Int64, i.Type);
            }).VisitExpr(s);
            for (int p = 0; p < 5; p++)
            {
                var env = RandomPoint(rng).ToDictionary(kv => vars[kv.Key], kv => kv.Value);
                Assert.Equal(IntEval.Eval(e, env), IntEval.Eval(s, env));
            }
        }
    }

    [Fact]
    public void Constant_bounds_contain_every_value()
    {
        var rng = new Random(99);
        var an = Bound();
        for (int n = 0; n < 2000; n++)
        {
            var e = RandomExpr(rng, 4);
            var (lo, hi) = an.ConstIntBound(e);
            for (int p = 0; p < 20; p++)
            {
                long v = IntEval.Eval(e, RandomPoint(rng));
                Assert.True(lo <= v && v <= hi, $"{ExprText.Of(e)} = {v} outside [{lo}, {hi}]");
            }
        }
    }

    [Fact]
    public void Proved_comparisons_hold_at_every_point()
    {
        var rng = new Random(7);
        var an = Bound();
        int proved = 0;
        for (int n = 0; n < 3000; n++)
        {
            var cond = new Binary((BinOp)rng.Next((int)BinOp.EQ, (int)BinOp.GE + 1), RandomExpr(rng, 3), RandomExpr(rng, 2));
            if (!an.CanProve(cond)) continue;
            proved++;
            for (int p = 0; p < 20; p++)
            {
                var env = RandomPoint(rng);
                Assert.True(IntEval.Eval(cond, env) == 1, $"{ExprText.Of(cond)} proved but false");
            }
        }
        Assert.True(proved > 100, $"only {proved} proved");
    }
}
