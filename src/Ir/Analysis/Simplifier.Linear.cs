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

    /// <summary>A term read as TVM's split: Index % Upper // Lower (Upper = 0 for none), floor or truncating.</summary>
    private readonly record struct SplitTerm(Expr Index, long Lower, long Upper, bool Floor);

    private static SplitTerm AsSplit(Expr t) => t switch
    {
        Binary { Op: BinOp.FloorDiv, A: Binary { Op: BinOp.FloorMod, A: var x, B: IntImm { Value: > 0 } u }, B: IntImm { Value: > 0 } l }
            => new(x, l.Value, u.Value, true),
        Binary { Op: BinOp.FloorDiv or BinOp.Div, A: var x, B: IntImm { Value: > 0 } l } d => new(x, l.Value, 0, d.Op == BinOp.FloorDiv),
        Binary { Op: BinOp.FloorMod or BinOp.Mod, A: var x, B: IntImm { Value: > 0 } u } m => new(x, 1, u.Value, m.Op == BinOp.FloorMod),
        _ => new(t, 1, 0, true),
    };

    /// <summary>
    /// Merges adjacent split parts of one index (TVM's SplitExpr merging): with s1 = s2·k and L1 = k·L2 = U2,
    /// (x % U1 // L1)·s1 + (x % U2 // L2)·s2 = (x % U1 // L2)·s2. Special cases: x // c·c + x % c = x, and
    /// (z // 6)·6 + (z % 6 // 3)·3 = (z // 3)·3. Truncating Div/Mod merge only as the first special case.
    /// </summary>
    private LinearForm Recombine(LinearForm f)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < f.Terms.Count && !changed; i++)
            {
                var (lo, s2) = (AsSplit(f.Terms[i].Term), f.Terms[i].Coeff);
                if (lo.Upper == 0) continue;
                for (int j = 0; j < f.Terms.Count && !changed; j++)
                {
                    var (hi, s1) = (AsSplit(f.Terms[j].Term), f.Terms[j].Coeff);
                    if (j == i || hi.Lower != lo.Upper || s1 % s2 != 0 || hi.Lower != s1 / s2 * lo.Lower
                        || hi.Floor != lo.Floor || (hi.Upper != 0 && hi.Upper % hi.Lower != 0) || !hi.Index.Equals(lo.Index)) continue;
                    if (!lo.Floor && (lo.Lower != 1 || hi.Upper != 0)) continue;
                    var x = ToLinear(lo.Index);
                    var merged = hi.Upper == 0 ? x : DivMod(BinOp.FloorMod, x, hi.Upper);
                    if (lo.Lower != 1) merged = DivMod(BinOp.FloorDiv, merged, lo.Lower);
                    var (ti, tj) = (f.Terms[i].Term, f.Terms[j].Term);
                    f.AddTerm(ti, -s2);
                    f.AddTerm(tj, -s1);
                    f.AddScaled(merged, s2);
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
