namespace Tuner.Ir.Analysis;

/// <summary>Small queries about the variables an expression uses.</summary>
public static class ExprVars
{
    /// <summary>True when some variable of <paramref name="e"/> satisfies <paramref name="pred"/>.</summary>
    public static bool Uses(Expr e, Func<Var, bool> pred)
    {
        bool found = false;
        new NodeWalker(onExpr: x => { if (!found && x is Var v && pred(v)) found = true; }).VisitExpr(e);
        return found;
    }

    /// <summary>Every variable <paramref name="e"/> mentions (let-bound ones included).</summary>
    public static HashSet<Var> Collect(Expr e)
    {
        var set = new HashSet<Var>();
        new NodeWalker(onExpr: x => { if (x is Var v) set.Add(v); }).VisitExpr(e);
        return set;
    }
}
