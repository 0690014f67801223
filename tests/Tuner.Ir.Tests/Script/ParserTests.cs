using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

public class ParserTests
{
    private static PrimFunc Snippet(string name) => TvmScript.ParseFunc(File.ReadAllText(ScriptFiles.Snippet(name)), name);

    private static T Find<T>(Stmt s) where T : Stmt => All<T>(s).First();

    private static List<T> All<T>(Stmt s) where T : Stmt
    {
        var found = new List<T>();
        void Walk(Stmt x)
        {
            if (x is T t) found.Add(t);
            switch (x)
            {
                case SeqStmt q: foreach (var y in q.Stmts) Walk(y); break;
                case For f: Walk(f.Body); break;
                case BlockRealize br: Walk(br.Block); break;
                case Block b: if (b.Init is not null) Walk(b.Init); Walk(b.Body); break;
                case IfThenElse i: Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
                case LetStmt l: Walk(l.Body); break;
                case Allocate a: Walk(a.Body); break;
            }
        }
        Walk(s);
        return found;
    }

    [Fact]
    public void The_brief_matmul_parses_into_a_root_block_holding_a_reduction_block()
    {
        var m = TvmScript.ParseModule(File.ReadAllText(ScriptFiles.Snippet("brief_matmul_tvm.py")));
        var f = m.Lookup("matmul")!;
        Assert.True(f.IsPrivate);
        Assert.Equal(IntImm.True, f.Attrs["tir.noalias"]);
        Assert.Equal(["A", "B", "C"], f.ParamBuffers.Select(b => b.Name));
        Assert.All(f.ParamBuffers, b => Assert.Equal([IntImm.I64(128), IntImm.I64(128)], b.Shape));
        var root = f.RootBlock!;
        Assert.Empty(root.AllocBuffers);
        var loops = All<For>(root.Body);
        Assert.Equal(3, loops.Count);
        Assert.All(loops, l => Assert.Equal(DataType.Int64, l.LoopVar.Dtype));
        var br = Find<BlockRealize>(root.Body);
        Assert.Equal("matmul", br.Block.Name);
        Assert.Equal([IterKind.Spatial, IterKind.Spatial, IterKind.Reduce], br.Block.IterVars.Select(v => v.Kind));
        Assert.Equal(loops.Select(l => (Expr)l.LoopVar), br.IterValues);
        Assert.Equal(new FloatImm(DataType.Float32, 0), ((BufferStore)br.Block.Init!).Value);
        var store = (BufferStore)br.Block.Body;
        var add = Assert.IsType<Binary>(store.Value);
        Assert.Equal(BinOp.Add, add.Op);
        Assert.Equal(BinOp.Mul, Assert.IsType<Binary>(add.B).Op);
        Assert.Equal(2, br.Block.Reads.Count);
        Assert.All(br.Block.Reads.SelectMany(r => r.Region), r => Assert.Equal(IntImm.I64(1), r.Extent));
    }

    [Fact]
    public void Handle_parameters_are_bound_by_match_buffer_in_both_spellings()
    {
        var f = TvmScript.ParseFunc(File.ReadAllText(ScriptFiles.Example("matmul_handle.py")));
        Assert.Equal(3, f.Params.Count);
        Assert.All(f.Params, p => Assert.Equal(DataType.Handle, p.Dtype));
        Assert.Equal(["A", "B", "C"], f.Params.Select(p => f.BufferOf(p)!.Name));
        Assert.All(f.ParamBuffers, b => Assert.Equal(DataType.Float32, b.Dtype));
        // global_symbol equal to the def name is implied, so it is dropped; other attributes stay.
        Assert.Null(f.Attrs["global_symbol"]);
        Assert.Equal(IntImm.True, f.Attrs["tir.noalias"]);
    }

    [Fact]
    public void Symbolic_shape_variables_and_scalar_parameters_appear_in_buffer_shapes()
    {
        var f = Snippet("symbolic_rowsum.py");
        var n = f.Params[1];
        Assert.Equal(DataType.Int32, n.Dtype);
        var a = f.BufferOf(f.Params[0])!;
        var m = Assert.IsType<Var>(a.Shape[0]);
        Assert.Equal("m", m.Name);
        Assert.Same(n, a.Shape[1]);
        Assert.Same(m, f.BufferOf(f.Params[2])!.Shape[0]);
        var read = All<BlockRealize>(f.Body).Single(b => b.Block.Name == "rowsum").Block.Reads[0];
        Assert.Equal(new Range(IntImm.I32(0), n), read.Region[1]);
    }

