namespace Tuner.Ir.Analysis;

using static ConstIntBoundEvaluator;

/// <summary>
/// Division and remainder by a positive constant on linear forms. Every step is an exact identity of
/// floor semantics: floordiv(c·Q + R, c) = Q + floordiv(R, c), floormod(c·Q + R, c) = floormod(R, c),
/// floormod(floordiv(Y, a), c) = floordiv(floormod(Y, a·c), a) (TVM's split form: Y % (a·c) // a),
/// and with 0 ≤ S &lt; d, d | c: floordiv(d·B + S, c) = floordiv(B, c/d), floormod(d·B + S, c) = floormod(B, c/d)·d + S.
/// Truncating Div/Mod use the same rules once the dividend is provably non-negative.
/// </summary>
internal sealed partial class ExprSimplifier
{
    private LinearForm DivMod(BinOp op, LinearForm la, long c)
    {
        var t = la.Dtype;
        bool isDiv = op is BinOp.FloorDiv or BinOp.Div;
        bool trunc = op is BinOp.Div or BinOp.Mod;
        if (c == 0) return Atom(op, la, c);
        if (la.IsConst) return LinearForm.Constant(t, FoldInt(op, la.Const, c, t)!.Value);
        if (c == 1) return isDiv ? la : LinearForm.Constant(t, 0);
        if (c < 0 || (trunc && Bound(la).Min < 0)) return Atom(op, la, c);

        var q = new LinearForm(t);
        var r = new LinearForm(t);
        foreach (var (term, k) in la.Terms)
        {
            if (k % c == 0) q.AddTerm(term, k / c);
            else r.AddTerm(term, k);
        }
        q.Const = FloorDiv(la.Const, c);
        r.Const = FloorMod(la.Const, c);
        var rest = Residual(isDiv, r, c);
        if (rest is null)
        {
            // The atom always holds the reduced residual (constant in [0, c)), so that floordiv and floormod
            // of the same dividend share their argument and the split/fuse identity can recombine them.
            var floorOp = isDiv ? BinOp.FloorDiv : BinOp.FloorMod;
            rest = Atom(trunc && Bound(r).Min >= 0 ? op : floorOp, r, c);
        }
        return isDiv ? q.AddScaled(rest, 1) : rest;
    }

    /// <summary>floordiv(r, c) or floormod(r, c) for 0 ≤ r.Const &lt; c, or null when no rule applies.</summary>
    private LinearForm? Residual(bool isDiv, LinearForm r, long c)
    {
        var t = r.Dtype;
        if (r.IsConst) return LinearForm.Constant(t, isDiv ? 0 : r.Const);
        var (lo, hi) = Bound(r);
        if (lo != NegInf && hi != PosInf && FloorDiv(lo, c) == FloorDiv(hi, c))
        {
            long q = FloorDiv(lo, c);
            if (isDiv) return LinearForm.Constant(t, q);
            var m = r.Clone();
            m.Const -= q * c;
            return m;
        }

        // Nested: floordiv(floordiv(Y, a), c) = floordiv(Y, a·c); floormod(floormod(Y, a), c) = floormod(Y, c) when c | a.
        if (r is { Const: 0, Terms: [(Binary { A: var y, B: IntImm { Value: > 0 } a } inner, 1)] })
        {
            if (isDiv && inner.Op == BinOp.FloorDiv && a.Value <= long.MaxValue / c)
                return DivMod(BinOp.FloorDiv, ToLinear(y), a.Value * c);
            if (!isDiv && inner.Op == BinOp.FloorMod && a.Value % c == 0)
                return DivMod(BinOp.FloorMod, ToLinear(y), c);
            // floormod(floordiv(Y, a), c) = floordiv(floormod(Y, a·c), a): TVM's split form, remainder first.
            if (!isDiv && inner.Op == BinOp.FloorDiv && a.Value <= long.MaxValue / c)
                return DivMod(BinOp.FloorDiv, DivMod(BinOp.FloorMod, ToLinear(y), a.Value * c), a.Value);
        }

        // Peel a small part S with 0 ≤ S < d off a multiple of d, d | c.
        var ds = r.Terms.Select(x => (long)System.Numerics.BigInteger.GreatestCommonDivisor(Math.Abs(x.Coeff), c))
            .Where(d => d > 1).Distinct().OrderByDescending(d => d);
        foreach (long d in ds)
        {
            var b = new LinearForm(t);
            var s = new LinearForm(t);
            foreach (var (term, k) in r.Terms)
            {
                if (k % d == 0) b.AddTerm(term, k / d);
                else s.AddTerm(term, k);
            }
            b.Const = FloorDiv(r.Const, d);
            s.Const = FloorMod(r.Const, d);
            var (slo, shi) = Bound(s);
            if (slo < 0 || shi >= d) continue;
            var part = DivMod(isDiv ? BinOp.FloorDiv : BinOp.FloorMod, b, c / d);
            return isDiv ? part : part.Scaled(d).AddScaled(s, 1);
        }
        return null;
    }

    private LinearForm Atom(BinOp op, LinearForm a, long c) =>
        LinearForm.Of(new Binary(op, FromLinear(a), Const(a.Dtype, c)));
}
