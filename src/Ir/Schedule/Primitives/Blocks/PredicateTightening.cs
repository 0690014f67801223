namespace Tuner.Ir.Schedule;

/// <summary>
/// Narrows the ranges of relaxed loops with a block predicate, so that a region relaxed over them does not include
/// instances the predicate skips (TVM's region estimate reads the predicate through its iter-map analysis; this
/// covers the conjuncts a split leaves: Σ cᵢ·loopᵢ + k &lt; n with cᵢ &gt; 0). Sound: a range only shrinks to values
/// some instance may still take.
/// </summary>
internal static class PredicateTightening
{
    /// <summary><paramref name="relax"/> with each range narrowed; <paramref name="all"/> bounds every loop the predicate may use.</summary>
    public static Dictionary<Var, Range> Apply(Expr predicate, Dictionary<Var, Range> relax, IReadOnlyDictionary<Var, Range> all)
    {
        foreach (var c in Conjuncts(predicate))
        {
            if (c is not Binary { Op: BinOp.LT or BinOp.LE } cmp) continue;
            // a < b  ⇔  a - b + 1 ≤ 0 ;  a ≤ b  ⇔  a - b ≤ 0
            var form = BlockAffineForm.Of(cmp.A).AddScaled(BlockAffineForm.Of(cmp.B), -1).AddConst(cmp.Op == BinOp.LT ? 1 : 0);
            if (form.Terms.Any(t => t.Atom is not Var v || t.Coef <= 0 || !all.ContainsKey(v) || all[v].Min is not IntImm)) continue;
            long minSum = form.Const + form.Terms.Sum(t => t.Coef * ((IntImm)all[(Var)t.Atom].Min).Value);
            foreach (var (atom, coef) in form.Terms)
            {
                var v = (Var)atom;
                if (!relax.TryGetValue(v, out var r) || r.Min is not IntImm lo || r.Extent is not IntImm ext) continue;
                // coef·v ≤ coef·min(v) - minSum
                long max = BlockAffineForm.FloorDivL(coef * ((IntImm)all[v].Min).Value - minSum, coef);
                long newExt = Math.Max(1, Math.Min(ext.Value, max - lo.Value + 1));
                if (newExt < ext.Value) relax[v] = new Range(lo, new IntImm(ext.Dtype, newExt));
            }
        }
        return relax;
    }

    private static IEnumerable<Expr> Conjuncts(Expr e) =>
        e is Binary { Op: BinOp.And } a ? Conjuncts(a.A).Concat(Conjuncts(a.B)) : [e];
}
