using Tuner.Ir;

namespace Tuner.Actors.CostModel.Features;

/// <summary>
/// An index expression as constant + Σ coef·loopvar, for access-pattern features. Non-affine parts
/// (floordiv/floormod, products of vars) are approximated: floordiv by c scales the coefficients by 1/c,
/// floormod by c keeps them (its range is capped by the buffer extent later). Approximate on purpose: features only.
/// </summary>
internal sealed record AffineIndex(Dictionary<Var, double> Coefs, double Const)
{
    public static AffineIndex Of(Expr e)
    {
        switch (e)
        {
            case IntImm i: return new([], i.Value);
            case Var v: return new(new() { [v] = 1 }, 0);
            case Cast c: return Of(c.Value);
            case Binary { Op: BinOp.Add } b: return Combine(Of(b.A), Of(b.B), 1);
            case Binary { Op: BinOp.Sub } b: return Combine(Of(b.A), Of(b.B), -1);
            case Binary { Op: BinOp.Mul, B: IntImm k } b: return Of(b.A).Scale(k.Value);
            case Binary { Op: BinOp.Mul, A: IntImm k } b: return Of(b.B).Scale(k.Value);
            case Binary { Op: BinOp.FloorDiv or BinOp.Div, B: IntImm k } b when k.Value != 0: return Of(b.A).Scale(1.0 / k.Value);
            case Binary { Op: BinOp.FloorMod or BinOp.Mod, B: IntImm } b: return Of(b.A);
            default:
                // Unknown shape: every variable inside counts with coefficient 1.
                var vars = new Dictionary<Var, double>();
                NodeWalker.Walk(new Evaluate(e), onExpr: x => { if (x is Var v) vars[v] = 1; });
                return new(vars, 0);
        }
    }

    private AffineIndex Scale(double k) => new(Coefs.ToDictionary(kv => kv.Key, kv => kv.Value * k), Const * k);

    private static AffineIndex Combine(AffineIndex a, AffineIndex b, int sign)
    {
        var d = new Dictionary<Var, double>(a.Coefs);
        foreach (var (v, c) in b.Coefs) d[v] = d.GetValueOrDefault(v) + sign * c;
        return new(d, a.Const + sign * b.Const);
    }

    public double Coef(Var v) => Coefs.GetValueOrDefault(v);
}