    [Fact]
    public void Loop_kinds_annotations_thread_tags_and_ranges_are_kept()
    {
        var loops = All<For>(Snippet("loop_kinds.py").Body);
        Assert.Equal([ForKind.Parallel, ForKind.Serial, ForKind.Unrolled, ForKind.Vectorized, ForKind.ThreadBinding, ForKind.Serial],
            loops.Select(l => l.Kind));
        Assert.Equal(IntImm.I32(16), loops[1].Annotations["pragma_auto_unroll_max_step"]);
        Assert.Equal("threadIdx.x", loops[4].ThreadTag);
        Assert.Equal((IntImm.I32(8), IntImm.I32(8)), ((IntImm)loops[5].Min, (IntImm)loops[5].Extent));
    }

    [Fact]
    public void Axis_domains_with_bounds_and_block_predicates_parse()
    {
        var blocks = All<BlockRealize>(Snippet("axis_forms.py").Body).Where(b => b.Block.Name != "root").ToList();
        Assert.IsType<Binary>(blocks[0].Predicate);
        Assert.Equal([IterKind.Spatial, IterKind.Reduce], blocks[0].Block.IterVars.Select(v => v.Kind));
        var shifted = blocks[1].Block;
        Assert.Equal(new Range(IntImm.I32(4), IntImm.I32(8)), shifted.IterVars[0].Dom);
        Assert.Equal(new Range(IntImm.I32(0), IntImm.I32(1)), shifted.IterVars[1].Dom);
        // A[vi:vi + 4] is a region of extent 4 starting at vi.
        Assert.Equal(IntImm.I32(4), shifted.Reads[0].Region[0].Extent);
        Assert.Same(shifted.IterVars[0].Var, shifted.Reads[0].Region[0].Min);
    }

    [Fact]
    public void Int32_constants_meeting_int64_operands_become_int64_and_float_times_int_converts_the_int()
    {
        var store = (BufferStore)All<BlockRealize>(Snippet("int64_mixing.py").Body).Single(b => b.Block.Name == "sum").Block.Body;
        var mul = Assert.IsType<Binary>(Assert.IsType<Binary>(store.Value).B);
        Assert.Equal(new FloatImm(DataType.Float32, 2), mul.B);
        var load = Assert.IsType<BufferLoad>(mul.A);
        var mod = Assert.IsType<Binary>(load.Indices[1]);
        Assert.Equal(BinOp.FloorMod, mod.Op);
        Assert.Equal(IntImm.I64(16), mod.B);
        Assert.Equal(IntImm.I64(1), Assert.IsType<Binary>(mod.A).B);
    }

