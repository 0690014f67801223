namespace Tuner.Ir.Tests.Analysis;

/// <summary>Test-only shorthands for building IR directly in C# (the TVMScript parser lands separately).</summary>
internal static class IrBuild
{
    public static Var I32(string name) => new(name, DataType.Int32);
    public static Var I64(string name) => new(name, DataType.Int64);
    public static IntImm C(long v) => IntImm.I32(v);
    public static IntImm C64(long v) => IntImm.I64(v);
    public static Expr Add(Expr a, Expr b) => new Binary(BinOp.Add, a, b);
    public static Expr Sub(Expr a, Expr b) => new Binary(BinOp.Sub, a, b);
    public static Expr Mul(Expr a, Expr b) => new Binary(BinOp.Mul, a, b);
    public static Expr FDiv(Expr a, Expr b) => new Binary(BinOp.FloorDiv, a, b);
    public static Expr FMod(Expr a, Expr b) => new Binary(BinOp.FloorMod, a, b);
    public static Expr Div(Expr a, Expr b) => new Binary(BinOp.Div, a, b);
    public static Expr Mod(Expr a, Expr b) => new Binary(BinOp.Mod, a, b);
    public static Expr Lt(Expr a, Expr b) => new Binary(BinOp.LT, a, b);
    public static Expr Le(Expr a, Expr b) => new Binary(BinOp.LE, a, b);
    public static Expr Eq(Expr a, Expr b) => new Binary(BinOp.EQ, a, b);
    public static Expr And(Expr a, Expr b) => new Binary(BinOp.And, a, b);
    public static Expr Min(Expr a, Expr b) => new Binary(BinOp.Min, a, b);
    public static Expr Max(Expr a, Expr b) => new Binary(BinOp.Max, a, b);
    public static Range Rng(long min, long extent) => new(C(min), C(extent));

    public static Buffer Buf(string name, DataType dtype, params long[] shape) =>
        new(name, dtype, shape.Select(s => (Expr)C(s)).ToSeq());

    public static Expr Load(Buffer b, params Expr[] idx) => new BufferLoad(b, idx.ToSeq());
    public static Stmt Store(Buffer b, Expr v, params Expr[] idx) => new BufferStore(b, v, idx.ToSeq());

    public static Stmt Loop(Var v, long extent, Stmt body, ForKind kind = ForKind.Serial) =>
        new For(v, C(0), C(extent), kind, body);

    public static IterVar Iv(Var v, long extent, IterKind kind = IterKind.Spatial) => new(v, Rng(0, extent), kind);

    public static BufferRegion Point(Buffer b, params Expr[] idx) => new(b, idx.Select(i => new Range(i, C(1))).ToSeq());

    /// <summary>A block realize with iter values (a block named by <paramref name="name"/>).</summary>
    public static BlockRealize Realize(string name, IterVar[] ivs, Expr[] values, BufferRegion[] reads, BufferRegion[] writes,
        Stmt body, Stmt? init = null, Buffer[]? allocs = null, Expr? predicate = null) =>
        new(values.ToSeq(), predicate ?? IntImm.True,
            new Block(name, ivs.ToSeq(), reads.ToSeq(), writes.ToSeq(), body, init, (allocs ?? []).ToSeq(), Attrs.Empty));

    /// <summary>A function whose params are all buffers, body wrapped in the root block.</summary>
    public static PrimFunc Func(Buffer[] bufs, Stmt body, Buffer[]? rootAllocs = null)
    {
        var ps = bufs.Select(b => new Var(b.Name + "_handle", DataType.Handle)).ToArray();
        var root = new BlockRealize(Seq<Expr>.Empty, IntImm.True,
            new Block("root", Seq<IterVar>.Empty, Seq<BufferRegion>.Empty, Seq<BufferRegion>.Empty, body, null,
                (rootAllocs ?? []).ToSeq(), Attrs.Empty));
        return new PrimFunc(ps.ToSeq(), ps.Zip(bufs).ToSeq(), root,
            Attrs.Empty.Set("tir.noalias", IntImm.True));
    }

    /// <summary>
    /// The matmul of the brief: C[i, j] += A[i, k] * B[k, j] over 128 (or <paramref name="n"/>) with fresh
    /// variables and buffers named with <paramref name="suffix"/>, so two calls build renamed copies.
    /// </summary>
    public static PrimFunc Matmul(string suffix = "", long n = 128, DataType? dtype = null, string block = "matmul",
        ForKind kind = ForKind.Serial, double initValue = 0.0)
    {
        var t = dtype ?? DataType.Float32;
        var a = Buf("A" + suffix, t, n, n);
        var b = Buf("B" + suffix, t, n, n);
        var c = Buf("C" + suffix, t, n, n);
        Var i = I32("i" + suffix), j = I32("j" + suffix), k = I32("k" + suffix);
        Var vi = I32("v_i" + suffix), vj = I32("v_j" + suffix), vk = I32("v_k" + suffix);
        var body = Store(c, new Binary(BinOp.Add, Load(c, vi, vj), new Binary(BinOp.Mul, Load(a, vi, vk), Load(b, vk, vj))), vi, vj);
        var realize = Realize(block, [Iv(vi, n), Iv(vj, n), Iv(vk, n, IterKind.Reduce)], [i, j, k],
            [Point(a, vi, vk), Point(b, vk, vj)], [Point(c, vi, vj)], body,
            init: Store(c, new FloatImm(t, initValue), vi, vj));
        return Func([a, b, c], Loop(i, n, Loop(j, n, Loop(k, n, realize), kind)));
    }
}
