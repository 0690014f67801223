namespace Tuner.Ir.Analysis;

/// <summary>
/// Region arithmetic for schedule primitives (ComputeAt, ReverseComputeAt, CacheRead/Write): the range an
/// index expression covers while some variables sweep their ranges, and unions of ranges. Results are
/// symbolic in the variables that do not sweep (e.g. an outer loop var), simplified to canonical form.
/// Bounds are sound (they may over-approximate, e.g. a floormod whose argument spans several periods).
/// </summary>
public static class RegionAnalysis
{
    /// <summary>Inclusive symbolic interval [Lo, Hi].</summary>
    private readonly record struct Interval(Expr Lo, Expr Hi);

    /// <summary>
    /// The range [Min, Min + Extent) of values <paramref name="e"/> takes when each variable of
    /// <paramref name="dom"/> ranges over its range; other variables stay symbolic (facts about them may
    /// be given through <paramref name="analyzer"/>).
    /// </summary>
    public static Range EvalRange(Expr e, IReadOnlyDictionary<Var, Range> dom, Analyzer? analyzer = null)
    {
        var an = analyzer ?? new Analyzer();
        var iv = Eval(e, dom, an);
        return ToRange(iv, an);
    }

    /// <summary>The range covered by [r.Min, r.Min + r.Extent) when the variables of dom sweep their ranges.</summary>
    public static Range EvalRange(Range r, IReadOnlyDictionary<Var, Range> dom, Analyzer? analyzer = null)
    {
        var an = analyzer ?? new Analyzer();
        var lo = Eval(r.Min, dom, an).Lo;
        var last = new Binary(BinOp.Sub, new Binary(BinOp.Add, r.Min, r.Extent), new IntImm(r.Extent.Dtype, 1));
        var hi = Eval(last, dom, an).Hi;
        return ToRange(new Interval(lo, hi), an);
    }

    /// <summary>Each dimension of a region evaluated with <see cref="EvalRange(Range, IReadOnlyDictionary{Var, Range}, Analyzer?)"/>.</summary>
    public static Seq<Range> EvalRegion(Seq<Range> region, IReadOnlyDictionary<Var, Range> dom, Analyzer? analyzer = null)
    {
        var an = analyzer ?? new Analyzer();
        return region.Map(r => EvalRange(r, dom, an));
    }

    /// <summary>The point region of buffer indices (each index a range of extent 1) evaluated over dom.</summary>
    public static Seq<Range> EvalIndices(Seq<Expr> indices, IReadOnlyDictionary<Var, Range> dom, Analyzer? analyzer = null)
    {
        var an = analyzer ?? new Analyzer();
        return indices.Map(i => EvalRange(i, dom, an));
    }

    /// <summary>The smallest range covering all <paramref name="ranges"/> (min of mins, max of ends), simplified.</summary>
    public static Range Union(params Range[] ranges) => Union(ranges, null);

    /// <summary>The smallest range covering all ranges, with facts from <paramref name="analyzer"/>.</summary>
    public static Range Union(IEnumerable<Range> ranges, Analyzer? analyzer)
    {
        var an = analyzer ?? new Analyzer();
        Expr? lo = null, end = null;
        foreach (var r in ranges)
        {
            var e = new Binary(BinOp.Add, r.Min, r.Extent);
            lo = lo is null ? r.Min : an.Simplify(new Binary(BinOp.Min, lo, r.Min));
            end = end is null ? e : an.Simplify(new Binary(BinOp.Max, end, e));
        }
        if (lo is null || end is null) throw new ArgumentException("Union needs at least one range");
        return new Range(an.Simplify(lo), an.Simplify(new Binary(BinOp.Sub, end, lo)));
    }

    /// <summary>Dimension-wise union of regions of the same rank.</summary>
    public static Seq<Range> UnionRegions(IEnumerable<Seq<Range>> regions, Analyzer? analyzer = null)
    {
        var list = regions.ToList();
        if (list.Count == 0) throw new ArgumentException("UnionRegions needs at least one region");
        int rank = list[0].Count;
        if (list.Any(r => r.Count != rank)) throw new ArgumentException("regions of different rank");
        return Enumerable.Range(0, rank).Select(d => Union(list.Select(r => r[d]), analyzer)).ToSeq();
    }

