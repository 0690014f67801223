using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

public class PrinterTests
{
    private static readonly Buffer A = new("A", DataType.Float32, [IntImm.I32(8), IntImm.I32(8)]);
    private static readonly Buffer X = new("X", DataType.Int32, [IntImm.I32(8)]);

    private static PrimFunc Func(Stmt body, params Buffer[] bufs)
    {
        var ps = bufs.Select(b => new Var(b.Name, DataType.Handle)).ToList();
        return new PrimFunc(ps.ToSeq(), ps.Zip(bufs).ToSeq(), body, Attrs.Empty);
    }

    /// <summary>The body lines of the printed function, without header, decorator and def line, dedented.</summary>
    private static string[] Body(PrimFunc f)
    {
        var text = TvmScript.Print(f);
        // Printing is deterministic and reparses to the same text.
        Assert.Equal(text, TvmScript.Print(TvmScript.ParseFunc(text)));
        return text.Split('\n').Skip(4).Where(l => l.Length > 0).Select(l => l[4..]).ToArray();
    }

    private static string ExprText(Expr e)
    {
        var i = new Var("i", DataType.Int32);
        var store = new BufferStore(X, e, [IntImm.I32(0)]);
        var lines = Body(Func(new For(i, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, store), X));
        return lines[1].Trim()["X[0] = ".Length..];
    }

    private static Var I => new("i", DataType.Int32);

    [Fact]
    public void Nested_variables_with_the_same_name_get_numbered_suffixes()
    {
        var outer = new Var("i", DataType.Int32);
        var inner = new Var("i", DataType.Int32);
        var store = new BufferStore(A, new FloatImm(DataType.Float32, 1), [outer, inner]);
        var loop = new For(outer, IntImm.I32(0), IntImm.I32(8), ForKind.Serial,
            new For(inner, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, store));
        Assert.Equal(["for i, i_1 in T.grid(8, 8):", "    A[i, i_1] = T.float32(1.0)"], Body(Func(loop, A)));
    }

    [Fact]
    public void Names_that_would_shadow_the_T_module_or_keywords_are_renamed()
    {
        var t = new Var("T", DataType.Int32);
        var kw = new Var("in", DataType.Int32);
        var store = new BufferStore(A, new FloatImm(DataType.Float32, 0), [t, kw]);
        var loop = new For(t, IntImm.I32(0), IntImm.I32(8), ForKind.Parallel,
            new For(kw, IntImm.I32(0), IntImm.I32(8), ForKind.Parallel, store));
        Assert.Equal(["for T_1 in T.parallel(8):", "    for in_1 in T.parallel(8):", "        A[T_1, in_1] = T.float32(0.0)"], Body(Func(loop, A)));
    }

    [Fact]
    public void Parentheses_follow_python_precedence_and_left_associativity()
    {
        var i = I;
        Expr c(long v) => IntImm.I32(v);
        Assert.Equal("(i + 1) * 2", PrintWithVar(i, new Binary(BinOp.Mul, new Binary(BinOp.Add, i, c(1)), c(2))));
        Assert.Equal("i - (i - 1)", PrintWithVar(i, new Binary(BinOp.Sub, i, new Binary(BinOp.Sub, i, c(1)))));
        Assert.Equal("i - 1 - i", PrintWithVar(i, new Binary(BinOp.Sub, new Binary(BinOp.Sub, i, c(1)), i)));
        Assert.Equal("i * 2 // 3 % 4", PrintWithVar(i, new Binary(BinOp.FloorMod, new Binary(BinOp.FloorDiv, new Binary(BinOp.Mul, i, c(2)), c(3)), c(4))));
        Assert.Equal("i // (2 * i)", PrintWithVar(i, new Binary(BinOp.FloorDiv, i, new Binary(BinOp.Mul, c(2), i))));
    }

    private static string PrintWithVar(Var i, Expr e)
    {
        var store = new BufferStore(X, e, [i]);
        var lines = Body(Func(new For(i, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, store), X));
        return lines[1].Trim()["X[i] = ".Length..];
    }

