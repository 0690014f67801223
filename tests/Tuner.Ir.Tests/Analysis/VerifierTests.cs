using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

public class VerifierTests
{
    private static readonly DataType F32 = DataType.Float32;
    private static readonly Expr One = new FloatImm(DataType.Float32, 1);

    /// <summary>for i: block "b" (vi = binding) { B[index] = value }.</summary>
    private static PrimFunc OneBlock(Buffer buf, Func<Var, Var, Expr> binding, Func<Var, Var, Stmt> body, string name = "b",
        Buffer[]? rootAllocs = null, Buffer[]? param = null)
    {
        Var i = I32("i"), vi = I32("vi");
        var realize = Realize(name, [Iv(vi, 16)], [binding(i, vi)], [], [Point(buf, vi)], body(i, vi));
        return Func(param ?? [buf], Loop(i, 16, realize), rootAllocs);
    }

    [Fact]
    public void A_well_formed_matmul_has_no_findings()
    {
        Assert.Empty(Verifier.Verify(Matmul()));
    }

    [Fact]
    public void Unbound_variable_is_reported()
    {
        var b = Buf("B", F32, 16);
        var stray = I32("stray");
        var errs = Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, One, Add(vi, stray))));
        Assert.Contains(errs, e => e.Contains("'stray' is not bound"));
    }

    [Fact]
    public void Rank_mismatch_is_reported()
    {
        var b = Buf("B", F32, 16);
        var errs = Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, One, vi, vi)));
        Assert.Contains(errs, e => e.Contains("2 indices, but its rank is 1"));
    }

    [Fact]
    public void Buffer_that_is_neither_param_nor_allocated_is_reported()
    {
        var b = Buf("B", F32, 16);
        var tmp = Buf("T", F32, 16);
        var errs = Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, Load(tmp, vi), vi)));
        Assert.Contains(errs, e => e.Contains("'T' that is neither a parameter nor allocated"));
        Assert.Empty(Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, Load(tmp, vi), vi), rootAllocs: [tmp])));
    }

    [Fact]
    public void Block_body_using_an_enclosing_loop_var_is_reported()
    {
        var b = Buf("B", F32, 16);
        var errs = Verifier.Verify(OneBlock(b, (i, _) => i, (i, _) => Store(b, One, i)));
        Assert.Contains(errs, e => e.Contains("uses loop var 'i' of a loop outside the block"));
    }

    [Fact]
    public void Iter_value_using_the_block_own_iter_var_is_reported()
    {
        var b = Buf("B", F32, 16);
        var errs = Verifier.Verify(OneBlock(b, (_, vi) => vi, (_, vi) => Store(b, One, vi)));
        Assert.Contains(errs, e => e.Contains("uses the block's own iter vars"));
    }

    [Fact]
    public void Iter_value_count_must_match_iter_vars()
    {
        var b = Buf("B", F32, 16);
        Var i = I32("i"), vi = I32("vi");
        var realize = Realize("b", [Iv(vi, 16)], [i, i], [], [Point(b, vi)], Store(b, One, vi));
        var errs = Verifier.Verify(Func([b], Loop(i, 16, realize)));
        Assert.Contains(errs, e => e.Contains("1 iter vars but 2 iter values"));
    }

    [Fact]
    public void Duplicate_block_names_are_reported()
    {
        var b = Buf("B", F32, 16);
        Var i = I32("i"), vi = I32("vi"), j = I32("j"), vj = I32("vj");
        var r1 = Realize("same", [Iv(vi, 16)], [i], [], [Point(b, vi)], Store(b, One, vi));
        var r2 = Realize("same", [Iv(vj, 16)], [j], [], [Point(b, vj)], Store(b, One, vj));
        var errs = Verifier.Verify(Func([b], new SeqStmt([Loop(i, 16, r1), Loop(j, 16, r2)])));
        Assert.Contains(errs, e => e.Contains("block 'same': block name is not unique"));
    }

    [Fact]
    public void Store_dtype_and_operand_dtypes_must_match()
    {
        var b = Buf("B", F32, 16);
        var errs = Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, new FloatImm(DataType.Float64, 1), vi)));
        Assert.Contains(errs, e => e.Contains("stores a float64 value into 'B' of dtype float32"));
        var errs2 = Verifier.Verify(OneBlock(b, (i, _) => i, (_, vi) => Store(b, One, Add(vi, C64(1)))));
        Assert.Contains(errs2, e => e.Contains("operands of Add have different dtypes int32 and int64"));
    }

    [Fact]
    public void Non_affine_binding_is_a_prefixed_warning()
    {
        var b = Buf("B", F32, 16);
        var f = OneBlock(b, (i, _) => FMod(Mul(i, i), C(16)), (_, vi) => Store(b, One, vi));
        var errs = Verifier.Verify(f);
        Assert.Single(errs);
        Assert.StartsWith(Verifier.NonAffinePrefix, errs[0]);
        Assert.Empty(Verifier.VerifyStrict(f));
    }

    [Fact]
    public void Symbolic_shape_vars_of_param_buffers_are_bound()
    {
        var n = I64("n");
        var a = new Buffer("A", F32, [n]);
        Var i = I64("i"), vi = I64("vi");
        var realize = new BlockRealize([i], IntImm.True, new Block("b", [new IterVar(vi, new Range(C64(0), n), IterKind.Spatial)],
            [], [new BufferRegion(a, [new Range(vi, C64(1))])], Store(a, One, vi), null, [], Attrs.Empty));
        var h = new Var("a", DataType.Handle);
        var f = new PrimFunc([h], [(h, a)], new For(i, C64(0), n, ForKind.Serial, realize), Attrs.Empty);
        Assert.Empty(Verifier.Verify(f));
    }
}

public class VerifierScopeTests
{
    [Fact]
    public void A_loop_var_reused_by_a_nested_loop_is_reported_but_sibling_reuse_is_fine()
    {
        var b = IrBuild.Buf("B", DataType.Float32, 4);
        var i = IrBuild.I32("i");
        var store = IrBuild.Store(b, new FloatImm(DataType.Float32, 0), IrBuild.C(0));
        var nested = IrBuild.Func([b], IrBuild.Loop(i, 4, IrBuild.Loop(i, 4, store)));
        Assert.Contains(Verifier.Verify(nested), e => e.Contains("'i' is defined again"));
        var siblings = IrBuild.Func([b], new SeqStmt([IrBuild.Loop(i, 4, store), IrBuild.Loop(i, 4, store)]));
        Assert.Empty(Verifier.Verify(siblings));
    }
}

public class VerifierDtypeTests
{
    [Fact]
    public void Int32_and_int64_mixing_in_loops_and_bindings_is_reported()
    {
        var b = IrBuild.Buf("B", DataType.Float32, 16);
        Var i = IrBuild.I64("i"), vi = IrBuild.I32("vi");
        var realize = IrBuild.Realize("b", [IrBuild.Iv(vi, 16)], [i], [], [IrBuild.Point(b, vi)],
            IrBuild.Store(b, new FloatImm(DataType.Float32, 0), vi));
        var f = IrBuild.Func([b], new For(i, IrBuild.C(0), IrBuild.C(16), ForKind.Serial, realize));
        var errs = Verifier.Verify(f);
        Assert.Contains(errs, e => e.Contains("loop 'i' of type int64 has min/extent of type int32/int32"));
        Assert.Contains(errs, e => e.Contains("iter var 'vi' of type int32 is bound to a int64 value"));
    }
}
