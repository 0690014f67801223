using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

public class StructuralEqualTests
{
    private static void AssertSame(object a, object b)
    {
        Assert.True(StructuralEqual.Equal(a, b));
        Assert.True(StructuralEqual.Equal(b, a));
        Assert.Equal(StructuralHash.Hash(a), StructuralHash.Hash(b));
    }

    private static void AssertDifferent(object a, object b)
    {
        Assert.False(StructuralEqual.Equal(a, b));
        Assert.False(StructuralEqual.Equal(b, a));
        Assert.NotEqual(StructuralHash.Hash(a), StructuralHash.Hash(b));
    }

    [Fact]
    public void Renaming_every_bound_variable_and_buffer_keeps_equality_and_hash()
    {
        var a = Matmul("");
        var b = Matmul("_renamed");
        Assert.NotEqual(a, b);
        AssertSame(a, b);
        AssertSame(a, a);
    }

    [Fact]
    public void Private_flag_is_ignored()
    {
        var a = Matmul();
        AssertSame(a, Matmul("x") with { IsPrivate = true });
    }

    [Fact]
    public void Changing_shape_dtype_constant_loop_kind_or_block_name_breaks_equality()
    {
        var a = Matmul();
        AssertDifferent(a, Matmul("x", n: 64));
        AssertDifferent(a, Matmul("x", dtype: DataType.Float64));
        AssertDifferent(a, Matmul("x", initValue: 1.0));
        AssertDifferent(a, Matmul("x", kind: ForKind.Parallel));
        AssertDifferent(a, Matmul("x", block: "mm"));
    }

    [Fact]
    public void Func_attrs_and_annotations_count()
    {
        var a = Matmul();
        AssertDifferent(a, Matmul("x") with { Attrs = Attrs.Empty });
        var f = (For)((BlockRealize)a.Body).Block.Body;
        var annotated = a with
        {
            Body = new BlockRealize(Seq<Expr>.Empty, IntImm.True, ((BlockRealize)a.Body).Block with
            {
                Body = f with { Annotations = Attrs.Empty.Set("pragma_auto_unroll_max_step", IntImm.I32(16)) },
            }),
        };
        AssertDifferent(a, annotated);
    }

    [Fact]
    public void Float_constants_compare_exactly()
    {
        AssertSame(new FloatImm(DataType.Float32, 0.1), new FloatImm(DataType.Float32, 0.1));
        AssertDifferent(new FloatImm(DataType.Float32, 0.1), new FloatImm(DataType.Float32, 0.1 + 1e-15));
        AssertDifferent(new FloatImm(DataType.Float32, 1), new FloatImm(DataType.Float64, 1));
    }

    [Fact]
    public void A_free_variable_equals_only_itself()
    {
        Var x = I32("x"), y = I32("x");
        AssertSame(Add(x, C(1)), Add(x, C(1)));
        Assert.False(StructuralEqual.Equal(Add(x, C(1)), Add(y, C(1))));
    }

    [Fact]
    public void Bound_variables_must_be_renamed_consistently()
    {
        Var i = I32("i"), j = I32("j"), p = I32("p"), q = I32("q");
        var buf = Buf("B", DataType.Float32, 4, 4);
        var one = new FloatImm(DataType.Float32, 1);
        Stmt Nest(Var a, Var b, Expr i0, Expr i1) => Loop(a, 4, Loop(b, 4, Store(buf, one, i0, i1)));
        AssertSame(Nest(i, j, i, j), Nest(p, q, p, q));
        // Swapped use of the two loop vars is a different program.
        AssertDifferent(Nest(i, j, i, j), Nest(p, q, q, p));
        // Let-bound variables too.
        var x = I32("x");
        var y = I32("y");
        AssertSame(new Let(x, C(3), Add(x, x)), new Let(y, C(3), Add(y, y)));
        AssertDifferent(new Let(x, C(3), Add(x, C(1))), new Let(y, C(3), Add(C(1), y)));
    }

    [Fact]
    public void Symbolic_shape_vars_defined_by_param_buffers_are_renamable()
    {
        PrimFunc Make(string s)
        {
            var n = I64("n" + s);
            var a = new Buffer("A" + s, DataType.Float32, [n]);
            var i = I64("i" + s);
            var h = new Var("a" + s, DataType.Handle);
            var body = new For(i, C64(0), n, ForKind.Serial, Store(a, new FloatImm(DataType.Float32, 0), i));
            return new PrimFunc([h], [(h, a)], body, Attrs.Empty);
        }
        AssertSame(Make(""), Make("2"));
    }

    [Fact]
    public void Modules_compare_prim_funcs_structurally_and_opaque_entries_by_text()
    {
        var m1 = new IRModule([new PrimFuncEntry("main", Matmul()), new OpaqueEntry("r", "@R.function\ndef r(): pass")]);
        var m2 = new IRModule([new PrimFuncEntry("main", Matmul("2")), new OpaqueEntry("r", "@R.function\ndef r(): pass")]);
        var m3 = new IRModule([new PrimFuncEntry("main", Matmul("3")), new OpaqueEntry("r", "@R.function\ndef r(): return 1")]);
        AssertSame(m1, m2);
        AssertDifferent(m1, m3);
    }

    [Fact]
    public void Hash_is_a_fixed_value_across_processes()
    {
        // Pinned so that a change of the hash (which would orphan every stored workload) fails loudly.
        ulong a = StructuralHash.Hash(Add(Mul(I32("i"), C(4)), C(1)));
        ulong b = StructuralHash.Hash(Add(Mul(I32("i"), C(4)), C(1)));
        Assert.Equal(a, b);
        Assert.Equal(StructuralHash.Hash(Matmul()), StructuralHash.Hash(Matmul("q")));
        Assert.Equal(Pinned, StructuralHash.Hash(C(7)));
    }

    // FNV-1a-64 of the tokens (IntImm tag 5, int32 code 32<<20|1, value 7), computed independently in Python.
    private const ulong Pinned = 0x0ea21988d25a47fcUL;
}
