namespace Tuner.Ir.Analysis;

/// <summary>
/// Σ coeff·term + constant over one signed integer dtype: the canonical form the simplifier computes in.
/// Terms are non-affine atoms (vars, div/mod atoms, products of non-constants, loads, calls); they merge
/// by value equality (vars by identity). Term order is order of first appearance.
/// </summary>
internal sealed class LinearForm(DataType dtype)
{
    public DataType Dtype { get; } = dtype;
    public List<(Expr Term, long Coeff)> Terms { get; } = new();
    public long Const { get; set; }
    public bool IsConst => Terms.Count == 0;

    public static LinearForm Constant(DataType t, long c) => new(t) { Const = c };

    public static LinearForm Of(Expr term, long coeff = 1)
    {
        var f = new LinearForm(term.Dtype);
        f.AddTerm(term, coeff);
        return f;
    }

    public void AddTerm(Expr term, long coeff)
    {
        if (coeff == 0) return;
        for (int i = 0; i < Terms.Count; i++)
        {
            if (!Terms[i].Term.Equals(term)) continue;
            long c = unchecked(Terms[i].Coeff + coeff);
            if (c == 0) Terms.RemoveAt(i); else Terms[i] = (Terms[i].Term, c);
            return;
        }
        Terms.Add((term, coeff));
    }

    public LinearForm AddScaled(LinearForm other, long scale)
    {
        foreach (var (t, c) in other.Terms) AddTerm(t, unchecked(c * scale));
        Const = unchecked(Const + other.Const * scale);
        return this;
    }

    public LinearForm Clone() => new LinearForm(Dtype).AddScaled(this, 1);
    public LinearForm Scaled(long k) => new LinearForm(Dtype).AddScaled(this, k);
}

internal sealed partial class ExprSimplifier
{
    /// <summary>Signed scalar integers are computed in linear form; other types only get folding.</summary>
    private static bool IsLinearType(DataType t) => t.IsInt && t.IsScalar;

    private static bool IsArith(BinOp op) =>
        op is BinOp.Add or BinOp.Sub or BinOp.Mul or BinOp.FloorDiv or BinOp.FloorMod or BinOp.Div or BinOp.Mod;

    /// <summary>The simplified linear form of a signed integer expression (for IterMap and region analysis).</summary>
    internal LinearForm Linear(Expr e) => ToLinear(e);

    /// <summary>The canonical expression of a linear form.</summary>
    internal static Expr Build(LinearForm f) => FromLinear(f);

    /// <summary>Converts an expression of a linear type to linear form, simplifying its atoms.</summary>
    private LinearForm ToLinear(Expr e)
    {
        switch (e)
        {
            case IntImm i:
                return LinearForm.Constant(e.Dtype, i.Value);
            case Var v when !analyzer.TryGetSubstitution(v, out _):
                return LinearForm.Of(v);
            case Binary { Op: BinOp.Add } b:
                return Recombine(ToLinear(b.A).AddScaled(ToLinear(b.B), 1));
            case Binary { Op: BinOp.Sub } b:
                return Recombine(ToLinear(b.A).AddScaled(ToLinear(b.B), -1));
            case Binary { Op: BinOp.Mul } b:
                {
                    var la = ToLinear(b.A);
                    var lb = ToLinear(b.B);
                    if (la.IsConst) return lb.Scaled(la.Const);
                    if (lb.IsConst) return la.Scaled(lb.Const);
                    return LinearForm.Of(new Binary(BinOp.Mul, FromLinear(la), FromLinear(lb)));
                }
            case Binary { Op: BinOp.FloorDiv or BinOp.FloorMod or BinOp.Div or BinOp.Mod } b:
                {
                    var la = ToLinear(b.A);
                    var lb = ToLinear(b.B);
                    if (lb.IsConst) return DivMod(b.Op, la, lb.Const);
                    if (la.IsConst && la.Const == 0) return la;
                    return LinearForm.Of(new Binary(b.Op, FromLinear(la), FromLinear(lb)));
                }
            default:
                {
                    var s = SimplifyNode(e);
                    if (s is IntImm c) return LinearForm.Constant(e.Dtype, c.Value);
                    if (s is Binary sb && IsArith(sb.Op) && IsLinearType(sb.Dtype)) return ToLinear(s);
                    return LinearForm.Of(s);
                }
        }
    }

