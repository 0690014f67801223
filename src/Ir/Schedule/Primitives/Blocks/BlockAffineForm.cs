using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>
/// Linear form of an index expression (c0 + Σ ci·atom; atoms are variables or non-affine subterms such as a
/// floordiv that does not fold), used by the block primitives to invert write indices (v + c, c·v + k) and to
/// combine bounds. Converting back goes through <see cref="Analyzer"/>, so results are in TVM's canonical form.
/// </summary>
internal sealed class BlockAffineForm
{
    private readonly List<(Expr Atom, long Coef)> _terms = [];

    public BlockAffineForm(DataType dtype, long constant = 0)
    {
        Dtype = dtype;
        Const = constant;
    }

    public DataType Dtype { get; }
    public long Const { get; private set; }
    public IReadOnlyList<(Expr Atom, long Coef)> Terms => _terms;
    public bool IsConst => _terms.Count == 0;

    public static BlockAffineForm Of(Expr e)
    {
        switch (e)
        {
            case IntImm c:
                return new BlockAffineForm(e.Dtype, c.Value);
            case Binary { Op: BinOp.Add } b:
                return Of(b.A).AddScaled(Of(b.B), 1);
            case Binary { Op: BinOp.Sub } b:
                return Of(b.A).AddScaled(Of(b.B), -1);
            case Binary { Op: BinOp.Mul } b:
            {
                var x = Of(b.A);
                var y = Of(b.B);
                if (y.IsConst) return x.Scale(y.Const);
                if (x.IsConst) return y.Scale(x.Const);
                return Atom(new Binary(BinOp.Mul, x.ToExpr(), y.ToExpr()));
            }
            case Binary { Op: BinOp.FloorDiv, B: IntImm { Value: > 0 } d } b:
            {
                var x = Of(b.A);
                if (x.IsConst) return new BlockAffineForm(e.Dtype, FloorDivL(x.Const, d.Value));
                if (x._terms.All(t => t.Coef % d.Value == 0) && x.Const % d.Value == 0) return x.Scale(1, d.Value);
                return Atom(new Binary(BinOp.FloorDiv, x.ToExpr(), d));
            }
            case Binary { Op: BinOp.FloorMod, B: IntImm { Value: > 0 } d } b:
            {
                var x = Of(b.A);
                if (x._terms.All(t => t.Coef % d.Value == 0))
                    return new BlockAffineForm(e.Dtype, FloorModL(x.Const, d.Value));
                return Atom(new Binary(BinOp.FloorMod, x.ToExpr(), d));
            }
            case Binary { Op: BinOp.Min or BinOp.Max } b:
            {
                var x = Of(b.A);
                var y = Of(b.B);
                var diff = x.Clone().AddScaled(y, -1);
                if (diff.IsConst) return (diff.Const <= 0) == (b.Op == BinOp.Min) ? x : y;
                return Atom(new Binary(b.Op, x.ToExpr(), y.ToExpr()));
            }
            default:
                return Atom(e);
        }
    }

    public static Expr Simplify(Expr e) => e.Dtype.IsIntegral && e.Dtype.IsScalar ? Of(e).ToExpr() : e;

    public static long FloorDivL(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
    public static long FloorModL(long a, long b) => a - FloorDivL(a, b) * b;

    private static BlockAffineForm Atom(Expr atom)
    {
        var f = new BlockAffineForm(atom.Dtype);
        f._terms.Add((atom, 1));
        return f;
    }

    public BlockAffineForm Clone()
    {
        var f = new BlockAffineForm(Dtype, Const);
        f._terms.AddRange(_terms);
        return f;
    }

    public BlockAffineForm AddScaled(BlockAffineForm other, long k)
    {
        var r = Clone();
        r.Const += k * other.Const;
        foreach (var (atom, coef) in other._terms)
        {
            int i = r._terms.FindIndex(t => t.Atom.Equals(atom));
            if (i < 0) r._terms.Add((atom, coef * k));
            else r._terms[i] = (atom, r._terms[i].Coef + coef * k);
        }
        r._terms.RemoveAll(t => t.Coef == 0);
        return r;
    }

    public BlockAffineForm AddConst(long c)
    {
        var r = Clone();
        r.Const += c;
        return r;
    }

    /// <summary>Multiplies by k, then divides exactly by div.</summary>
    public BlockAffineForm Scale(long k, long div = 1)
    {
        var r = new BlockAffineForm(Dtype, Const * k / div);
        if (k == 0) return r;
        foreach (var (atom, coef) in _terms) r._terms.Add((atom, coef * k / div));
        return r;
    }

    /// <summary>The form as an expression in the analyzer's canonical (TVM) order.</summary>
    public Expr ToExpr() => new Analyzer().Simplify(Build());

    /// <summary>Terms in first-appearance order, positive terms first when the leading one would be negative; constant last.</summary>
    private Expr Build()
    {
        Expr? acc = null;
        var ordered = _terms.Where(t => t.Coef > 0).Concat(_terms.Where(t => t.Coef < 0));
        foreach (var (atom, coef) in ordered)
        {
            long mag = Math.Abs(coef);
            Expr term = mag == 1 ? atom : new Binary(BinOp.Mul, atom, new IntImm(Dtype, mag));
            if (acc is null) acc = coef > 0 ? term : new Binary(BinOp.Mul, atom, new IntImm(Dtype, coef));
            else acc = new Binary(coef > 0 ? BinOp.Add : BinOp.Sub, acc, term);
        }
        if (acc is null) return new IntImm(Dtype, Const);
        if (Const > 0) return new Binary(BinOp.Add, acc, new IntImm(Dtype, Const));
        if (Const < 0) return new Binary(BinOp.Sub, acc, new IntImm(Dtype, -Const));
        return acc;
    }
}
