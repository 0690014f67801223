namespace Tuner.Ir.Tests.Schedule.Support;

/// <summary>
/// Small TIR functions built in C# for the schedule tests (until the TVMScript parser lands), in TVM's shape:
/// a root block holding loop nests of blocks with iter vars, reads/writes and (for reductions) an init.
/// </summary>
internal static class TestFuncs
{
    public static Buffer Buf(string name, params long[] shape) => new(name, DataType.Float32, shape.Select(s => (Expr)IntImm.I32(s)).ToSeq());

    public static BufferLoad Load(Buffer b, params Expr[] idx) => new(b, idx.ToSeq());

    public static BufferRegion Point(Buffer b, params Expr[] idx) => new(b, idx.Select(i => new Range(i, IntImm.I32(1))).ToSeq());

    /// <summary>Loops named <paramref name="names"/> with extents around a block whose iters are bound to the loop vars one to one.</summary>
    public static Stmt Nest(string[] names, long[] extents, string kinds, Func<Var[], Var[], Block> makeBlock)
    {
        var loops = names.Select(n => new Var(n, DataType.Int32)).ToArray();
        var iters = names.Select(n => new Var("v_" + n, DataType.Int32)).ToArray();
        var block = makeBlock(loops, iters) with
        {
            IterVars = iters.Select((v, i) => new IterVar(v, Range.FromExtent(IntImm.I32(extents[i])), kinds[i] == 'S' ? IterKind.Spatial : IterKind.Reduce)).ToSeq(),
        };
        Stmt body = new BlockRealize(loops.Select(l => (Expr)l).ToSeq(), IntImm.True, block);
        for (int i = loops.Length - 1; i >= 0; i--) body = new For(loops[i], IntImm.I32(0), IntImm.I32(extents[i]), ForKind.Serial, body);
        return body;
    }

    public static Block MakeBlock(string name, Seq<BufferRegion> reads, Seq<BufferRegion> writes, Stmt body, Stmt? init = null) =>
        new(name, Seq<IterVar>.Empty, reads, writes, body, init, Seq<Buffer>.Empty, Attrs.Empty);

    public static PrimFunc Func(Buffer[] parms, Stmt body, params Buffer[] allocs)
    {
        var vars = parms.Select(b => new Var(b.Name + "_handle", DataType.Handle)).ToArray();
        var root = new BlockRealize(Seq<Expr>.Empty, IntImm.True,
            new Block("root", Seq<IterVar>.Empty, Seq<BufferRegion>.Empty, Seq<BufferRegion>.Empty, body, null, allocs.ToSeq(), Attrs.Empty));
        return new PrimFunc(vars.Select(v => v).ToSeq(), vars.Zip(parms).Select(p => (p.First, p.Second)).ToSeq(), root,
            Attrs.Empty.Set("tir.noalias", IntImm.True));
    }

    /// <summary>C[i, j] += A[i, k] * B[k, j] over i, j, k (block "C", SSR, init C = 0).</summary>
    public static PrimFunc Matmul(long n = 16, long m = 16, long k = 16)
    {
        var a = Buf("A", n, k); var b = Buf("B", k, m); var c = Buf("C", n, m);
        var body = Nest(["i", "j", "k"], [n, m, k], "SSR", (_, v) =>
            MakeBlock("C",
                [Point(a, v[0], v[2]), Point(b, v[2], v[1])],
                [Point(c, v[0], v[1])],
                new BufferStore(c, Load(c, v[0], v[1]) + Load(a, v[0], v[2]) * Load(b, v[2], v[1]), [v[0], v[1]]),
                new BufferStore(c, new FloatImm(DataType.Float32, 0), [v[0], v[1]])));
        return Func([a, b, c], body);
    }

    /// <summary>B[i, j] = A[i, j] * 2 (block "B", B allocated in root); C[i, j] = B[i, j] + 1 (block "C").</summary>
    public static PrimFunc Elementwise(long n = 16, long m = 16)
    {
        var a = Buf("A", n, m); var b = Buf("B", n, m); var c = Buf("C", n, m);
        var two = new FloatImm(DataType.Float32, 2);
        var one = new FloatImm(DataType.Float32, 1);
        var first = Nest(["i", "j"], [n, m], "SS", (_, v) =>
            MakeBlock("B", [Point(a, v[0], v[1])], [Point(b, v[0], v[1])], new BufferStore(b, Load(a, v[0], v[1]) * two, [v[0], v[1]])));
        var second = Nest(["i", "j"], [n, m], "SS", (_, v) =>
            MakeBlock("C", [Point(b, v[0], v[1])], [Point(c, v[0], v[1])], new BufferStore(c, Load(b, v[0], v[1]) + one, [v[0], v[1]])));
        return Func([a, c], new SeqStmt([first, second]), b);
    }

    /// <summary>B[i] = A[i] + 1 over one loop of <paramref name="n"/> (block "B").</summary>
    public static PrimFunc Vector(long n)
    {
        var a = Buf("A", n); var b = Buf("B", n);
        var body = Nest(["i"], [n], "S", (_, v) =>
            MakeBlock("B", [Point(a, v[0])], [Point(b, v[0])], new BufferStore(b, Load(a, v[0]) + new FloatImm(DataType.Float32, 1), [v[0]])));
        return Func([a, b], body);
    }

    /// <summary>A triangular nest: for i in 16, for j in i + 1: B[i, j] = A[i, j] (block "B"); j's extent uses i.</summary>
    public static PrimFunc Triangle()
    {
        var f = Elementwise();
        var root = ((BlockRealize)f.Body).Block;
        var first = (For)((SeqStmt)root.Body).Stmts[0];
        var inner = (For)first.Body;
        var tri = first with { Body = inner with { Extent = first.LoopVar + 1 } };
        return f with { Body = ((BlockRealize)f.Body) with { Block = root with { Body = tri } } };
    }

    /// <summary>Random inputs for each parameter buffer (outputs too: the evaluator overwrites them).</summary>
    public static List<NDArray> RandomArgs(PrimFunc f, int seed) =>
        f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, seed + i)).ToList();
}
