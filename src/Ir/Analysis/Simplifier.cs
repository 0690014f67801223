namespace Tuner.Ir.Analysis;

/// <summary>
/// Entry points of the arithmetic simplifier. <see cref="Simplify(Expr)"/> uses no facts beyond the
/// expression; <see cref="Simplify(Stmt)"/> simplifies every expression of a statement knowing the ranges
/// of enclosing For loops and block iter var domains. Statements themselves are kept (nothing is dropped).
/// </summary>
public static class Simplifier
{
    /// <summary>Simplifies an expression with no variable bindings.</summary>
    public static Expr Simplify(Expr e) => new Analyzer().Simplify(e);

    /// <summary>Simplifies every expression of a statement using loop ranges and block iter domains.</summary>
    public static Stmt Simplify(Stmt s) => new StmtSimplifier(new Analyzer()).VisitStmt(s);

    /// <summary>Simplifies a statement with extra facts (e.g. bindings of enclosing loops).</summary>
    public static Stmt Simplify(Stmt s, Analyzer analyzer) => new StmtSimplifier(analyzer).VisitStmt(s);

    /// <summary>Simplifies the body of a function, keeping everything else.</summary>
    public static PrimFunc Simplify(PrimFunc f)
    {
        var body = Simplify(f.Body);
        return ReferenceEquals(body, f.Body) ? f : f with { Body = body };
    }
}

/// <summary>Rewrites each expression through the analyzer, binding loop vars and iter vars on the way down.</summary>
internal sealed class StmtSimplifier(Analyzer analyzer) : IrRewriter
{
    public override Expr VisitExpr(Expr e)
    {
        var s = analyzer.Simplify(e);
        return s.Equals(e) ? e : s;
    }

    public override Stmt VisitFor(For f)
    {
        var min = VisitExpr(f.Min);
        var ext = VisitExpr(f.Extent);
        Stmt body;
        using (analyzer.ScopedBind(f.LoopVar, new Range(min, ext)))
            body = VisitStmt(f.Body);
        return ReferenceEquals(min, f.Min) && ReferenceEquals(ext, f.Extent) && ReferenceEquals(body, f.Body)
            ? f : f with { Min = min, Extent = ext, Body = body };
    }

    public override Stmt VisitBlock(Block b)
    {
        var scopes = b.IterVars.Select(iv => analyzer.ScopedBind(iv.Var, iv.Dom)).ToList();
        try { return base.VisitBlock(b); }
        finally { for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose(); }
    }

    public override Stmt VisitLetStmt(LetStmt l)
    {
        var v = VisitExpr(l.Value);
        Stmt body;
        using (ExprSimplifier.BindLetBound(analyzer, l.Var, v))
            body = VisitStmt(l.Body);
        return ReferenceEquals(v, l.Value) && ReferenceEquals(body, l.Body) ? l : l with { Value = v, Body = body };
    }
}

/// <summary>The simplifier proper; partial files hold linear form, div/mod, comparisons and folding.</summary>
internal sealed partial class ExprSimplifier(Analyzer analyzer)
{
    private readonly HashSet<Var> _substituting = new();
    // Results by node identity (outputs map to themselves): comparisons and min/max re-read their simplified
    // operands in linear form, which without the memo re-simplifies whole subtrees at every nesting level.
    private readonly Dictionary<Expr, Expr> _memo = new(ReferenceEqualityComparer.Instance);

    public Expr Simplify(Expr e) => Memo(e, x =>
        x is Binary b && IsArith(b.Op) && IsLinearType(b.Dtype) ? FromLinear(ToLinear(x)) : SimplifyCore(x));

    /// <summary>Simplifies one node whose children may need simplification; arithmetic goes through linear form.</summary>
    private Expr SimplifyNode(Expr e) => Memo(e, SimplifyCore);

    private Expr Memo(Expr e, Func<Expr, Expr> f)
    {
        if (e is IntImm or FloatImm or StringImm) return e;
        if (_memo.TryGetValue(e, out var r)) return r;
        r = f(e);
        _memo[e] = r;
        _memo.TryAdd(r, r);
        return r;
    }

    private Expr SimplifyCore(Expr e)
    {
        switch (e)
        {
            case IntImm or FloatImm or StringImm:
                return e;
            case Var v:
                if (!analyzer.TryGetSubstitution(v, out var value) || !_substituting.Add(v)) return v;
                try { return Simplify(value); }
                finally { _substituting.Remove(v); }
            case Binary b when IsArith(b.Op) && IsLinearType(b.Dtype):
                return FromLinear(ToLinear(b));
            case Binary b:
                return SimplifyBinary(b);
            case Cast c:
                {
                    var v = Simplify(c.Value);
                    if (v.Dtype == c.Type) return v;
                    return FoldCast(c.Type, v) ?? (ReferenceEquals(v, c.Value) ? c : new Cast(c.Type, v));
                }
            case Not n:
                return SimplifyNot(Simplify(n.Value), n);
            case Select s:
                {
                    var cond = Simplify(s.Condition);
                    if (cond is IntImm ci) return Simplify(ci.Value != 0 ? s.TrueValue : s.FalseValue);
                    var t = Simplify(s.TrueValue);
                    var f = Simplify(s.FalseValue);
                    return t.Equals(f) ? t : new Select(cond, t, f);
                }
            case BufferLoad l:
                {
                    var idx = SimplifyAll(l.Indices);
                    return idx == l.Indices ? l : new BufferLoad(l.Buffer, idx);
                }
            case Call { Op: "if_then_else", Args.Count: 3 } c:
                {
                    var cond = Simplify(c.Args[0]);
                    if (cond is IntImm ci) return Simplify(ci.Value != 0 ? c.Args[1] : c.Args[2]);
                    return c with { Args = [cond, Simplify(c.Args[1]), Simplify(c.Args[2])] };
                }
            case Call c:
                {
                    var args = SimplifyAll(c.Args);
                    return args == c.Args ? c : c with { Args = args };
                }
            case Ramp r:
                return new Ramp(Simplify(r.Base), Simplify(r.Stride), r.Lanes);
            case Broadcast br:
                return new Broadcast(Simplify(br.Value), br.Lanes);
            case Let l:
                {
                    var v = Simplify(l.Value);
                    // Facts change inside the let: memoized results from outside may not hold there, nor back.
                    _memo.Clear();
                    try
                    {
                        if (v is IntImm or Var)
                        {
                            using (analyzer.ScopedBind(l.Var, v)) return Simplify(l.Body);
                        }
                        using (BindLetBound(analyzer, l.Var, v)) return new Let(l.Var, v, Simplify(l.Body));
                    }
                    finally { _memo.Clear(); }
                }
            default:
                return e;
        }
    }

    private Seq<Expr> SimplifyAll(Seq<Expr> xs)
    {
        var ys = xs.Map(Simplify);
        return ys == xs ? xs : ys;
    }

    /// <summary>While a let body is simplified, its variable is known to lie within the value's constant bounds.</summary>
    internal static IDisposable BindLetBound(Analyzer analyzer, Var v, Expr value)
    {
        var (lo, hi) = value.Dtype.IsIntegral ? analyzer.ConstIntBound(value) : (NegInf, PosInf);
        if (lo == NegInf || hi == PosInf || hi - lo < 0 || hi - lo == long.MaxValue) return analyzer.ScopedUnbind(v);
        return analyzer.ScopedBind(v, new Range(Const(v.Type, lo), Const(v.Type, hi - lo + 1)));
    }

    private const long NegInf = ConstIntBoundEvaluator.NegInf, PosInf = ConstIntBoundEvaluator.PosInf;
}
