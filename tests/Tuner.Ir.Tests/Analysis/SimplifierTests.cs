using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

public class SimplifierTests
{
    private static readonly Var I = I32("i"), J = I32("j"), K = I32("k"), I0 = I32("i_0"), I1 = I32("i_1"), X = I32("x"), A = I32("a");

    private static string S(Expr e, Analyzer? an = null) => ExprText.Of((an ?? new Analyzer()).Simplify(e));

    private static Analyzer Bound(params (Var V, long Min, long Extent)[] binds)
    {
        var an = new Analyzer();
        foreach (var (v, min, ext) in binds) an.Bind(v, min, ext);
        return an;
    }

    [Fact]
    public void Nested_affine_terms_are_collected_in_descending_coefficient_order()
    {
        Assert.Equal("i * 32 + j * 8 + k", S(Add(Mul(Add(Mul(I, C(4)), J), C(8)), K)));
        Assert.Equal("i_0 * 32 + i_1", S(Add(I1, Mul(I0, C(32)))));
    }

    [Fact]
    public void Constants_fold_and_cancel()
    {
        Assert.Equal("14", S(Add(Mul(C(3), C(4)), C(2))));
        Assert.Equal("0", S(Sub(Add(I, C(3)), Add(C(3), I))));
        Assert.Equal("i * 2 + 5 - j", S(Add(Sub(Add(I, C(2)), J), Add(I, C(3)))));
    }

    [Fact]
    public void Split_index_floordiv_and_floormod_fold_with_known_bounds()
    {
        var an = Bound((I0, 0, 4), (I1, 0, 32));
        var fused = Add(Mul(I0, C(32)), I1);
        Assert.Equal("i_0", S(FDiv(fused, C(32)), an));
        Assert.Equal("i_1", S(FMod(fused, C(32)), an));
    }

    [Fact]
    public void Floordiv_by_a_divisor_of_the_coefficient_scales_down()
    {
        Assert.Equal("x * 2", S(FDiv(Mul(X, C(8)), C(4))));
        Assert.Equal("x // 2", S(FDiv(Mul(X, C(4)), C(8))));
        Assert.Equal("x", S(FDiv(X, C(1))));
        Assert.Equal("0", S(FMod(Mul(X, C(8)), C(4))));
    }

    [Fact]
    public void Split_then_fuse_identity_recombines()
    {
        Assert.Equal("a", S(Add(Mul(FDiv(A, C(4)), C(4)), FMod(A, C(4)))));
        Assert.Equal("a * 3", S(Add(Mul(FDiv(A, C(4)), C(12)), Mul(FMod(A, C(4)), C(3)))));
    }

    [Fact]
    public void Floordiv_of_a_fused_index_drops_the_small_part()
    {
        var an = Bound((I, 0, 16), (J, 0, 32));
        Assert.Equal("i // 2", S(FDiv(Add(Mul(I, C(32)), J), C(64)), an));
        Assert.Equal("i % 2 * 32 + j", S(FMod(Add(Mul(I, C(32)), J), C(64)), an));
        Assert.Equal("i // 8", S(FDiv(FDiv(I, C(2)), C(4))));
    }

    [Fact]
    public void Truncating_division_simplifies_only_for_non_negative_dividends()
    {
        var an = Bound((I0, 0, 4), (I1, 0, 32));
        Assert.Equal("i_0", S(Div(Add(Mul(I0, C(32)), I1), C(32)), an));
        Assert.Equal("T.truncdiv(x * 32 + 5, 32)", S(Div(Add(Mul(X, C(32)), C(5)), C(32))));
    }

    [Fact]
    public void Comparisons_provable_from_bounds_become_constants()
    {
        var an = Bound((I, 0, 128));
        Assert.Equal("True", S(Lt(I, C(128)), an));
        Assert.Equal("False", S(Le(C(128), I), an));
        Assert.Equal("i < 127", S(Lt(I, C(127)), an));
        Assert.True(an.CanProve(Lt(Add(Mul(I, C(32)), C(31)), C(4096))));
        Assert.False(an.CanProve(Lt(Add(Mul(I, C(32)), C(32)), C(4096))));
    }

