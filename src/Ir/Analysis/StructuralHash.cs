using System.Text;

namespace Tuner.Ir.Analysis;

/// <summary>
/// Structural hash (TVM's StructuralHash) that agrees with <see cref="StructuralEqual"/>: definitions hash
/// by their order of appearance, not their names, so renamed IR hashes the same. Free variables hash by
/// name and type. The value is FNV-1a over a fixed token stream, identical across processes and machines,
/// because it is the workload key written to database_workload.json.
/// </summary>
public static class StructuralHash
{
    /// <summary>The 64-bit structural hash of an Expr, Stmt, PrimFunc, IRModule, Buffer, Range, BufferRegion or Attrs.</summary>
    public static ulong Hash(object node)
    {
        var h = new StructuralHasher();
        h.Node(node);
        return h.Value;
    }
}

/// <summary>Mirrors <see cref="EqualChecker"/> step for step, feeding tokens instead of comparing.</summary>
internal sealed class StructuralHasher
{
    private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;
    private ulong _h = Offset;
    private long _next;
    private readonly Dictionary<Var, long> _vars = new();
    private readonly Dictionary<Buffer, long> _buffers = new();
    private bool _defMode;

    public ulong Value => _h;

    // Node tags: arbitrary distinct constants, part of the on-disk key format; do not renumber.
    private enum Tag : long
    {
        Null = 1, VarBound, VarFree, VarDef, IntImm, FloatImm, StringImm, Cast, Binary, Not, Select, BufferLoad,
        Call, Ramp, Broadcast, Let, BufferDef, BufferRef, Range, Region, Attrs, Store, For, BlockRealize, Block,
        Seq, If, LetStmt, Evaluate, Allocate, Func, Module, Opaque, NoStmt,
    }

    private void Add(ulong v)
    {
        for (int i = 0; i < 8; i++)
        {
            _h ^= (byte)(v >> (8 * i));
            _h *= Prime;
        }
    }

    private void Add(long v) => Add(unchecked((ulong)v));
    private void Add(Tag t) => Add((long)t);

    private void Add(string s)
    {
        Add(s.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            _h ^= b;
            _h *= Prime;
        }
    }

    private void Add(DataType t) => Add(((long)t.Code << 40) | ((long)t.Bits << 20) | (uint)t.Lanes);

    public void Node(object? n)
    {
        switch (n)
        {
            case null: Add(Tag.Null); break;
            case Expr e: Expr(e); break;
            case Stmt s: Stmt(s); break;
            case PrimFunc f: Func(f); break;
            case IRModule m: Module(m); break;
            case Buffer b: BufferUse(b); break;
            case Range r: Range(r); break;
            case BufferRegion r: Region(r); break;
            case Attrs a: Attrs(a); break;
            default: throw new ArgumentException($"StructuralHash does not know {n.GetType().Name}");
        }
    }

    private void DefVar(Var v)
    {
        Add(Tag.VarDef);
        Add(v.Type);
        _vars[v] = _next++;
    }

    private void VarUse(Var v)
    {
        if (_vars.TryGetValue(v, out long i)) { Add(Tag.VarBound); Add(i); }
        else if (_defMode) DefVar(v);
        else { Add(Tag.VarFree); Add(v.Name); Add(v.Type); }
    }

    private void BufferDef(Buffer b)
    {
        Add(Tag.BufferDef);
        Add(b.Dtype);
        Add(b.Scope);
        bool saved = _defMode;
        _defMode = true;
        Exprs(b.Shape);
        Exprs(b.Strides);
        _defMode = saved;
        _buffers[b] = _next++;
    }

    private void BufferUse(Buffer b)
    {
        if (_buffers.TryGetValue(b, out long i)) { Add(Tag.BufferRef); Add(i); }
        else BufferDef(b);
    }

    private void Exprs(Seq<Expr> xs)
    {
        Add(xs.Count);
        foreach (var x in xs) Expr(x);
    }

