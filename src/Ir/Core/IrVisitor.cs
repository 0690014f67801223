namespace Tuner.Ir;

/// <summary>Read-only walk over the IR in evaluation order; override to collect facts.</summary>
public abstract class IrVisitor
{
    public virtual void VisitExpr(Expr e)
    {
        switch (e)
        {
            case Var v: VisitVar(v); break;
            case IntImm or FloatImm or StringImm: break;
            case Cast c: VisitExpr(c.Value); break;
            case Binary b: VisitExpr(b.A); VisitExpr(b.B); break;
            case Not n: VisitExpr(n.Value); break;
            case Select s: VisitExpr(s.Condition); VisitExpr(s.TrueValue); VisitExpr(s.FalseValue); break;
            case BufferLoad l: VisitBufferLoad(l); break;
            case Call c: foreach (var a in c.Args) VisitExpr(a); break;
            case Ramp r: VisitExpr(r.Base); VisitExpr(r.Stride); break;
            case Broadcast b: VisitExpr(b.Value); break;
            case Let l: VisitExpr(l.Value); VisitExpr(l.Body); break;
            default: throw new InvalidOperationException($"unknown expression node {e.GetType().Name}");
        }
    }

    public virtual void VisitVar(Var v) { }

    public virtual void VisitBufferLoad(BufferLoad l)
    {
        foreach (var i in l.Indices) VisitExpr(i);
    }

    public virtual void VisitStmt(Stmt s)
    {
        switch (s)
        {
            case BufferStore st: VisitBufferStore(st); break;
            case For f: VisitFor(f); break;
            case Block b: VisitBlock(b); break;
            case BlockRealize br: VisitBlockRealize(br); break;
            case SeqStmt q: foreach (var x in q.Stmts) VisitStmt(x); break;
            case IfThenElse i: VisitExpr(i.Condition); VisitStmt(i.Then); if (i.Else is not null) VisitStmt(i.Else); break;
            case LetStmt l: VisitExpr(l.Value); VisitStmt(l.Body); break;
            case Evaluate e: VisitExpr(e.Value); break;
            case Allocate a: VisitStmt(a.Body); break;
            default: throw new InvalidOperationException($"unknown statement node {s.GetType().Name}");
        }
    }

    public virtual void VisitBufferStore(BufferStore s)
    {
        VisitExpr(s.Value);
        foreach (var i in s.Indices) VisitExpr(i);
    }

    public virtual void VisitFor(For f)
    {
        VisitExpr(f.Min);
        VisitExpr(f.Extent);
        VisitStmt(f.Body);
    }

    public virtual void VisitBlock(Block b)
    {
        foreach (var iv in b.IterVars) { VisitExpr(iv.Dom.Min); VisitExpr(iv.Dom.Extent); }
        foreach (var r in b.Reads.Concat(b.Writes))
            foreach (var rg in r.Region) { VisitExpr(rg.Min); VisitExpr(rg.Extent); }
        if (b.Init is not null) VisitStmt(b.Init);
        VisitStmt(b.Body);
    }

    public virtual void VisitBlockRealize(BlockRealize r)
    {
        foreach (var v in r.IterValues) VisitExpr(v);
        VisitExpr(r.Predicate);
        VisitStmt(r.Block);
    }
}

/// <summary>Runs an action on every statement and expression node (pre-order).</summary>
public sealed class NodeWalker(Action<Stmt>? onStmt = null, Action<Expr>? onExpr = null) : IrVisitor
{
    public override void VisitStmt(Stmt s) { onStmt?.Invoke(s); base.VisitStmt(s); }
    public override void VisitExpr(Expr e) { onExpr?.Invoke(e); base.VisitExpr(e); }

    public static void Walk(Stmt s, Action<Stmt>? onStmt = null, Action<Expr>? onExpr = null) => new NodeWalker(onStmt, onExpr).VisitStmt(s);
}