    [Fact]
    public void Comparisons_against_a_symbolic_extent_use_the_range_end()
    {
        var n = I32("n");
        var an = new Analyzer();
        an.Bind(n, 1, 1000);
        an.Bind(I, new Range(C(0), n));
        Assert.True(an.CanProve(Lt(I, n)));
        Assert.False(an.CanProve(Lt(I, Sub(n, C(1)))));
        // Two levels: j < i < n.
        an.Bind(J, new Range(C(0), I));
        Assert.True(an.CanProve(Lt(Add(J, C(1)), n)));
        Assert.False(an.CanProve(Lt(Add(J, C(2)), n)));
    }

    [Fact]
    public void Redundant_min_and_max_are_removed()
    {
        var an = Bound((I, 0, 16));
        Assert.Equal("i", S(Min(I, C(16)), an));
        Assert.Equal("i + 1", S(Max(I, Add(I, C(1))), an));
        Assert.Equal("T.min(i, 8)", S(Min(I, C(8)), an));
        Assert.Equal("0", S(Max(C(0), Sub(I, C(20))), an));
    }

    [Fact]
    public void Boolean_constants_fold()
    {
        var an = Bound((I, 0, 128));
        var x = Lt(J, C(3));
        Assert.Equal("j < 3", S(And(IntImm.True, x), an));
        Assert.Equal("False", S(And(x, IntImm.False), an));
        Assert.Equal("j < 3", S(And(Lt(I, C(128)), x), an));
        Assert.Equal("j >= 3", S(new Not(x)));
    }

    [Fact]
    public void Int64_expressions_keep_int64_constants()
    {
        var n = I64("n");
        var e = new Analyzer().Simplify(Add(Mul(Add(Mul(n, C64(4)), C64(1)), C64(2)), C64(3)));
        Assert.Equal("n * T.int64(8) + T.int64(5)", ExprText.Of(e));
        var consts = new List<Expr>();
        new NodeWalker(onExpr: x => { if (x is Binary b) { Assert.Equal(b.A.Dtype, b.B.Dtype); consts.Add(b); } }).VisitExpr(e);
        Assert.All(consts, c => Assert.Equal(DataType.Int64, c.Dtype));
    }

    [Fact]
    public void Bound_of_affine_and_div_mod_expressions()
    {
        var an = Bound((I, 0, 16), (J, 0, 32));
        Assert.Equal((0L, 15L * 32 + 31), an.ConstIntBound(Add(Mul(I, C(32)), J)));
        Assert.Equal((0L, 3L), an.ConstIntBound(FDiv(I, C(4))));
        Assert.Equal((0L, 6L), an.ConstIntBound(FMod(J, C(7))));
        Assert.Equal((-31L, 15L), an.ConstIntBound(Sub(I, J)));
        Assert.Equal((-3L, -1L), an.ConstIntBound(FDiv(Sub(I, C(20)), C(8))));
        Assert.Equal((0L, 15L), an.ConstIntBound(new Select(Lt(I, J), I, Min(J, C(15)))));
        Assert.Equal((int.MinValue, (long)int.MaxValue), an.ConstIntBound(K));
    }

    [Fact]
    public void Bound_substitution_replaces_the_variable()
    {
        var an = Bound((I0, 0, 4), (I1, 0, 32));
        an.Bind(I, Add(Mul(I0, C(32)), I1));
        Assert.Equal("i_0", S(FDiv(I, C(32)), an));
        Assert.Equal((0L, 127L), an.ConstIntBound(I));
    }

    [Fact]
    public void Statement_simplification_uses_enclosing_loop_and_iter_ranges()
    {
        var buf = Buf("B", DataType.Float32, 128);
        var vi = I32("vi");
        var body = Store(buf, new FloatImm(DataType.Float32, 1), Add(Mul(FDiv(vi, C(32)), C(32)), FMod(vi, C(32))));
        var realize = Realize("b", [Iv(vi, 128)], [Add(Mul(FDiv(Add(Mul(I0, C(32)), I1), C(32)), C(32)), FMod(Add(Mul(I0, C(32)), I1), C(32)))],
            [], [Point(buf, vi)], body, predicate: Lt(Add(Mul(I0, C(32)), I1), C(128)));
        var s = Simplifier.Simplify(Loop(I0, 4, Loop(I1, 32, realize)));
        var r = (BlockRealize)((For)((For)s).Body).Body;
        Assert.Equal("i_0 * 32 + i_1", ExprText.Of(r.IterValues[0]));
        Assert.Equal("True", ExprText.Of(r.Predicate));
        Assert.Equal("vi", ExprText.Of(((BufferStore)r.Block.Body).Indices[0]));
    }

