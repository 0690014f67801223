using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>Test-only IR builder: loop nests, blocks with declared regions, functions with a root block.</summary>
internal static class BlockTestIr
{
    public static readonly DataType F32 = DataType.Float32;

    public static Buffer Buf(string name, params long[] shape) => new(name, F32, shape.Select(x => (Expr)E.Int(x)).ToSeq());
    public static Buffer Buf64(string name, params long[] shape) => new(name, F32, shape.Select(x => (Expr)E.Int(x, DataType.Int64)).ToSeq());
    public static Var V(string name) => new(name, DataType.Int32);
    public static Expr I(long v) => E.Int(v);
    public static Expr F(double v) => new FloatImm(F32, v);
    public static BufferLoad L(Buffer b, params Expr[] idx) => new(b, idx.ToSeq());
    public static BufferStore St(Buffer b, Expr value, params Expr[] idx) => new(b, value, idx.ToSeq());

    /// <summary>Loops (outermost first) around a statement.</summary>
    public static Stmt Loops(IEnumerable<(Var Var, long Extent)> loops, Stmt inner)
    {
        var list = loops.ToList();
        for (int i = list.Count - 1; i >= 0; i--)
            inner = new For(list[i].Var, E.Int(0, list[i].Var.Type), E.Int(list[i].Extent, list[i].Var.Type), ForKind.Serial, inner);
        return inner;
    }

    /// <summary>A block with iter vars (name, extent, kind, binding); reads/writes detected from the body (a reduction's written buffers left out of its reads).</summary>
    public static BlockRealize Blk(string name, (Var Var, long Extent, IterKind Kind, Expr Binding)[] ivs, Stmt body, Stmt? init = null)
    {
        var iters = ivs.Select(t => new IterVar(t.Var, Range.FromExtent(E.Int(t.Extent, t.Var.Type)), t.Kind)).ToSeq();
        var b = new Block(name, iters, [], [], body, init, [], Attrs.Empty);
        var (reads, writes) = BlockAccessRegions.Detect(b);
        return new BlockRealize(ivs.Select(t => t.Binding).ToSeq(), IntImm.True, b with { Reads = reads, Writes = writes });
    }

    /// <summary>
    /// A compute in TE style: loops named by <paramref name="loopNames"/> over <paramref name="extents"/>, iter vars
    /// v_&lt;loop&gt; remapped with kinds ("S"/"R" per axis), body built from the iter vars.
    /// </summary>
    public static Stmt Compute(string name, string kinds, long[] extents, string[] loopNames,
        Func<Var[], Stmt> body, Func<Var[], Stmt>? init = null, DataType? index = null)
    {
        var t = index ?? DataType.Int32;
        var loops = loopNames.Select(n => new Var(n, t)).ToArray();
        var vs = loopNames.Select(n => new Var($"v_{n}", t)).ToArray();
        var ivs = vs.Select((v, i) => (v, extents[i], kinds[i] == 'R' ? IterKind.Reduce : IterKind.Spatial, (Expr)loops[i])).ToArray();
        return Loops(loops.Select((l, i) => (l, extents[i])), Blk(name, ivs, body(vs), init?.Invoke(vs)));
    }

    public static PrimFunc Func(Buffer[] args, Buffer[] allocs, params Stmt[] body)
    {
        var ps = args.Select(b => new Var(b.Name.ToLowerInvariant() + "_handle", DataType.Handle)).ToList();
        var root = new Block("root", [], [], [], SeqStmt.Flatten(body), null, allocs.ToSeq(), Attrs.Empty);
        return new PrimFunc(ps.ToSeq(), ps.Zip(args).Select(p => (p.First, p.Second)).ToSeq(),
            new BlockRealize([], IntImm.True, root), Attrs.Empty);
    }

