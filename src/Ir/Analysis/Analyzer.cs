namespace Tuner.Ir.Analysis;

/// <summary>
/// Arithmetic analyzer for integer index expressions (TVM's arith::Analyzer): variables are bound to
/// ranges (loop and block iter domains) or to expressions (substitution); on top of those facts it
/// gives constant bounds, simplifies expressions to a canonical affine form and proves conditions.
/// Integer semantics are exact: FloorDiv/FloorMod round toward -inf, Div/Mod truncate; dtypes are kept.
/// Not thread-safe: use one analyzer per thread (they are cheap).
/// </summary>
public sealed class Analyzer
{
    private readonly Dictionary<Var, Range> _ranges = new();
    private readonly Dictionary<Var, Expr> _subst = new();

    /// <summary>Declares that <paramref name="v"/> takes values in [Min, Min + Extent). Replaces an earlier binding of v.</summary>
    public void Bind(Var v, Range range)
    {
        _subst.Remove(v);
        _ranges[v] = range;
    }

    /// <summary>Declares that <paramref name="v"/> equals <paramref name="value"/>; Simplify substitutes it.</summary>
    public void Bind(Var v, Expr value)
    {
        _ranges.Remove(v);
        _subst[v] = value;
    }

    /// <summary>Binds v to [min, min + extent) with constants of v's dtype.</summary>
    public void Bind(Var v, long min, long extent) =>
        Bind(v, new Range(new IntImm(v.Type, min), new IntImm(v.Type, extent)));

    /// <summary>Forgets any binding of <paramref name="v"/>.</summary>
    public void Unbind(Var v)
    {
        _ranges.Remove(v);
        _subst.Remove(v);
    }

    /// <summary>Binds v to a range until the returned scope is disposed; the previous binding comes back.</summary>
    public IDisposable ScopedBind(Var v, Range range)
    {
        var restore = Snapshot(v);
        Bind(v, range);
        return restore;
    }

    /// <summary>Binds v to a value until the returned scope is disposed; the previous binding comes back.</summary>
    public IDisposable ScopedBind(Var v, Expr value)
    {
        var restore = Snapshot(v);
        Bind(v, value);
        return restore;
    }

    /// <summary>Forgets v's binding until the returned scope is disposed (a shadowing definition).</summary>
    public IDisposable ScopedUnbind(Var v)
    {
        var restore = Snapshot(v);
        Unbind(v);
        return restore;
    }

    private Restore Snapshot(Var v) =>
        new(this, v, _ranges.TryGetValue(v, out var r) ? r : null, _subst.TryGetValue(v, out var e) ? e : null);

    private sealed class Restore(Analyzer a, Var v, Range? range, Expr? value) : IDisposable
    {
        public void Dispose()
        {
            a.Unbind(v);
            if (range is not null) a._ranges[v] = range;
            if (value is not null) a._subst[v] = value;
        }
    }

    internal bool TryGetRange(Var v, out Range range) => _ranges.TryGetValue(v, out range!);
    internal bool TryGetSubstitution(Var v, out Expr value) => _subst.TryGetValue(v, out value!);

    /// <summary>The range bound to <paramref name="v"/>, or null.</summary>
    public Range? RangeOf(Var v) => _ranges.TryGetValue(v, out var r) ? r : null;

    /// <summary>
    /// Sound constant bounds of an integer expression under the current bindings;
    /// long.MinValue / long.MaxValue mean unbounded below / above.
    /// </summary>
    public (long Min, long Max) ConstIntBound(Expr e) => new ConstIntBoundEvaluator(this).Eval(e);

    /// <summary>Simplifies an expression: constant folding, canonical affine form, div/mod by constants, bounds-based pruning.</summary>
    public Expr Simplify(Expr e) => new ExprSimplifier(this).Simplify(e);

    /// <summary>True when <paramref name="condition"/> holds for every value the bound variables can take.</summary>
    public bool CanProve(Expr condition) => Simplify(condition) is IntImm { Value: not 0 };

    /// <summary>True when a and b are provably equal.</summary>
    public bool CanProveEqual(Expr a, Expr b) => CanProve(new Binary(BinOp.EQ, a, b));

    /// <summary>True when e ≥ value is provable.</summary>
    public bool CanProveGreaterEqual(Expr e, long value) => ConstIntBound(e).Min >= value || CanProve(new Binary(BinOp.GE, e, new IntImm(e.Dtype, value)));

    /// <summary>True when e &lt; value is provable.</summary>
    public bool CanProveLess(Expr e, long value) => ConstIntBound(e).Max < value || CanProve(new Binary(BinOp.LT, e, new IntImm(e.Dtype, value)));
}