    [Fact]
    public void Operations_that_would_fold_when_reparsed_are_spelled_as_calls()
    {
        var i = I;
        Assert.Equal("T.Add(i, 0)", PrintWithVar(i, new Binary(BinOp.Add, i, IntImm.I32(0))));
        Assert.Equal("T.Mul(1, i)", PrintWithVar(i, new Binary(BinOp.Mul, IntImm.I32(1), i)));
        Assert.Equal("T.Add(1, 2)", ExprText(new Binary(BinOp.Add, IntImm.I32(1), IntImm.I32(2))));
        Assert.Equal("T.Div(i, 2)", PrintWithVar(i, new Binary(BinOp.Div, i, IntImm.I32(2))));
        Assert.Equal("T.truncmod(i, 3)", PrintWithVar(i, new Binary(BinOp.Mod, i, IntImm.I32(3))));
        Assert.Equal("T.max(i, 3)", PrintWithVar(i, new Binary(BinOp.Max, i, IntImm.I32(3))));
        Assert.Equal("T.Min(2, 3)", ExprText(new Binary(BinOp.Min, IntImm.I32(2), IntImm.I32(3))));
        // Reparsing keeps the unfolded node.
        var f = TvmScript.ParseFunc("@T.prim_func\ndef f(X: T.Buffer((8,), \"int32\")):\n    for i in range(8):\n        X[i] = T.Add(i, 0)\n");
        var store = (BufferStore)((For)f.Body).Body;
        Assert.Equal(BinOp.Add, Assert.IsType<Binary>(store.Value).Op);
    }

    [Theory]
    [InlineData(0.0, "T.float32(0.0)")]
    [InlineData(0.1, "T.float32(0.10000000000000001)")]
    [InlineData(100.0, "T.float32(100.0)")]
    [InlineData(1e-05, "T.float32(1.0000000000000001e-05)")]
    [InlineData(1e-06, "T.float32(9.9999999999999995e-07)")]
    [InlineData(0.0001, "T.float32(0.0001)")]
    [InlineData(1e16, "T.float32(10000000000000000.0)")]
    [InlineData(-3.4028234663852886e+38, "T.float32(-340282346638528859811704183484516925440.0)")]
    [InlineData(-2.5, "T.float32(-2.5)")]
    [InlineData(-0.0, "T.float32(-0.0)")]
    [InlineData(0.10000000149011612, "T.float32(0.10000000149011612)")]
    [InlineData(double.NegativeInfinity, "T.float32(\"-inf\")")]
    [InlineData(double.NaN, "T.float32(\"nan\")")]
    public void Float_constants_print_as_tvm_prints_them(double v, string want)
    {
        var store = new BufferStore(A, new FloatImm(DataType.Float32, v), [IntImm.I32(0), IntImm.I32(0)]);
        Assert.Equal($"A[0, 0] = {want}", Body(Func(store, A))[0]);
    }

    [Fact]
    public void Integer_constants_print_bare_for_int32_and_typed_otherwise()
    {
        var b = new Buffer("B", DataType.Int64, [IntImm.I64(4)]);
        var store = new BufferStore(b, new Binary(BinOp.Add, IntImm.I64(-3), new Cast(DataType.Int64, IntImm.I32(-7))), [IntImm.I64(1)]);
        Assert.Equal("B[T.int64(1)] = T.int64(-3) + T.Cast(\"int64\", -7)", Body(Func(store, b))[0]);
    }

    [Fact]
    public void Block_bindings_that_are_not_plain_loop_vars_print_as_axis_spatial()
    {
        var i = new Var("i", DataType.Int32);
        var vi = new Var("vi", DataType.Int32);
        var vk = new Var("vk", DataType.Int32);
        var block = new Block("b", [new IterVar(vi, Range.FromExtent(IntImm.I32(4)), IterKind.Spatial), new IterVar(vk, Range.FromExtent(IntImm.I32(8)), IterKind.Reduce)],
            [], [new BufferRegion(A, [new Range(vi, IntImm.I32(1)), new Range(IntImm.I32(0), IntImm.I32(8))])],
            new BufferStore(A, new FloatImm(DataType.Float32, 0), [vi, vk]), null, [], Attrs.Empty);
        var realize = new BlockRealize([new Binary(BinOp.FloorDiv, i, IntImm.I32(2)), i], new Binary(BinOp.LT, i, IntImm.I32(7)), block);
        var f = Func(new BlockRealize([], IntImm.True, new Block("root", [], [], [], new For(i, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, realize), null, [], Attrs.Empty)), A);
        Assert.Equal(
        [
            "# with T.block(\"root\"):",
            "for i in range(8):",
            "    with T.block(\"b\"):",
            "        vi = T.axis.spatial(4, i // 2)",
            "        vk = T.axis.reduce(8, i)",
            "        T.where(i < 7)",
            "        T.reads()",
            "        T.writes(A[vi, 0:8])",
            "        A[vi, vk] = T.float32(0.0)",
        ], Body(f));
    }

