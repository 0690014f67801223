namespace Tuner.Ir.Schedule;

/// <summary>
/// Closed-form facts about affine indices over a loop nest, so that the checks which would otherwise enumerate the
/// nest (<see cref="DecomposeReductionPrimitive"/>'s repeated instances, <see cref="ProductionDensity"/>) can answer
/// the common case — tiled loops bound as Σ cᵢ·loopᵢ + outer terms — without visiting every iteration. Each method
/// answers true only when it proves the property; false means "not proven" and the caller enumerates.
/// A sum Σ cᵢ·xᵢ with xᵢ ∈ [0, eᵢ), sorted by |cᵢ|, is injective when every |cᵢ₊₁| exceeds the span Σⱼ≤ᵢ |cⱼ|(eⱼ − 1)
/// of the smaller terms, and takes every value of its range when |c₁| = 1 and every |cᵢ₊₁| ≤ span + 1.
/// </summary>
internal static class AffineNest
{
    /// <summary>An index as loop-var terms over the free loops plus the rest (outer vars and constant); null when not affine in them.</summary>
    private sealed record Split(List<(For Loop, long Coef)> Free, BlockAffineForm Form);

    private static Split? Decompose(Expr index, IReadOnlyDictionary<Var, For> free)
    {
        var form = BlockAffineForm.Of(index);
        var terms = new List<(For, long)>();
        foreach (var (atom, coef) in form.Terms)
        {
            if (atom is Var v)
            {
                if (free.TryGetValue(v, out var loop)) terms.Add((loop, coef));
            }
            // A non-affine atom is allowed over outer loops only, e.g. (fused outer loop) // 8.
            else if (BlockScopeQueries.VarsOf(atom).Any(free.ContainsKey)) return null;
        }
        return new Split(terms, form);
    }

    private static long Extent(For l) => ((IntImm)l.Extent).Value;

    /// <summary>Marks the index's free loops (extent &gt; 1) as owned; false when one is owned by an earlier index already.</summary>
    private static bool Claim(Split split, HashSet<Var> owner) =>
        split.Free.Where(t => Extent(t.Loop) > 1).All(t => owner.Add(t.Loop.LoopVar));

    /// <summary>True when the terms are proven injective (mixed radix); <paramref name="dense"/> says they also fill their range.</summary>
    private static bool MixedRadix(List<(For Loop, long Coef)> terms, out bool dense)
    {
        long span = 0;
        dense = true;
        foreach (var (loop, coef) in terms.Where(t => Extent(t.Loop) > 1).OrderBy(t => Math.Abs(t.Coef)))
        {
            long c = Math.Abs(coef);
            if (c <= span) return false;
            if (c > span + 1) dense = false;
            span += c * (Extent(loop) - 1);
        }
        return true;
    }

    /// <summary>
    /// Proves that <paramref name="values"/> (block bindings) take distinct value tuples on every iteration of the
    /// <paramref name="free"/> loops (constant extents): each free loop of extent &gt; 1 appears, affinely, in exactly
    /// one binding, and each binding is injective in its free loops. A predicate can only remove instances.
    /// </summary>
    public static bool ProvenDistinct(IReadOnlyList<Expr> values, IReadOnlyList<For> free)
    {
        if (free.Any(l => l.Extent is not IntImm)) return false;
        var byVar = free.ToDictionary(l => l.LoopVar);
        var owner = new HashSet<Var>();
        foreach (var v in values)
        {
            if (!v.Dtype.IsIntegral) return false;
            if (Decompose(v, byVar) is not { } split || !MixedRadix(split.Free, out _) || !Claim(split, owner)) return false;
        }
        return free.All(l => Extent(l) <= 1 || owner.Contains(l.LoopVar));
    }

    /// <summary>
    /// Proves that, for any values of the loops outside <paramref name="free"/>, the point indices
    /// <paramref name="indices"/> written on every iteration of the free loops cover the box
    /// [<paramref name="boxMin"/>, <paramref name="boxMin"/> + <paramref name="boxExtent"/>) (one per dimension):
    /// each index is a dense mixed-radix sum of its free loops (no free loop shared by two dimensions) and the box
    /// lies within the index's range.
    /// </summary>
    public static bool ProvenCovers(IReadOnlyList<Expr> indices, IReadOnlyList<For> free, IReadOnlyList<Expr> boxMin, IReadOnlyList<Expr> boxExtent)
    {
        if (free.Any(l => l.Extent is not IntImm || l.Min is not IntImm)) return false;
        var byVar = free.ToDictionary(l => l.LoopVar);
        var owner = new HashSet<Var>();
        for (int d = 0; d < indices.Count; d++)
        {
            if (Decompose(indices[d], byVar) is not { } split || !MixedRadix(split.Free, out bool dense) || !dense || !Claim(split, owner)) return false;
            // The index's lowest and highest values: each free loop at the end its coefficient's sign picks.
            var lo = split.Form.Clone();
            var hi = split.Form.Clone();
            foreach (var (loop, coef) in split.Free)
            {
                var zero = BlockAffineForm.Of(loop.LoopVar);
                long min = ((IntImm)loop.Min).Value, max = min + Extent(loop) - 1;
                lo = lo.AddScaled(zero, -coef).AddConst(coef * (coef > 0 ? min : max));
                hi = hi.AddScaled(zero, -coef).AddConst(coef * (coef > 0 ? max : min));
            }
            var bMin = BlockAffineForm.Of(boxMin[d]);
            var bMax = BlockAffineForm.Of(boxMin[d]).AddScaled(BlockAffineForm.Of(boxExtent[d]), 1).AddConst(-1);
            var below = bMin.AddScaled(lo, -1);
            var above = hi.AddScaled(bMax, -1);
            if (!below.IsConst || below.Const < 0 || !above.IsConst || above.Const < 0) return false;
        }
        return true;
    }
}
