using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

public class IterMapTests
{
    private static readonly Var I = I32("i"), J = I32("j"), K = I32("k"), F = I32("fused"), I0 = I32("i_0"), I1 = I32("i_1");

    private static Dictionary<Var, Range> Loops(params (Var V, long Extent)[] loops) =>
        loops.ToDictionary(x => x.V, x => Rng(0, x.Extent));

    [Fact]
    public void Plain_loop_vars_are_affine()
    {
        var r = IterMapDetector.Detect([I, J, K], Loops((I, 128), (J, 128), (K, 128)));
        Assert.True(r.IsAffine, r.Error);
    }

    [Fact]
    public void Split_loops_recombined_in_one_binding_are_affine()
    {
        var r = IterMapDetector.Detect([Add(Mul(I0, C(32)), I1), J], Loops((I0, 4), (I1, 32), (J, 8)));
        Assert.True(r.IsAffine, r.Error);
    }

    [Fact]
    public void Fused_loop_split_between_two_bindings_is_affine()
    {
        var r = IterMapDetector.Detect([FDiv(F, C(128)), FMod(F, C(128))], Loops((F, 128 * 64)));
        Assert.True(r.IsAffine, r.Error);
        // Split after fuse: the fused index is rebuilt from two loops before dividing.
        var r2 = IterMapDetector.Detect([FDiv(Add(Mul(I0, C(32)), I1), C(16)), FMod(Add(Mul(I0, C(32)), I1), C(16))],
            Loops((I0, 8), (I1, 32)));
        Assert.True(r2.IsAffine, r2.Error);
    }

    [Fact]
    public void Fused_sum_inside_a_division_must_be_mixed_radix()
    {
        var ok = IterMapDetector.Detect([FDiv(Add(Mul(I, C(12)), J), C(3)), FMod(Add(Mul(I, C(12)), J), C(3))], Loops((I, 5), (J, 12)));
        Assert.True(ok.IsAffine, ok.Error);
        var bad = IterMapDetector.Detect([FDiv(Add(Mul(I, C(12)), J), C(3))], Loops((I, 5), (J, 16)));
        Assert.False(bad.IsAffine);
    }

    [Fact]
    public void A_loop_var_used_by_two_bindings_is_not_affine()
    {
        var r = IterMapDetector.Detect([I, I], Loops((I, 16)));
        Assert.False(r.IsAffine);
        var r2 = IterMapDetector.Detect([FDiv(F, C(4)), FDiv(F, C(8))], Loops((F, 64)));
        Assert.False(r2.IsAffine);
    }

    [Fact]
    public void Products_of_loop_vars_and_overlapping_scales_are_not_affine()
    {
        Assert.False(IterMapDetector.Detect([Mul(I, J)], Loops((I, 4), (J, 4))).IsAffine);
        Assert.False(IterMapDetector.Detect([Add(Mul(I, C(32)), J)], Loops((I, 4), (J, 64))).IsAffine);
        Assert.False(IterMapDetector.Detect([Min(I, C(3))], Loops((I, 8))).IsAffine);
    }

    [Fact]
    public void Constants_outer_symbols_and_unit_loops_are_allowed()
    {
        var outer = I32("outer");
        var r = IterMapDetector.Detect([Add(Mul(outer, C(8)), I), C(0), Add(K, J)], Loops((I, 8), (J, 4), (K, 1)));
        Assert.True(r.IsAffine, r.Error);
    }
}

public class IterMapScheduleTests
{
    [Fact]
    public void Fuse_then_split_bindings_are_affine()
    {
        Var fo = IrBuild.I32("fo"), fi = IrBuild.I32("fi");
        var fused = IrBuild.Add(IrBuild.Mul(fo, IrBuild.C(32)), fi);
        var loops = new Dictionary<Var, Range> { [fo] = IrBuild.Rng(0, 512), [fi] = IrBuild.Rng(0, 32) };
        var r = IterMapDetector.Detect([IrBuild.FDiv(fused, IrBuild.C(128)), IrBuild.FMod(fused, IrBuild.C(128))], loops);
        Assert.True(r.IsAffine, r.Error);
    }

    [Fact]
    public void Floormod_of_a_loop_whose_extent_it_does_not_divide_is_not_affine()
    {
        var f = IrBuild.I32("f");
        var loops = new Dictionary<Var, Range> { [f] = IrBuild.Rng(0, 200) };
        Assert.False(IterMapDetector.Detect([IrBuild.FDiv(f, IrBuild.C(128)), IrBuild.FMod(f, IrBuild.C(128))], loops).IsAffine);
    }
}

public class IterMapFuseThreeTests
{
    [Fact]
    public void Three_loops_fused_print_as_tvm_and_are_affine()
    {
        var f = IrBuild.I32("i_j_k_fused");
        var an = new Analyzer();
        an.Bind(f, 0, 128 * 128 * 128);
        var vj = an.Simplify(IrBuild.FMod(IrBuild.FDiv(f, IrBuild.C(128)), IrBuild.C(128)));
        Assert.Equal("i_j_k_fused % 16384 // 128", ExprText.Of(vj));
        var loops = new Dictionary<Var, Range> { [f] = IrBuild.Rng(0, 128 * 128 * 128) };
        var r = IterMapDetector.Detect([IrBuild.FDiv(f, IrBuild.C(16384)), vj, IrBuild.FMod(f, IrBuild.C(128))], loops);
        Assert.True(r.IsAffine, r.Error);
        var overlap = IterMapDetector.Detect([IrBuild.FDiv(f, IrBuild.C(16384)), vj, IrBuild.FMod(f, IrBuild.C(256))], loops);
        Assert.False(overlap.IsAffine);
    }
}