    [Fact]
    public void A_let_followed_by_other_statements_prints_as_a_with_scope()
    {
        var x = new Var("x", DataType.Int32);
        var let = new LetStmt(x, IntImm.I32(3), new BufferStore(X, x, [x]));
        var body = new SeqStmt([let, new BufferStore(X, IntImm.I32(1), [IntImm.I32(0)])]);
        Assert.Equal(["with T.LetStmt(3) as x:", "    X[x] = x", "X[0] = 1"], Body(Func(body, X)));
        Assert.Equal(["x: T.int32 = 3", "X[x] = x"], Body(Func(let, X)));
        // Binding the same variable again inside its own scope uses var=.
        var twice = new LetStmt(x, IntImm.I32(3), new LetStmt(x, IntImm.I32(4), new BufferStore(X, x, [x])));
        Assert.Equal(["x: T.int32 = 3", "with T.LetStmt(4, var=x):", "    X[x] = x"], Body(Func(twice, X)));
    }

    [Fact]
    public void Loops_print_their_kind_and_start_and_a_dependent_extent_stops_the_grid()
    {
        var i = new Var("i", DataType.Int64);
        var j = new Var("j", DataType.Int64);
        var k = new Var("k", DataType.Int32);
        var b = new Buffer("B", DataType.Float32, [IntImm.I64(8), IntImm.I64(8)]);
        var store = new BufferStore(b, new FloatImm(DataType.Float32, 0), [i, j]);
        Stmt s = new For(j, IntImm.I64(0), new Binary(BinOp.Add, i, IntImm.I64(1)), ForKind.Serial, store);
        s = new For(i, IntImm.I64(0), IntImm.I64(8), ForKind.Serial, s);
        var ann = Attrs.Empty.Set("pragma_unroll_explicit", IntImm.I32(1));
        var t = new For(k, IntImm.I32(2), IntImm.I32(6), ForKind.Serial, new Evaluate(k), ann);
        Assert.Equal(
        [
            "for i in range(T.int64(8)):",
            "    for j in range(i + T.int64(1)):",
            "        B[i, j] = T.float32(0.0)",
            "for k in T.serial(2, 8, annotations={\"pragma_unroll_explicit\": 1}):",
            "    T.evaluate(k)",
        ], Body(Func(new SeqStmt([s, t]), b)));
    }

    [Fact]
    public void Private_functions_print_in_the_decorator_and_a_global_symbol_equal_to_the_name_is_hidden()
    {
        var f = Func(new BufferStore(X, IntImm.I32(0), [IntImm.I32(0)]), X) with
        {
            IsPrivate = true,
            Attrs = Attrs.Empty.Set("tir.noalias", IntImm.True).Set("global_symbol", new StringImm("f")),
        };
        var text = TvmScript.Print(new IRModule([new PrimFuncEntry("f", f)]));
        Assert.Equal(
            "# from tvm.script import ir as I\n# from tvm.script import tir as T\n\n@I.ir_module\nclass Module:\n" +
            "    @T.prim_func(private=True)\n    def f(X: T.Buffer((8,), \"int32\")):\n" +
            "        T.func_attr({\"tir.noalias\": True})\n        X[0] = 0\n", text);
    }

    [Fact]
    public void Intrinsic_calls_print_by_name_with_dtype_only_when_it_differs()
    {
        var f32 = new FloatImm(DataType.Float32, 1);
        Assert.Equal("T.Cast(\"int32\", T.exp(T.float32(1.0)))", ExprText(new Cast(DataType.Int32, new Call(DataType.Float32, "exp", [f32]))));
        Assert.Equal("T.Cast(\"int32\", T.exp(T.float32(1.0), dtype=\"float64\"))", ExprText(new Cast(DataType.Int32, new Call(DataType.Float64, "exp", [f32]))));
        Assert.Equal("T.reinterpret(\"int32\", T.float32(1.0))", ExprText(new Call(DataType.Int32, "reinterpret", [f32])));
        Assert.Equal("T.Select(T.bool(True), 1, 2)", ExprText(new Select(IntImm.True, IntImm.I32(1), IntImm.I32(2))));
    }
}
