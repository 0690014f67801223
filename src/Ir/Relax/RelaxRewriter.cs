namespace Tuner.Ir.Relax;

/// <summary>Rebuilds a Relax expression bottom-up; override <see cref="VisitVar"/> (or Visit) to change nodes.</summary>
public abstract class RelaxRewriter
{
    public virtual RExpr Visit(RExpr e) => e switch
    {
        RVar v => VisitVar(v),
        RTuple t => new RTuple(t.Fields.Map(Visit)),
        TupleGetItem g => g with { Tuple = Visit(g.Tuple) },
        RCall c => c with { Args = c.Args.Map(Visit) },
        _ => e,
    };

    public virtual RExpr VisitVar(RVar v) => v;
}

/// <summary>Replaces variables by others (identity keys).</summary>
public sealed class RelaxVarSubstituter(IReadOnlyDictionary<RVar, RVar> map) : RelaxRewriter
{
    public override RExpr VisitVar(RVar v) => map.TryGetValue(v, out var w) ? w : v;
}
