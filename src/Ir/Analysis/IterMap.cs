namespace Tuner.Ir.Analysis;

/// <summary>Outcome of <see cref="IterMapDetector.Detect"/>: affine or not, and why not.</summary>
public sealed record IterMapResult(bool IsAffine, string? Error)
{
    public static readonly IterMapResult Affine = new(true, null);
    public static IterMapResult Fail(string why) => new(false, why);
}

/// <summary>
/// Quasi-affine binding check (what TVM's block "affine binding" means, after DetectIterMap at the
/// surjective level): every binding must be a sum of splits of loop iterators — a loop var times a
/// constant, or floordiv/floormod by constants of a fused iterator Σ vᵢ·sᵢ in mixed radix — the splits
/// inside one binding must compose without overlap (scale of each = scale of the next × its extent),
/// every loop var feeds at most one fused iterator, and the splits of one iterator, over all bindings,
/// must not overlap (so a var is used by at most one binding unless it is split between them).
/// Terms that use no loop var with extent &gt; 1 are constants.
/// </summary>
public static class IterMapDetector
{
    /// <summary>A slice [Lower, Lower·Extent) of the mixed-radix digits of a fused iterator, times Scale.</summary>
    private sealed record Split(Expr Source, IReadOnlyList<Var> Vars, long Lower, long Extent, long Scale);

    /// <summary>
    /// Checks block bindings against the ranges of the loop vars they may use.
    /// <paramref name="analyzer"/> may carry facts about other variables; loop ranges are bound on top of it.
    /// </summary>
    public static IterMapResult Detect(IReadOnlyList<Expr> bindings, IReadOnlyDictionary<Var, Range> loopRanges, Analyzer? analyzer = null)
    {
        var an = analyzer ?? new Analyzer();
        var scopes = loopRanges.Select(kv => an.ScopedBind(kv.Key, kv.Value)).ToList();
        try { return DetectBound(bindings, loopRanges, an); }
        finally { for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose(); }
    }

    private static IterMapResult DetectBound(IReadOnlyList<Expr> bindings, IReadOnlyDictionary<Var, Range> loopRanges, Analyzer an)
    {
        // Loops of extent 1 contribute nothing; their vars count as constants.
        var extents = new Dictionary<Var, long>();
        foreach (var (v, r) in loopRanges)
        {
            long ext = an.Simplify(r.Extent) is IntImm c ? c.Value : long.MaxValue;
            if (ext != 1) extents[v] = ext;
        }
        var simp = new ExprSimplifier(an);
        var all = new List<(Split S, int Binding)>();
        for (int b = 0; b < bindings.Count; b++)
        {
            if (!bindings[b].Dtype.IsInt) return IterMapResult.Fail($"binding {b} has non-integer type {bindings[b].Dtype}");
            var form = simp.Linear(an.Simplify(bindings[b]));
            var splits = new List<Split>();
            foreach (var (term, k) in form.Terms)
            {
                if (!ExprVars.Uses(term, extents.ContainsKey)) continue;
                if (k <= 0) return IterMapResult.Fail($"binding {b}: term {term} has non-positive scale {k}");
                var s = ParseSplit(term, extents, simp);
                if (s is null) return IterMapResult.Fail($"binding {b}: term {term} is not a split of a loop iterator");
                splits.Add(s with { Scale = k });
            }
            splits.Sort((x, y) => y.Scale.CompareTo(x.Scale));
            for (int i = 0; i + 1 < splits.Count; i++)
                if (splits[i].Scale != ConstIntBoundEvaluator.Mul(splits[i + 1].Scale, splits[i + 1].Extent))
                    return IterMapResult.Fail($"binding {b}: terms {splits[i].Source} and {splits[i + 1].Source} overlap or leave gaps");
            all.AddRange(splits.Select(s => (s, b)));
        }
        return CheckDisjoint(all);
    }

    private static IterMapResult CheckDisjoint(List<(Split S, int Binding)> all)
    {
        var owner = new Dictionary<Var, Expr>();
        foreach (var (s, _) in all)
            foreach (var v in s.Vars)
            {
                if (owner.TryGetValue(v, out var src) && !src.Equals(s.Source))
                    return IterMapResult.Fail($"loop var {v.Name} feeds two different iterators {src} and {s.Source}");
                owner[v] = s.Source;
            }
        foreach (var group in all.GroupBy(x => x.S.Source))
        {
            var parts = group.OrderBy(x => x.S.Lower).ToList();
            for (int i = 0; i + 1 < parts.Count; i++)
            {
                var (a, ba) = parts[i];
                var (c, bc) = parts[i + 1];
                if (c.Lower < ConstIntBoundEvaluator.Mul(a.Lower, a.Extent))
                    return IterMapResult.Fail($"iterator {a.Source} is used by bindings {ba} and {bc} with overlapping parts");
            }
        }
        return IterMapResult.Affine;
    }

    /// <summary>Reads a term as a split of a fused iterator: v, floordiv(Y, c), floormod(Y, c) and nests of them.</summary>
    private static Split? ParseSplit(Expr term, Dictionary<Var, long> extents, ExprSimplifier simp)
    {
        switch (term)
        {
            case Var v when extents.TryGetValue(v, out long ext):
                return new Split(v, [v], 1, ext, 1);
            case Binary { Op: BinOp.FloorDiv or BinOp.Div, B: IntImm { Value: > 0 } c } d:
                {
                    var y = ParseSource(d.A, extents, simp);
                    if (y is null || y.Extent == long.MaxValue) return null;
                    return y with { Lower = y.Lower * c.Value, Extent = (y.Extent + c.Value - 1) / c.Value };
                }
            case Binary { Op: BinOp.FloorMod or BinOp.Mod, B: IntImm { Value: > 0 } c } m:
                {
                    var y = ParseSource(m.A, extents, simp);
                    if (y is null || y.Extent == long.MaxValue) return null;
                    if (y.Extent <= c.Value) return y;
                    return y.Extent % c.Value == 0 ? y with { Extent = c.Value } : null;
                }
            default:
                return null;
        }
    }

    /// <summary>A dividend: a split itself, or a fused sum Σ vᵢ·sᵢ with sᵢ = sᵢ₊₁·extent(vᵢ₊₁) and last stride 1.</summary>
    private static Split? ParseSource(Expr y, Dictionary<Var, long> extents, ExprSimplifier simp)
    {
        if (ParseSplit(y, extents, simp) is { } s) return s;
        var form = simp.Linear(y);
        if (form.Const != 0 || form.Terms.Count == 0) return null;
        var terms = form.Terms.OrderByDescending(t => t.Coeff).ToList();
        var vars = new List<Var>();
        long stride = 1;
        for (int i = terms.Count - 1; i >= 0; i--)
        {
            if (terms[i].Term is not Var v || !extents.TryGetValue(v, out long ext) || ext == long.MaxValue) return null;
            if (terms[i].Coeff != stride) return null;
            vars.Add(v);
            stride = ConstIntBoundEvaluator.Mul(stride, ext);
        }
        vars.Reverse();
        return new Split(ExprSimplifier.Build(form), vars, 1, stride, 1);
    }
}
