namespace Tuner.Ir;

/// <summary>
/// Base of every IR transformation: visits children and rebuilds a node only when a child changed,
/// so an unchanged subtree comes back as the same object. Override the Visit method of the node to change.
/// Buffers pass through <see cref="VisitBuffer"/> wherever they are referenced, so a buffer swap is one override.
/// </summary>
public abstract class IrRewriter
{
    public virtual Expr VisitExpr(Expr e) => e switch
    {
        Var v => VisitVar(v),
        IntImm or FloatImm or StringImm => e,
        Cast c => VisitCast(c),
        Binary b => VisitBinary(b),
        Not n => VisitNot(n),
        Select s => VisitSelect(s),
        BufferLoad l => VisitBufferLoad(l),
        Call c => VisitCall(c),
        Ramp r => VisitRamp(r),
        Broadcast b => VisitBroadcast(b),
        Let l => VisitLet(l),
        _ => throw new InvalidOperationException($"unknown expression node {e.GetType().Name}"),
    };

    public virtual Expr VisitVar(Var v) => v;

    public virtual Expr VisitCast(Cast c)
    {
        var v = VisitExpr(c.Value);
        return ReferenceEquals(v, c.Value) ? c : c with { Value = v };
    }

    public virtual Expr VisitBinary(Binary b)
    {
        var x = VisitExpr(b.A);
        var y = VisitExpr(b.B);
        return ReferenceEquals(x, b.A) && ReferenceEquals(y, b.B) ? b : b with { A = x, B = y };
    }

    public virtual Expr VisitNot(Not n)
    {
        var v = VisitExpr(n.Value);
        return ReferenceEquals(v, n.Value) ? n : n with { Value = v };
    }

    public virtual Expr VisitSelect(Select s)
    {
        var c = VisitExpr(s.Condition);
        var t = VisitExpr(s.TrueValue);
        var f = VisitExpr(s.FalseValue);
        return ReferenceEquals(c, s.Condition) && ReferenceEquals(t, s.TrueValue) && ReferenceEquals(f, s.FalseValue)
            ? s : new Select(c, t, f);
    }

    public virtual Expr VisitBufferLoad(BufferLoad l)
    {
        var b = VisitBuffer(l.Buffer);
        var idx = VisitExprs(l.Indices);
        return ReferenceEquals(b, l.Buffer) && idx == l.Indices ? l : new BufferLoad(b, idx);
    }

    public virtual Expr VisitCall(Call c)
    {
        var args = VisitExprs(c.Args);
        return args == c.Args ? c : c with { Args = args };
    }

    public virtual Expr VisitRamp(Ramp r)
    {
        var b = VisitExpr(r.Base);
        var s = VisitExpr(r.Stride);
        return ReferenceEquals(b, r.Base) && ReferenceEquals(s, r.Stride) ? r : r with { Base = b, Stride = s };
    }

    public virtual Expr VisitBroadcast(Broadcast b)
    {
        var v = VisitExpr(b.Value);
        return ReferenceEquals(v, b.Value) ? b : b with { Value = v };
    }

    public virtual Expr VisitLet(Let l)
    {
        var v = VisitExpr(l.Value);
        var body = VisitExpr(l.Body);
        return ReferenceEquals(v, l.Value) && ReferenceEquals(body, l.Body) ? l : l with { Value = v, Body = body };
    }

    /// <summary>Visits a list; returns the same list (by contents equality, same element objects) when nothing changed.</summary>
    public Seq<Expr> VisitExprs(Seq<Expr> xs)
    {
        Expr[]? changed = null;
        for (int i = 0; i < xs.Count; i++)
        {
            var y = VisitExpr(xs[i]);
            if (!ReferenceEquals(y, xs[i]))
            {
                changed ??= xs.Items.ToArray();
                changed[i] = y;
            }
        }
        return changed is null ? xs : changed.ToSeq();
    }

    /// <summary>Hook for buffer references (loads, stores, regions, allocations). Default: unchanged.</summary>
    public virtual Buffer VisitBuffer(Buffer b) => b;

    public virtual Range VisitRange(Range r)
    {
        var m = VisitExpr(r.Min);
        var e = VisitExpr(r.Extent);
        return ReferenceEquals(m, r.Min) && ReferenceEquals(e, r.Extent) ? r : new Range(m, e);
    }

