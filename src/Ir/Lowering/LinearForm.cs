namespace Tuner.Ir.Lowering;

/// <summary>
/// An integer index as Σ coef·var + Σ coef·term + constant, where terms are non-affine sub-expressions
/// (floordiv, floormod, loads, ...) kept whole. Used to bound the region a loop nest touches.
/// </summary>
internal sealed class LinearForm
{
    public readonly Dictionary<Var, long> Vars = [];
    public readonly List<(Expr Term, long Coef)> Terms = [];
    public long Const;

    /// <summary>Decomposes an integer expression; never fails (anything non-affine becomes a term).</summary>
    public static LinearForm Of(Expr e)
    {
        var f = new LinearForm();
        f.Add(e, 1);
        return f;
    }

    private void Add(Expr e, long k)
    {
        switch (e)
        {
            case IntImm c: Const += k * c.Value; break;
            case Var v: Vars[v] = Vars.GetValueOrDefault(v) + k; break;
            case Binary { Op: BinOp.Add } b: Add(b.A, k); Add(b.B, k); break;
            case Binary { Op: BinOp.Sub } b: Add(b.A, k); Add(b.B, -k); break;
            case Binary { Op: BinOp.Mul, B: IntImm c } b: Add(b.A, k * c.Value); break;
            case Binary { Op: BinOp.Mul, A: IntImm c } b: Add(b.B, k * c.Value); break;
            case Cast { Type.IsIntegral: true, Value.Dtype.IsIntegral: true } c when c.Type.Bits >= c.Value.Dtype.Bits: Add(c.Value, k); break;
            default: Terms.Add((e, k)); break;
        }
    }

    /// <summary>True when some variable of <paramref name="inner"/> occurs inside a non-affine term.</summary>
    public bool TermsUse(IReadOnlySet<Var> inner)
    {
        foreach (var (t, _) in Terms)
        {
            bool uses = false;
            NodeWalker.Walk(new Evaluate(t), onExpr: x => uses |= x is Var v && inner.Contains(v));
            if (uses) return true;
        }
        return false;
    }
}
