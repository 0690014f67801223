using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>Inclusive symbolic bounds [Min, Max] of an integer expression.</summary>
internal readonly record struct SymBound(Expr Min, Expr Max);

/// <summary>
/// Region arithmetic for the block primitives, over Tuner.Ir.Analysis: the bounds of an index expression when some
/// variables sweep given ranges and the others stay symbolic (<see cref="RegionAnalysis"/>), proofs under loop ranges
/// (<see cref="Analyzer"/>), and unions.
/// </summary>
internal static class BlockRegionBounds
{
    /// <summary>Sound bounds of <paramref name="e"/> while the variables of <paramref name="relax"/> sweep their ranges (null never; kept nullable for callers that fall back to whole dimensions).</summary>
    public static SymBound? Eval(Expr e, IReadOnlyDictionary<Var, Range> relax)
    {
        var r = RegionAnalysis.EvalRange(e, relax);
        return new SymBound(r.Min, BlockAffineForm.Simplify(r.Min + r.Extent - 1));
    }

    /// <summary>True when a ≤ b holds for every value of the variables in <paramref name="ranges"/>.</summary>
    public static bool CanProveLE(Expr a, Expr b, IReadOnlyDictionary<Var, Range> ranges)
    {
        var an = new Analyzer();
        foreach (var (v, r) in ranges) an.Bind(v, r);
        return an.CanProve(new Binary(BinOp.LE, a, b));
    }

    /// <summary>Union of two bounds: the smaller min and the larger max (symbolic min/max when the order is unknown).</summary>
    public static SymBound Union(SymBound a, SymBound b) =>
        new(BlockAffineForm.Simplify(E.Min(a.Min, b.Min)), BlockAffineForm.Simplify(E.Max(a.Max, b.Max)));
}