    [Fact]
    public void Statement_simplification_returns_the_same_object_when_nothing_changes()
    {
        var f = Matmul();
        Assert.Same(f.Body, Simplifier.Simplify(f.Body));
    }
}

public class SimplifierScheduleIndexTests
{
    private static readonly Var I0 = IrBuild.I32("i_0"), I1 = IrBuild.I32("i_1"), I2 = IrBuild.I32("i_2"), I3 = IrBuild.I32("i_3");

    [Fact]
    public void Four_level_split_index_divides_back_into_its_parts()
    {
        var an = new Analyzer();
        an.Bind(I0, 0, 2); an.Bind(I1, 0, 4); an.Bind(I2, 0, 8); an.Bind(I3, 0, 8);
        var idx = IrBuild.Add(IrBuild.Mul(IrBuild.Add(IrBuild.Mul(IrBuild.Add(IrBuild.Mul(I0, IrBuild.C(4)), I1), IrBuild.C(8)), I2), IrBuild.C(8)), I3);
        Assert.Equal("i_0 * 256 + i_1 * 64 + i_2 * 8 + i_3", ExprText.Of(an.Simplify(idx)));
        Assert.Equal("i_0 * 4 + i_1", ExprText.Of(an.Simplify(IrBuild.FDiv(idx, IrBuild.C(64)))));
        Assert.Equal("i_2 * 8 + i_3", ExprText.Of(an.Simplify(IrBuild.FMod(idx, IrBuild.C(64)))));
        Assert.Equal("i_1 * 8 + i_2", ExprText.Of(an.Simplify(IrBuild.FMod(IrBuild.FDiv(idx, IrBuild.C(8)), IrBuild.C(32)))));
    }

    [Fact]
    public void Fuse_then_split_bindings_simplify_to_parts_of_the_outer_loop()
    {
        var fo = IrBuild.I32("fo");
        var fi = IrBuild.I32("fi");
        var an = new Analyzer();
        an.Bind(fo, 0, 512); an.Bind(fi, 0, 32);
        var fused = IrBuild.Add(IrBuild.Mul(fo, IrBuild.C(32)), fi);
        Assert.Equal("fo // 4", ExprText.Of(an.Simplify(IrBuild.FDiv(fused, IrBuild.C(128)))));
        Assert.Equal("fo % 4 * 32 + fi", ExprText.Of(an.Simplify(IrBuild.FMod(fused, IrBuild.C(128)))));
    }

    [Fact]
    public void Constant_offsets_inside_div_and_mod_still_recombine()
    {
        var a = IrBuild.I32("a");
        var e = IrBuild.Add(IrBuild.Mul(IrBuild.FDiv(IrBuild.Add(a, IrBuild.C(5)), IrBuild.C(4)), IrBuild.C(4)), IrBuild.FMod(IrBuild.Add(a, IrBuild.C(5)), IrBuild.C(4)));
        Assert.Equal("a + 5", ExprText.Of(Simplifier.Simplify(e)));
    }
}

public class SimplifierCostTests
{
    [Fact]
    public void Deeply_nested_min_max_chains_simplify_quickly()
    {
        var i = IrBuild.I32("i");
        var an = new Analyzer();
        an.Bind(i, 0, 1000);
        Expr e = i;
        for (int d = 0; d < 40; d++)
            e = d % 2 == 0 ? IrBuild.Min(IrBuild.Add(e, IrBuild.C(1)), IrBuild.Add(i, IrBuild.C(100 + d))) : IrBuild.Max(IrBuild.Sub(e, IrBuild.C(1)), IrBuild.FDiv(i, IrBuild.C(d + 1)));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var s = an.Simplify(e);
        Assert.True(sw.ElapsedMilliseconds < 2000, $"took {sw.ElapsedMilliseconds} ms");
        var rng = new Random(3);
        for (int p = 0; p < 50; p++)
        {
            var env = new Dictionary<Var, long> { [i] = rng.Next(1000) };
            Assert.Equal(IntEval.Eval(e, env), IntEval.Eval(s, env));
        }
    }
}