    /// <summary>
    /// Runs both functions in the reference interpreter on the same seeded random inputs and asserts every parameter
    /// buffer matches within a relative 1e-4 (reduction order may change), with no NaN (no read of an unwritten element);
    /// also: the verifier accepts the scheduled function, every access stays inside its block's declared regions,
    /// and index dtypes agree.
    /// </summary>
    public static void AssertSameOutputs(PrimFunc expected, PrimFunc actual, int seed = 7)
    {
        AssertIndexDtypesConsistent(actual);
        // Overlapping windows (conv padding computed at a row loop) give non-bijective bindings, as in TVM: only errors count.
        var problems = Verifier.VerifyStrict(actual);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var bufs = expected.ParamBuffers.ToList();
        var a = bufs.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, seed + i)).ToList();
        var b2 = a.Select(x => x.Clone()).ToList();
        Interpreter.Run(expected, a, new InterpreterOptions(CheckRegions: true));
        Interpreter.Run(actual, b2, new InterpreterOptions(CheckRegions: true));
        for (int i = 0; i < a.Count; i++)
            for (long k = 0; k < a[i].Size; k++)
            {
                double x = a[i].GetDouble(k), y = b2[i].GetDouble(k);
                Assert.False(double.IsNaN(y), $"{bufs[i].Name}[{k}] is NaN");
                Assert.True(Math.Abs(x - y) <= 1e-4 * Math.Max(1, Math.Abs(x)), $"{bufs[i].Name}[{k}]: expected {x}, got {y}");
            }
    }

    /// <summary>
    /// Asserts the function is well typed where index arithmetic is built: both operands of every binary node have one
    /// dtype, loop bounds have the loop variable's dtype, and block bindings have their iter var's dtype.
    /// </summary>
    public static void AssertIndexDtypesConsistent(PrimFunc f)
    {
        NodeWalker.Walk(f.Body,
            st =>
            {
                if (st is For fl) Assert.True(fl.Min.Dtype == fl.LoopVar.Type && fl.Extent.Dtype == fl.LoopVar.Type, $"loop {fl.LoopVar.Name}: bounds of another dtype");
                if (st is BlockRealize br)
                    for (int i = 0; i < br.IterValues.Count; i++)
                        Assert.True(br.IterValues[i].Dtype == br.Block.IterVars[i].Var.Type, $"block {br.Block.Name}: binding {i} is {br.IterValues[i].Dtype}");
            },
            e => { if (e is Binary b) Assert.True(b.A.Dtype == b.B.Dtype, $"{Show(b)}: {b.A.Dtype} vs {b.B.Dtype}"); });
    }

    /// <summary>The loop variables enclosing the named block, outermost first (GetLoops).</summary>
    public static List<Var> LoopsOf(ScheduleState s, string block) => s.LoopsAbove(s.FindBlock(block, "test")).Select(f => f.LoopVar).ToList();

    /// <summary>Names of the blocks in program order (root excluded).</summary>
    public static List<string> BlockNames(ScheduleState s) => s.BlockRealizes().Select(b => b.Block.Name).Where(n => n != "root").ToList();

    /// <summary>A compact one-line rendering of an expression for assertions (names, operators, constants).</summary>
    public static string Show(Expr e) => e switch
    {
        Var v => v.Name,
        IntImm i => i.Value.ToString(),
        FloatImm f => f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Binary { Op: BinOp.Min or BinOp.Max } b => $"{Op(b.Op)}({Show(b.A)}, {Show(b.B)})",
        Binary b => $"({Show(b.A)} {Op(b.Op)} {Show(b.B)})",
        BufferLoad l => $"{l.Buffer.Name}[{string.Join(", ", l.Indices.Select(Show))}]",
        Call c => $"{c.Op}({string.Join(", ", c.Args.Select(Show))})",
        _ => e.ToString()!,
    };

    public static string Show(BufferRegion r) =>
        $"{r.Buffer.Name}[{string.Join(", ", r.Region.Select(x => E.IsConst(x.Extent, 1) ? Show(x.Min) : $"{Show(x.Min)}:{Show(BlockAffineForm.Simplify(x.Min + x.Extent))}"))}]";

    private static string Op(BinOp op) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.FloorDiv => "//", BinOp.FloorMod => "%",
        BinOp.LT => "<", BinOp.LE => "<=", BinOp.GE => ">=", BinOp.GT => ">", BinOp.And => "and", _ => op.ToString().ToLowerInvariant(),
    };
}