    private void Expr(Expr e)
    {
        switch (e)
        {
            case Var v: VarUse(v); break;
            case IntImm i: Add(Tag.IntImm); Add(i.Type); Add(i.Value); break;
            case FloatImm f: Add(Tag.FloatImm); Add(f.Type); Add(BitConverter.DoubleToInt64Bits(f.Value)); break;
            case StringImm s: Add(Tag.StringImm); Add(s.Value); break;
            case Cast c: Add(Tag.Cast); Add(c.Type); Expr(c.Value); break;
            case Binary b: Add(Tag.Binary); Add((long)b.Op); Expr(b.A); Expr(b.B); break;
            case Not n: Add(Tag.Not); Expr(n.Value); break;
            case Select s: Add(Tag.Select); Expr(s.Condition); Expr(s.TrueValue); Expr(s.FalseValue); break;
            case BufferLoad l: Add(Tag.BufferLoad); BufferUse(l.Buffer); Exprs(l.Indices); break;
            case Call c: Add(Tag.Call); Add(c.Type); Add(c.Op); Exprs(c.Args); break;
            case Ramp r: Add(Tag.Ramp); Add(r.Lanes); Expr(r.Base); Expr(r.Stride); break;
            case Broadcast b: Add(Tag.Broadcast); Add(b.Lanes); Expr(b.Value); break;
            case Let l: Add(Tag.Let); Expr(l.Value); DefVar(l.Var); Expr(l.Body); break;
            default: throw new ArgumentException($"StructuralHash does not know {e.GetType().Name}");
        }
    }

    private void Range(Range r) { Add(Tag.Range); Expr(r.Min); Expr(r.Extent); }

    private void Region(BufferRegion r)
    {
        Add(Tag.Region);
        BufferUse(r.Buffer);
        Add(r.Region.Count);
        foreach (var x in r.Region) Range(x);
    }

    private void Attrs(Attrs a)
    {
        Add(Tag.Attrs);
        Add(a.Count);
        foreach (var (k, v) in a) { Add(k); Expr(v); }
    }

    private void OptStmt(Stmt? s)
    {
        if (s is null) Add(Tag.NoStmt); else Stmt(s);
    }

    private void Stmt(Stmt s)
    {
        switch (s)
        {
            case BufferStore x:
                Add(Tag.Store); BufferUse(x.Buffer); Expr(x.Value); Exprs(x.Indices);
                break;
            case For x:
                Add(Tag.For); Add((long)x.Kind); Add(x.ThreadTag ?? "\0none");
                Expr(x.Min); Expr(x.Extent); Attrs(x.Annotations); DefVar(x.LoopVar); Stmt(x.Body);
                break;
            case BlockRealize x:
                Add(Tag.BlockRealize); Exprs(x.IterValues); Expr(x.Predicate); Stmt(x.Block);
                break;
            case Block x:
                Block(x);
                break;
            case SeqStmt x:
                Add(Tag.Seq); Add(x.Stmts.Count);
                foreach (var y in x.Stmts) Stmt(y);
                break;
            case IfThenElse x:
                Add(Tag.If); Expr(x.Condition); Stmt(x.Then); OptStmt(x.Else);
                break;
            case LetStmt x:
                Add(Tag.LetStmt); Expr(x.Value); DefVar(x.Var); Stmt(x.Body);
                break;
            case Evaluate x:
                Add(Tag.Evaluate); Expr(x.Value);
                break;
            case Allocate x:
                Add(Tag.Allocate); BufferDef(x.Buffer); Stmt(x.Body);
                break;
            default:
                throw new ArgumentException($"StructuralHash does not know {s.GetType().Name}");
        }
    }

    private void Block(Block x)
    {
        Add(Tag.Block);
        Add(x.Name);
        Add(x.IterVars.Count);
        Add(x.AllocBuffers.Count);
        foreach (var iv in x.IterVars) { Add((long)iv.Kind); Range(iv.Dom); DefVar(iv.Var); }
        foreach (var b in x.AllocBuffers) BufferDef(b);
        Add(x.Reads.Count);
        foreach (var r in x.Reads) Region(r);
        Add(x.Writes.Count);
        foreach (var r in x.Writes) Region(r);
        OptStmt(x.Init);
        Stmt(x.Body);
        Attrs(x.Annotations);
    }

    private void Func(PrimFunc f)
    {
        Add(Tag.Func);
        Add(f.Params.Count);
        foreach (var p in f.Params) DefVar(p);
        foreach (var p in f.Params)
        {
            var b = f.BufferOf(p);
            if (b is null) Add(Tag.Null); else BufferDef(b);
        }
        Attrs(f.Attrs);
        Stmt(f.Body);
    }

    private void Module(IRModule m)
    {
        Add(Tag.Module);
        Add(m.Extra.Count);
        foreach (var x in m.Extra) Add(x);
        Add(m.Functions.Count);
        foreach (var f in m.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            Add(f.Name);
            switch (f)
            {
                case PrimFuncEntry p:
                    var h = new StructuralHasher();
                    h.Func(p.Func);
                    Add(h.Value);
                    break;
                case OpaqueEntry o:
                    Add(Tag.Opaque); Add(o.Text);
                    break;
                case Relax.RelaxFuncEntry r:
                    // Relax functions compare by their printed text (names are part of it).
                    Add(Tag.Opaque); Add(Script.TvmScript.Print(r));
                    break;
            }
        }
    }
}