    public virtual BufferRegion VisitBufferRegion(BufferRegion r)
    {
        var b = VisitBuffer(r.Buffer);
        var changed = false;
        var ranges = new Range[r.Region.Count];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = VisitRange(r.Region[i]);
            changed |= !ReferenceEquals(ranges[i], r.Region[i]);
        }
        return !changed && ReferenceEquals(b, r.Buffer) ? r : new BufferRegion(b, ranges.ToSeq());
    }

    public virtual Stmt VisitStmt(Stmt s) => s switch
    {
        BufferStore st => VisitBufferStore(st),
        For f => VisitFor(f),
        Block b => VisitBlock(b),
        BlockRealize br => VisitBlockRealize(br),
        SeqStmt q => VisitSeqStmt(q),
        IfThenElse i => VisitIfThenElse(i),
        LetStmt l => VisitLetStmt(l),
        Evaluate e => VisitEvaluate(e),
        Allocate a => VisitAllocate(a),
        _ => throw new InvalidOperationException($"unknown statement node {s.GetType().Name}"),
    };

    public virtual Stmt VisitBufferStore(BufferStore s)
    {
        var b = VisitBuffer(s.Buffer);
        var v = VisitExpr(s.Value);
        var idx = VisitExprs(s.Indices);
        return ReferenceEquals(b, s.Buffer) && ReferenceEquals(v, s.Value) && idx == s.Indices ? s : new BufferStore(b, v, idx);
    }

    public virtual Stmt VisitFor(For f)
    {
        var min = VisitExpr(f.Min);
        var ext = VisitExpr(f.Extent);
        var body = VisitStmt(f.Body);
        return ReferenceEquals(min, f.Min) && ReferenceEquals(ext, f.Extent) && ReferenceEquals(body, f.Body)
            ? f : f with { Min = min, Extent = ext, Body = body };
    }

    public virtual Stmt VisitBlock(Block b)
    {
        var ivs = b.IterVars.Map(iv =>
        {
            var d = VisitRange(iv.Dom);
            return ReferenceEquals(d, iv.Dom) ? iv : iv with { Dom = d };
        });
        var reads = b.Reads.Map(VisitBufferRegion);
        var writes = b.Writes.Map(VisitBufferRegion);
        var allocs = b.AllocBuffers.Map(VisitBuffer);
        var init = b.Init is null ? null : VisitStmt(b.Init);
        var body = VisitStmt(b.Body);
        return ivs == b.IterVars && reads == b.Reads && writes == b.Writes && allocs == b.AllocBuffers
               && ReferenceEquals(init, b.Init) && ReferenceEquals(body, b.Body)
            ? b
            : b with { IterVars = ivs, Reads = reads, Writes = writes, AllocBuffers = allocs, Init = init, Body = body };
    }

    public virtual Stmt VisitBlockRealize(BlockRealize r)
    {
        var vals = VisitExprs(r.IterValues);
        var pred = VisitExpr(r.Predicate);
        var block = VisitStmt(r.Block);
        if (block is not Block nb) throw new InvalidOperationException("a BlockRealize must keep a Block");
        return vals == r.IterValues && ReferenceEquals(pred, r.Predicate) && ReferenceEquals(nb, r.Block)
            ? r : new BlockRealize(vals, pred, nb);
    }

    public virtual Stmt VisitSeqStmt(SeqStmt q)
    {
        Stmt[]? changed = null;
        for (int i = 0; i < q.Stmts.Count; i++)
        {
            var y = VisitStmt(q.Stmts[i]);
            if (!ReferenceEquals(y, q.Stmts[i]))
            {
                changed ??= q.Stmts.Items.ToArray();
                changed[i] = y;
            }
        }
        return changed is null ? q : SeqStmt.Flatten(changed);
    }

    public virtual Stmt VisitIfThenElse(IfThenElse i)
    {
        var c = VisitExpr(i.Condition);
        var t = VisitStmt(i.Then);
        var e = i.Else is null ? null : VisitStmt(i.Else);
        return ReferenceEquals(c, i.Condition) && ReferenceEquals(t, i.Then) && ReferenceEquals(e, i.Else)
            ? i : new IfThenElse(c, t, e);
    }

    public virtual Stmt VisitLetStmt(LetStmt l)
    {
        var v = VisitExpr(l.Value);
        var body = VisitStmt(l.Body);
        return ReferenceEquals(v, l.Value) && ReferenceEquals(body, l.Body) ? l : l with { Value = v, Body = body };
    }

    public virtual Stmt VisitEvaluate(Evaluate e)
    {
        var v = VisitExpr(e.Value);
        return ReferenceEquals(v, e.Value) ? e : new Evaluate(v);
    }

    public virtual Stmt VisitAllocate(Allocate a)
    {
        var b = VisitBuffer(a.Buffer);
        var body = VisitStmt(a.Body);
        return ReferenceEquals(b, a.Buffer) && ReferenceEquals(body, a.Body) ? a : new Allocate(b, body);
    }
}

/// <summary>Replaces variables by expressions (e.g. block iter vars by their bindings).</summary>
public sealed class Substituter(IReadOnlyDictionary<Var, Expr> map) : IrRewriter
{
    public override Expr VisitVar(Var v) => map.TryGetValue(v, out var e) ? e : v;

    public static Expr Apply(Expr e, IReadOnlyDictionary<Var, Expr> map) => map.Count == 0 ? e : new Substituter(map).VisitExpr(e);
    public static Stmt Apply(Stmt s, IReadOnlyDictionary<Var, Expr> map) => map.Count == 0 ? s : new Substituter(map).VisitStmt(s);
}
