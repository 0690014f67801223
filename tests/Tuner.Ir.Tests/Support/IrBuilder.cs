namespace Tuner.Ir.Tests.Support;

/// <summary>
/// Test-only helpers that build TIR in C# the way TVMScript reads (used until the TVMScript parser lands).
/// Indices and loop variables are int32 unless a type is given, as in TVMScript's T.grid(64, 64).
/// </summary>
internal static class IrBuilder
{
    public static readonly DataType F32 = DataType.Float32;
    public static readonly DataType I32 = DataType.Int32;

    public static Var V(string name, DataType? t = null) => new(name, t ?? DataType.Int32);
    public static Expr C(long v, DataType? t = null) => new IntImm(t ?? DataType.Int32, v);
    public static Expr Fc(double v, DataType? t = null) => new FloatImm(t ?? DataType.Float32, v);

    public static Buffer Buf(string name, DataType t, params long[] shape) =>
        new(name, t, shape.Select(s => (Expr)new IntImm(DataType.Int32, s)).ToSeq());

    public static Expr Ld(Buffer b, params Expr[] idx) => new BufferLoad(b, idx.ToSeq());
    public static Stmt St(Buffer b, Expr value, params Expr[] idx) => new BufferStore(b, value, idx.ToSeq());
    public static Expr Call(DataType t, string op, params Expr[] args) => new Call(t, op, args.ToSeq());
    public static Expr Bin(BinOp op, Expr a, Expr b) => new Binary(op, a, b);
    public static Stmt Seq(params Stmt[] s) => SeqStmt.Flatten(s);

    /// <summary>for v in range(extent) (serial unless a kind is given).</summary>
    public static Stmt Loop(Var v, long extent, Stmt body, ForKind kind = ForKind.Serial) =>
        new For(v, new IntImm(v.Type, 0), new IntImm(v.Type, extent), kind, body);

    /// <summary>for v0, v1, ... in T.grid(e0, e1, ...).</summary>
    public static Stmt Grid(Var[] vars, long[] extents, Stmt body)
    {
        for (int k = vars.Length - 1; k >= 0; k--) body = Loop(vars[k], extents[k], body);
        return body;
    }

    /// <summary>One block iterator: T.axis.spatial/reduce(extent, value).</summary>
    public sealed record Axis(Var Var, IterKind Kind, long Extent, Expr Value);
    public static Axis S(Var v, long extent, Expr value) => new(v, IterKind.Spatial, extent, value);
    public static Axis R(Var v, long extent, Expr value) => new(v, IterKind.Reduce, extent, value);

    /// <summary>A region B[min0 : min0 + ext0, ...] from (min, extent) pairs, as in T.reads(B[v_i, 0:10]).</summary>
    public static BufferRegion Region(Buffer b, params (Expr Min, Expr Extent)[] dims) =>
        new(b, dims.Select(d => new Range(d.Min, d.Extent)).ToSeq());

    /// <summary>with T.block(name): axes, optional T.where, T.init, T.reads/T.writes (empty unless given), T.alloc_buffer.</summary>
    public static Stmt Block(string name, Axis[] axes, Stmt body, Stmt? init = null, Expr? where = null,
        BufferRegion[]? reads = null, BufferRegion[]? writes = null, params Buffer[] alloc) =>
        new BlockRealize(
            axes.Select(a => a.Value).ToSeq(),
            where ?? IntImm.True,
            new Block(name,
                axes.Select(a => new IterVar(a.Var, new Range(new IntImm(a.Var.Type, 0), new IntImm(a.Var.Type, a.Extent)), a.Kind)).ToSeq(),
                (reads ?? []).ToSeq(), (writes ?? []).ToSeq(), body, init, alloc.ToSeq(), Attrs.Empty));

    /// <summary>A PrimFunc over buffer parameters (and scalar parameters), body wrapped in the root block holding <paramref name="alloc"/>.</summary>
    public static PrimFunc Func(Buffer[] buffers, Stmt body, Buffer[]? alloc = null, Var[]? scalars = null)
    {
        var handles = buffers.Select(b => new Var(b.Name + "_handle", DataType.Handle)).ToArray();
        var ps = handles.Concat(scalars ?? []).ToSeq();
        var root = new BlockRealize(Seq<Expr>.Empty, IntImm.True,
            new Block("root", Seq<IterVar>.Empty, Seq<BufferRegion>.Empty, Seq<BufferRegion>.Empty, body, null, (alloc ?? []).ToSeq(), Attrs.Empty));
        return new PrimFunc(ps, handles.Zip(buffers).ToSeq(), root, Attrs.Empty);
    }

    /// <summary>A PrimFunc without blocks (lowered form).</summary>
    public static PrimFunc RawFunc(Buffer[] buffers, Stmt body, Var[]? scalars = null)
    {
        var handles = buffers.Select(b => new Var(b.Name + "_handle", DataType.Handle)).ToArray();
        return new PrimFunc(handles.Concat(scalars ?? []).ToSeq(), handles.Zip(buffers).ToSeq(), body, Attrs.Empty);
    }

    public static float[] Floats(NDArray a) => Enumerable.Range(0, (int)a.Size).Select(i => (float)a.GetDouble(i)).ToArray();
}