public class SimplifierSplitMergeTests
{
    private static readonly Var Z = IrBuild.I32("z");

    [Fact]
    public void Quotient_and_nested_remainder_parts_merge_like_tvm()
    {
        // (z // 6) * 6 + (z % 6 // 3) * 3 = z // 3 * 3
        var e = IrBuild.Add(IrBuild.Mul(IrBuild.FDiv(Z, IrBuild.C(6)), IrBuild.C(6)),
            IrBuild.Mul(IrBuild.FDiv(IrBuild.FMod(Z, IrBuild.C(6)), IrBuild.C(3)), IrBuild.C(3)));
        Assert.Equal("z // 3 * 3", ExprText.Of(Simplifier.Simplify(e)));
        // (z % 12 // 6) * 6 + (z % 6 // 3) * 3 = z % 12 // 3 * 3 (TVM keeps the remainder outermost)
        var e2 = IrBuild.Add(IrBuild.Mul(IrBuild.FDiv(IrBuild.FMod(Z, IrBuild.C(12)), IrBuild.C(6)), IrBuild.C(6)),
            IrBuild.Mul(IrBuild.FDiv(IrBuild.FMod(Z, IrBuild.C(6)), IrBuild.C(3)), IrBuild.C(3)));
        Assert.Equal("z % 12 // 3 * 3", ExprText.Of(Simplifier.Simplify(e2)));
    }

    [Fact]
    public void Three_way_split_of_a_fused_index_merges_back()
    {
        // z // 64 * 64 + z % 64 // 8 * 8 + z % 8 = z
        var e = IrBuild.Add(IrBuild.Add(IrBuild.Mul(IrBuild.FDiv(Z, IrBuild.C(64)), IrBuild.C(64)),
            IrBuild.Mul(IrBuild.FDiv(IrBuild.FMod(Z, IrBuild.C(64)), IrBuild.C(8)), IrBuild.C(8))), IrBuild.FMod(Z, IrBuild.C(8)));
        Assert.Equal("z", ExprText.Of(Simplifier.Simplify(e)));
    }
}

public class SimplifierComparisonFormTests
{
    [Fact]
    public void A_constant_added_on_the_left_moves_to_the_right()
    {
        Var i = IrBuild.I32("i"), j = IrBuild.I32("j");
        var e = IrBuild.Lt(IrBuild.Add(IrBuild.Add(IrBuild.Mul(i, IrBuild.C(32)), j), IrBuild.C(1)), IrBuild.C(100));
        Assert.Equal("i * 32 + j < 99", ExprText.Of(Simplifier.Simplify(e)));
    }
}

public class SimplifierSplitDigitsTests
{
    [Fact]
    public void Sum_of_all_mixed_radix_digits_of_an_index_is_the_index()
    {
        var rng = new Random(5);
        var x = IrBuild.I32("x");
        for (int n = 0; n < 200; n++)
        {
            // Digits x % U // L for radices r1, r2, ..., in random order of terms; the top digit has no modulus.
            int k = rng.Next(2, 5);
            var radices = Enumerable.Range(0, k).Select(_ => (long)rng.Next(2, 6)).ToArray();
            var parts = new List<Expr>();
            long lower = 1;
            for (int d = 0; d < k; d++)
            {
                long upper = lower * radices[d];
                Expr digit = d == k - 1 ? IrBuild.FDiv(x, IrBuild.C(lower)) : IrBuild.FDiv(IrBuild.FMod(x, IrBuild.C(upper)), IrBuild.C(lower));
                parts.Add(IrBuild.Mul(digit, IrBuild.C(lower)));
                lower = upper;
            }
            var shuffled = parts.OrderBy(_ => rng.Next()).ToList();
            var e = shuffled.Skip(1).Aggregate(shuffled[0], IrBuild.Add);
            Assert.Equal("x", ExprText.Of(Simplifier.Simplify(e)));
            // Dropping one digit must not merge into x, and must keep the value.
            var partial = shuffled.Skip(2).Aggregate(shuffled[1], IrBuild.Add);
            var s = Simplifier.Simplify(partial);
            for (long v = -200; v < 200; v += 7)
            {
                var env = new Dictionary<Var, long> { [x] = v };
                Assert.Equal(IntEval.Eval(partial, env), IntEval.Eval(s, env));
            }
        }
    }
}