    private static Range ToRange(Interval iv, Analyzer an)
    {
        var min = an.Simplify(iv.Lo);
        var ext = an.Simplify(new Binary(BinOp.Add, new Binary(BinOp.Sub, iv.Hi, iv.Lo), new IntImm(iv.Lo.Dtype, 1)));
        return new Range(min, ext);
    }

    private static Interval Eval(Expr e, IReadOnlyDictionary<Var, Range> dom, Analyzer an)
    {
        var t = e.Dtype;
        if (!ExprVars.Uses(e, dom.ContainsKey)) return new Interval(e, e);
        if (!t.IsInt || !t.IsScalar) return Fallback(e, dom, an);
        var form = new ExprSimplifier(an).Linear(an.Simplify(e));
        Expr lo = new IntImm(t, form.Const), hi = lo;
        foreach (var (term, k) in form.Terms)
        {
            var iv = Term(term, dom, an);
            var c = new IntImm(t, k);
            var (a, b) = k > 0 ? (iv.Lo, iv.Hi) : (iv.Hi, iv.Lo);
            lo = new Binary(BinOp.Add, lo, new Binary(BinOp.Mul, a, c));
            hi = new Binary(BinOp.Add, hi, new Binary(BinOp.Mul, b, c));
        }
        return new Interval(an.Simplify(lo), an.Simplify(hi));
    }

    private static Interval Term(Expr term, IReadOnlyDictionary<Var, Range> dom, Analyzer an)
    {
        var t = term.Dtype;
        if (!ExprVars.Uses(term, dom.ContainsKey)) return new Interval(term, term);
        switch (term)
        {
            case Var v when dom.TryGetValue(v, out var r):
                return new Interval(r.Min, an.Simplify(new Binary(BinOp.Sub, new Binary(BinOp.Add, r.Min, r.Extent), new IntImm(t, 1))));
            case Binary { Op: BinOp.FloorDiv, B: IntImm { Value: > 0 } c } d:
                {
                    var y = Eval(d.A, dom, an);
                    return new Interval(an.Simplify(new Binary(BinOp.FloorDiv, y.Lo, c)), an.Simplify(new Binary(BinOp.FloorDiv, y.Hi, c)));
                }
            case Binary { Op: BinOp.FloorMod, B: IntImm { Value: > 0 } c } m:
                {
                    var y = Eval(m.A, dom, an);
                    // Inside one period the remainder is monotone; otherwise it can be anything in [0, c).
                    if (an.CanProveEqual(new Binary(BinOp.FloorDiv, y.Lo, c), new Binary(BinOp.FloorDiv, y.Hi, c)))
                        return new Interval(an.Simplify(new Binary(BinOp.FloorMod, y.Lo, c)), an.Simplify(new Binary(BinOp.FloorMod, y.Hi, c)));
                    return new Interval(new IntImm(t, 0), new IntImm(t, c.Value - 1));
                }
            case Binary { Op: BinOp.Min or BinOp.Max } mm:
                {
                    var a = Eval(mm.A, dom, an);
                    var b = Eval(mm.B, dom, an);
                    return new Interval(an.Simplify(new Binary(mm.Op, a.Lo, b.Lo)), an.Simplify(new Binary(mm.Op, a.Hi, b.Hi)));
                }
            default:
                return Fallback(term, dom, an);
        }
    }

    /// <summary>Constant bounds of a term with the dom vars bound to their ranges (sound, possibly loose).</summary>
    private static Interval Fallback(Expr e, IReadOnlyDictionary<Var, Range> dom, Analyzer an)
    {
        var scopes = dom.Select(kv => an.ScopedBind(kv.Key, kv.Value)).ToList();
        try
        {
            var (lo, hi) = an.ConstIntBound(e);
            return new Interval(new IntImm(e.Dtype, lo), new IntImm(e.Dtype, hi));
        }
        finally { for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose(); }
    }
}