    /// <summary>
    /// Merges split parts of one index back together (TVM's split merging):
    /// x // c · (m·c) + x % c · m = x · m, and x // c % u · (m·c) + x % c · m = x % (c·u) · m.
    /// The quotient is matched in the form the simplifier writes it (x // 6 for (x // 3) // 2).
    /// Truncating Div/Mod obey the first identity too.
    /// </summary>
    private LinearForm Recombine(LinearForm f)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < f.Terms.Count && !changed; i++)
            {
                if (f.Terms[i].Term is not Binary { Op: BinOp.FloorMod or BinOp.Mod, A: var x, B: IntImm { Value: > 1 } c } mod) continue;
                bool floor = mod.Op == BinOp.FloorMod;
                long m = f.Terms[i].Coeff, mc = unchecked(m * c.Value);
                if (!f.Terms.Any(t => t.Coeff == mc && !t.Term.Equals(mod))) continue;
                var q = DivMod(floor ? BinOp.FloorDiv : BinOp.Div, ToLinear(x), c.Value);
                if (q is not { Const: 0, Terms: [(var qt, 1)] }) continue;
                for (int j = 0; j < f.Terms.Count && !changed; j++)
                {
                    var p = f.Terms[j].Term;
                    if (j == i || f.Terms[j].Coeff != mc) continue;
                    LinearForm? merged = null;
                    if (p.Equals(qt)) merged = ToLinear(x);
                    else if (floor && p is Binary { Op: BinOp.FloorMod, A: var pa, B: IntImm { Value: > 0 } u }
                             && pa.Equals(qt) && u.Value <= long.MaxValue / c.Value)
                        merged = DivMod(BinOp.FloorMod, ToLinear(x), c.Value * u.Value);
                    if (merged is null) continue;
                    f.AddTerm(mod, -m);
                    f.AddTerm(p, -mc);
                    f.AddScaled(merged, m);
                    changed = true;
                }
            }
        }
        return f;
    }

    /// <summary>
    /// Builds the expression of a linear form in the order TVM's canonical simplifier prints: terms sorted by
    /// descending coefficient (ties keep first appearance); positive terms added, then a positive constant,
    /// then negative terms subtracted, then a negative constant ("i * 2 + 5 - j"; "0 - x" when all are negative).
    /// </summary>
    private static Expr FromLinear(LinearForm f)
    {
        var t = f.Dtype;
        var terms = f.Terms.Select((x, i) => (x.Term, x.Coeff, i))
            .OrderByDescending(x => x.Coeff).ThenBy(x => x.i).ToList();
        Expr Scaled(Expr term, long k) => k == 1 ? term : new Binary(BinOp.Mul, term, Const(t, k));
        Expr? res = null;
        foreach (var (term, k, _) in terms.Where(x => x.Coeff > 0))
            res = res is null ? Scaled(term, k) : new Binary(BinOp.Add, res, Scaled(term, k));
        long c = Wrap(f.Const, t);
        if (c > 0) res = res is null ? Const(t, c) : new Binary(BinOp.Add, res, Const(t, c));
        foreach (var (term, k, _) in terms.Where(x => x.Coeff < 0))
            res = new Binary(BinOp.Sub, res ?? Const(t, 0), Scaled(term, unchecked(-k)));
        if (c < 0) res = res is null ? Const(t, c) : new Binary(BinOp.Sub, res, Const(t, unchecked(-c)));
        return res ?? Const(t, 0);
    }

    /// <summary>Constant bounds of a linear form: Σ coeff·bound(term) + const, saturating.</summary>
    private (long Min, long Max) Bound(LinearForm f)
    {
        long lo = f.Const, hi = f.Const;
        foreach (var (term, k) in f.Terms)
        {
            var (a, b) = analyzer.ConstIntBound(term);
            var (p, q) = ConstIntBoundEvaluator.BinaryBound(BinOp.Mul, (a, b), (k, k));
            lo = ConstIntBoundEvaluator.Add(lo, p);
            hi = ConstIntBoundEvaluator.Add(hi, q);
        }
        var (tlo, thi) = ConstIntBoundEvaluator.TypeRange(f.Dtype);
        return (Math.Max(lo, tlo), Math.Min(hi, thi));
    }

    internal static IntImm Const(DataType t, long v) => new(t, Wrap(v, t));

    /// <summary>Wraps a value to the width of an integer dtype (two's complement), bools to 0/1.</summary>
    internal static long Wrap(long v, DataType t)
    {
        if (t.IsBool) return v != 0 ? 1 : 0;
        if (t.Bits >= 64 || !t.IsIntegral) return v;
        int s = 64 - t.Bits;
        return t.IsInt ? (v << s) >> s : v & ((1L << t.Bits) - 1);
    }
}
