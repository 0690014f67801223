using Tuner.Ir;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>
/// Test-only helpers to write TIR as C# until the TVMScript parser lands: buffers, loops, blocks in TVM's shape
/// (a root block holding alloc_buffers, one BlockRealize per block with iter values).
/// </summary>
public static class IrBuilder
{
    public static readonly DataType F32 = DataType.Float32;
    public static readonly DataType I32 = DataType.Int32;

    public static Expr C(long v) => IntImm.I32(v);
    public static Expr F(double v) => new FloatImm(F32, v);
    public static Var V(string name) => new(name, I32);
    public static Buffer Buf(string name, DataType t, params long[] shape) => new(name, t, shape.Select(C).ToSeq());
    public static Expr Ld(Buffer b, params Expr[] idx) => new BufferLoad(b, idx.ToSeq());
    public static Stmt St(Buffer b, Expr v, params Expr[] idx) => new BufferStore(b, v, idx.ToSeq());
    public static Expr Call(DataType t, string op, params Expr[] args) => new Call(t, op, args.ToSeq());

    public static Stmt Loop(Var v, long extent, Stmt body, ForKind kind = ForKind.Serial, Attrs? ann = null) =>
        new For(v, C(0), C(extent), kind, body, ann ?? Attrs.Empty);

    /// <summary>Nested serial loops over fresh variables; <paramref name="body"/> receives them.</summary>
    public static Stmt Grid(string[] names, long[] extents, Func<Var[], Stmt> body)
    {
        var vars = names.Select(V).ToArray();
        Stmt s = body(vars);
        for (int i = vars.Length - 1; i >= 0; i--) s = Loop(vars[i], extents[i], s);
        return s;
    }

    /// <summary>
    /// A block realize: iter vars (kind letters S/R, extents, bound values), body built from the iter vars, optional init.
    /// Reads/writes are left empty (lowering does not need them).
    /// </summary>
    public static Stmt Block(string name, string kinds, long[] extents, Expr[] values, Func<Var[], Stmt> body,
        Func<Var[], Stmt>? init = null, Expr? predicate = null, Seq<Buffer> allocs = default)
    {
        var ivs = new IterVar[kinds.Length];
        var vars = new Var[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            vars[i] = V("v" + i + "_" + name);
            ivs[i] = new IterVar(vars[i], Range.FromExtent(C(extents[i])), kinds[i] == 'R' ? IterKind.Reduce : IterKind.Spatial);
        }
        var block = new Ir.Block(name, ivs.ToSeq(), [], [], body(vars), init?.Invoke(vars), allocs, Attrs.Empty);
        return new BlockRealize(values.ToSeq(), predicate ?? IntImm.True, block);
    }

    /// <summary>A function with a root block; params are buffers in order.</summary>
    public static PrimFunc Func(Buffer[] parameters, Stmt body, Seq<Buffer> rootAllocs = default, bool noalias = true)
    {
        var vars = parameters.Select(b => new Var(b.Name + "_handle", DataType.Handle)).ToArray();
        var root = new Ir.Block("root", [], [], [], body, null, rootAllocs, Attrs.Empty);
        var attrs = noalias ? Attrs.Empty.Set("tir.noalias", IntImm.True) : Attrs.Empty;
        return new PrimFunc(vars.ToSeq(), vars.Zip(parameters).ToSeq(), new BlockRealize([], IntImm.True, root), attrs);
    }

    public static Stmt Seq(params Stmt[] s) => SeqStmt.Flatten(s);
}