    [Fact]
    public void Python_operators_map_to_the_TVM_nodes()
    {
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def f(A: T.Buffer((4,), "int32"), B: T.Buffer((4,), "bool")):
                for i in range(4):
                    A[i] = i // 2 + i % 3 - T.truncdiv(i, 2) * T.truncmod(i, 3) + i ** 2 + (i << 1) + (i >> 1) + (i & 1) + (i | 1) + (i ^ 1) + ~i + -i
                    B[i] = not (i < 1 and i > 2 or i == 3)
            """);
        var stores = All<BufferStore>(f.Body);
        var ops = new List<string>();
        void Collect(Expr e)
        {
            switch (e)
            {
                case Binary b: ops.Add(b.Op.ToString()); Collect(b.A); Collect(b.B); break;
                case Call c: ops.Add(c.Op); foreach (var a in c.Args) Collect(a); break;
                case Not n: ops.Add("Not"); Collect(n.Value); break;
            }
        }
        Collect(stores[0].Value);
        foreach (var want in new[] { "FloorDiv", "FloorMod", "Div", "Mod", "pow", "shift_left", "shift_right", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "Mul" })
            Assert.Contains(want, ops);
        ops.Clear();
        Collect(stores[1].Value);
        Assert.Equal(["Not", "Or", "And", "LT", "GT", "EQ"], ops);
    }

    [Fact]
    public void Typed_constants_parse_to_immediates_of_that_type()
    {
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def f(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "uint8"), C: T.Buffer((8,), "int64")):
                A[0] = T.float32("inf")
                A[1] = T.float32("-inf")
                A[2] = T.float32(0)
                B[0] = T.uint8(3)
                C[0] = T.int64(1) + T.int32(5)
                A[3] = T.float32(1.5)
                A[4] = 2.5
            """);
        var v = All<BufferStore>(f.Body).Select(s => s.Value).ToList();
        Assert.Equal(new FloatImm(DataType.Float32, double.PositiveInfinity), v[0]);
        Assert.Equal(new FloatImm(DataType.Float32, double.NegativeInfinity), v[1]);
        Assert.Equal(new FloatImm(DataType.Float32, 0), v[2]);
        Assert.Equal(new IntImm(DataType.UInt8, 3), v[3]);
        Assert.Equal(IntImm.I64(6), v[4]);
        Assert.Equal(new FloatImm(DataType.Float32, 1.5), v[5]);
        Assert.Equal(new FloatImm(DataType.Float32, 2.5), v[6]);
    }

    [Fact]
    public void Type_limits_and_abs_builtins_evaluate_to_constants_and_calls()
    {
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def f(A: T.Buffer((4,), "float32"), B: T.Buffer((4,), "int8")):
                A[0] = T.min_value("float32")
                A[1] = T.max_value("float32")
                A[2] = T.infinity("float32") + T.ninf("float32")
                A[3] = T.abs(A[0])
                B[0] = T.min_value("int8") + T.max_value("int8")
                B[1] = T.abs(B[2])
            """);
        var v = All<BufferStore>(f.Body).Select(s => s.Value).ToList();
        Assert.Equal(new FloatImm(DataType.Float32, -3.4028234663852886e+38), v[0]);
        Assert.Equal(new FloatImm(DataType.Float32, 3.4028234663852886e+38), v[1]);
        Assert.Equal(new FloatImm(DataType.Float32, double.NaN), v[2]);
        Assert.Equal("fabs", Assert.IsType<Call>(v[3]).Op);
        Assert.Equal(new IntImm(DataType.Int8, -1), v[4]);
        Assert.IsType<Select>(v[5]);
    }

    [Fact]
    public void Negating_an_unsigned_value_multiplies_by_the_wrapped_minus_one()
    {
        var text = "@T.prim_func\ndef f(B: T.Buffer((4,), \"uint8\")):\n    B[0] = -B[1]\n";
        var f = TvmScript.ParseFunc(text);
        var mul = Assert.IsType<Binary>(((BufferStore)f.Body).Value);
        Assert.Equal(new IntImm(DataType.UInt8, 255), mul.B);
        var printed = TvmScript.Print(f, "f");
        Assert.Contains("B[0] = B[1] * T.uint8(255)", printed);
        Assert.Equal(printed, TvmScript.Print(TvmScript.ParseFunc(printed), "f"));
    }

    [Fact]
    public void Target_attributes_with_nested_dicts_round_trip()
    {
        var text = "@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n" +
            "    T.func_attr({\"target\": T.target({\"keys\": [\"cpu\"], \"kind\": \"llvm\", \"mcpu\": \"znver4\", \"num-cores\": 2}), \"tir.noalias\": True})\n" +
            "    A[0] = T.float32(1.0)\n";
        var f = TvmScript.ParseFunc(text);
        var target = Assert.IsType<Call>(f.Attrs["target"]);
        var dict = Assert.IsType<Call>(target.Args[0]);
        Assert.Equal("dict", dict.Op);
        Assert.Equal(new StringImm("num-cores"), dict.Args[6]);
        Assert.Equal(IntImm.I32(2), dict.Args[7]);
        Assert.Equal("# from tvm.script import tir as T\n\n" + text, TvmScript.Print(f, "f"));
    }

    [Fact]
    public void Lets_ifs_and_evaluate_build_the_matching_statements()
    {
        var f = Snippet("control_flow.py");
        var ifs = All<IfThenElse>(f.Body);
        Assert.Equal(2, ifs.Count);
        Assert.NotNull(ifs[0].Else);
        var lets = All<LetStmt>(f.Body);
        Assert.Equal(["x", "c"], lets.Select(l => l.Var.Name));
        Assert.Equal(DataType.Int32, lets[0].Var.Dtype);
        Assert.Equal(new FloatImm(DataType.Float32, 2.5), lets[1].Value);
        Assert.Equal(new Evaluate(IntImm.I32(0)), All<Evaluate>(f.Body).Single());
        var call = All<BufferStore>(f.Body).Select(s => s.Value).OfType<Call>().Single();
        Assert.Equal("if_then_else", call.Op);
        Assert.IsType<Select>(call.Args[2]);
    }

    [Fact]
    public void Sblock_dialect_and_scoped_buffers_parse_like_the_v023_spelling()
    {
        var f = Snippet("alloc_scopes.py");
        Assert.Equal(IntImm.True, f.Attrs["tirx.noalias"]);
        Assert.Equal(new Call(DataType.Handle, "list", [IntImm.I32(32), IntImm.I32(32)]), f.Attrs["sizes"]);
        var root = f.RootBlock!;
        Assert.Equal([("A_local", "local"), ("A_shared", "shared")], root.AllocBuffers.Select(b => (b.Name, b.Scope)));
        Assert.All(root.AllocBuffers, b => Assert.Equal(DataType.Float16, b.Dtype));
        var blocks = All<BlockRealize>(root.Body);
        Assert.Equal(["A_local", "A_shared", "B"], blocks.Select(b => b.Block.Name));
        var b3 = blocks[2].Block;
        Assert.Equal(new StringImm("SSRSRS"), b3.Annotations["meta_schedule.tiling_structure"]);
        Assert.Equal("tmp", b3.AllocBuffers.Single().Name);
    }

    [Fact]
    public void A_body_without_blocks_gets_no_root_block()
    {
        var f = Snippet("no_blocks.py");
        Assert.Null(f.RootBlock);
        Assert.IsType<For>(f.Body);
    }

    [Fact]
    public void Relax_functions_are_parsed_and_module_attributes_kept_verbatim()
    {
        var text = File.ReadAllText(ScriptFiles.Snippet("module_extras.py"));
        var m = TvmScript.ParseModule(text);
        Assert.Equal(["copy", "main"], m.Functions.Select(f => f.Name));
        var main = Assert.IsType<Tuner.Ir.Relax.RelaxFuncEntry>(m.Functions[1]).Func;
        Assert.Equal("copy", ((Tuner.Ir.Relax.RCall)main.Bindings.Single().Value).TirName);
        Assert.Equal(["    I.module_attrs({\"system_lib_prefix\": \"lib_\"})"], m.Extra);
    }

    [Fact]
    public void The_mlp_example_holds_four_private_prim_funcs_and_the_relax_main()
    {
        var m = TvmScript.ParseModule(File.ReadAllText(ScriptFiles.Example("mlp_module.py")));
        Assert.Equal(["add", "matmul", "relu", "softmax", "main"], m.Functions.Select(f => f.Name));
        Assert.All(m.PrimFuncs, p => Assert.True(p.Func.IsPrivate));
        var softmax = m.Lookup("softmax")!;
        Assert.Equal(3, softmax.RootBlock!.AllocBuffers.Count);
        Assert.Equal(["T_softmax_maxelem", "T_softmax_exp", "T_softmax_expsum", "T_softmax_norm"],
            All<BlockRealize>(softmax.RootBlock.Body).Select(b => b.Block.Name));
        var init = (BufferStore)All<BlockRealize>(softmax.Body)[1].Block.Init!;
        Assert.Equal(new FloatImm(DataType.Float32, -3.4028234663852886e+38), init.Value);
        var main = ((Tuner.Ir.Relax.RelaxFuncEntry)m.Functions[4]).Func;
        Assert.Equal(["matmul", "add", "relu", "softmax"], main.Bindings.Select(b => ((Tuner.Ir.Relax.RCall)b.Value).TirName));
    }

    [Fact]
    public void Decl_buffer_wraps_the_rest_of_the_body_in_an_allocate()
    {
        var a = Find<Allocate>(Snippet("decl_buffer.py").Body);
        Assert.Equal(("tmp", "local", DataType.Float32), (a.Buffer.Name, a.Buffer.Scope, a.Buffer.Dtype));
        Assert.Equal(2, ((SeqStmt)a.Body).Stmts.Count);
    }

    [Fact]
    public void A_global_symbol_that_differs_from_the_name_is_kept_and_printed()
    {
        var f = TvmScript.ParseFunc("@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n    T.func_attr({\"global_symbol\": \"g\"})\n    A[0] = T.float32(1)\n");
        Assert.Equal(new StringImm("g"), f.Attrs["global_symbol"]);
        Assert.Contains("T.func_attr({\"global_symbol\": \"g\"})", TvmScript.Print(f, "f"));
        Assert.DoesNotContain("func_attr", TvmScript.Print(f, "g"));
    }

    [Fact]
    public void Slices_in_loads_and_stores_are_vector_accesses()
    {
        var f = TvmScript.ParseFunc("""
            @T.prim_func
            def f(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32")):
                for i in range(4):
                    B[i * 4:i * 4 + 4] = A[i * 4:i * 4 + 4] + A[0:8:2]
            """);
        var store = (BufferStore)((For)f.Body).Body;
        var ramp = Assert.IsType<Ramp>(store.Indices[0]);
        Assert.Equal((4, IntImm.I32(1)), (ramp.Lanes, (IntImm)ramp.Stride));
        var sum = Assert.IsType<Binary>(store.Value);
        Assert.Equal(DataType.Float32.WithLanes(4), sum.Dtype);
        Assert.Equal(new Ramp(IntImm.I32(0), IntImm.I32(2), 4), ((BufferLoad)sum.B).Indices[0]);
        var text = TvmScript.Print(f, "f");
        Assert.Contains("B[i * 4:i * 4 + 4] = A[i * 4:i * 4 + 4] + A[0:8:2]", text);
    }

    [Fact]
    public void Several_symbolic_variables_can_be_declared_on_one_line()
    {
        var text = "@T.prim_func\ndef f(a: T.handle):\n    n, m = T.int64(), T.int64()\n    A = T.match_buffer(a, (n, m))\n    A[0, 0] = T.float32(1)\n";
        var f = TvmScript.ParseFunc(text);
        Assert.Equal(["n", "m"], f.ParamBuffers.Single().Shape.Select(e => ((Var)e).Name));
        Assert.Contains("    n, m = T.int64(), T.int64()\n    A = T.match_buffer(a, (n, m))\n", TvmScript.Print(f, "f"));
    }

    [Fact]
    public void Undeclared_reads_and_writes_are_inferred_from_the_block_body()
    {
        var blocks = All<BlockRealize>(Snippet("inferred_regions.py").Body).ToDictionary(b => b.Block.Name, b => b.Block);
        string Regions(Seq<BufferRegion> rs) => string.Join("; ", rs.Select(r =>
            r.Buffer.Name + "[" + string.Join(", ", r.Region.Select(g => $"{Show(g.Min)}+{Show(g.Extent)}")) + "]"));
        // A reduction (it has T.init) does not list the buffer it writes among its reads.
        Assert.Equal("A[vi+1, vk+1]; B[vk+1, vj+1]", Regions(blocks["C"].Reads));
        Assert.Equal("C[vi+1, vj+1]", Regions(blocks["C"].Writes));
        // A block around loops and a nested block covers what the loops sweep.
        Assert.Equal("A[vo*4+4, 0+16]", Regions(blocks["outer"].Reads));
        Assert.Equal("B[vo*4+4, 0+16]", Regions(blocks["outer"].Writes));
        // Non-affine indices cover the whole dimension; several accesses to one buffer are unioned.
        Assert.Equal("B[vi//2+1, 0+16]; A[vi+1, 1+15]", Regions(blocks["row"].Reads));
        Assert.Equal("A[vi+1, 0+15]", Regions(blocks["row"].Writes));
    }

    private static string Show(Expr e) => e switch
    {
        IntImm i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Var v => v.Name,
        Binary { Op: BinOp.Mul } b => $"{Show(b.A)}*{Show(b.B)}",
        Binary { Op: BinOp.FloorDiv } b => $"{Show(b.A)}//{Show(b.B)}",
        _ => e.ToString(),
    };

    [Fact]
    public void Parse_func_rejects_a_module_with_two_prim_funcs()
    {
        var text = File.ReadAllText(ScriptFiles.Example("mlp_module.py"));
        var e = Assert.Throws<TvmScriptException>(() => TvmScript.ParseFunc(text));
        Assert.Contains("exactly one T.prim_func, found 4", e.Message);
    }
}
