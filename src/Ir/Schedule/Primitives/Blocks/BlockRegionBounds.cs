namespace Tuner.Ir.Schedule;

/// <summary>Inclusive symbolic bounds [Min, Max] of an integer expression.</summary>
internal readonly record struct SymBound(Expr Min, Expr Max);

/// <summary>
/// Interim interval evaluator for the block primitives (to be replaced by Tuner.Ir.Analysis' RegionAnalysis):
/// the bounds of an index expression when some variables range over given ranges and the others stay symbolic.
/// Exact for affine expressions; floordiv/floormod by positive constants, min and max are handled monotonically;
/// anything else that depends on a relaxed variable has no bound (null).
/// </summary>
internal static class BlockRegionBounds
{
    public static SymBound? Eval(Expr e, IReadOnlyDictionary<Var, Range> relax)
    {
        var form = BlockAffineForm.Of(e);
        var lo = new BlockAffineForm(form.Dtype, form.Const);
        var hi = new BlockAffineForm(form.Dtype, form.Const);
        foreach (var (atom, coef) in form.Terms)
        {
            var b = AtomBound(atom, relax);
            if (b is null) return null;
            var bmin = BlockAffineForm.Of(b.Value.Min);
            var bmax = BlockAffineForm.Of(b.Value.Max);
            lo = lo.AddScaled(coef > 0 ? bmin : bmax, coef);
            hi = hi.AddScaled(coef > 0 ? bmax : bmin, coef);
        }
        return new SymBound(lo.ToExpr(), hi.ToExpr());
    }

    /// <summary>Constant bounds, or null when either side stays symbolic.</summary>
    public static (long Min, long Max)? ConstBound(Expr e, IReadOnlyDictionary<Var, Range> ranges)
    {
        var b = Eval(e, ranges);
        return b is { Min: IntImm lo, Max: IntImm hi } ? (lo.Value, hi.Value) : null;
    }

    /// <summary>True when a ≤ b holds for every value of the variables in <paramref name="ranges"/>.</summary>
    public static bool CanProveLE(Expr a, Expr b, IReadOnlyDictionary<Var, Range> ranges) =>
        ConstBound(BlockAffineForm.Of(b).AddScaled(BlockAffineForm.Of(a), -1).ToExpr(), ranges) is { Min: >= 0 };

    private static SymBound? AtomBound(Expr atom, IReadOnlyDictionary<Var, Range> relax)
    {
        if (!UsesAny(atom, relax)) return new SymBound(atom, atom);
        switch (atom)
        {
            case Var v:
            {
                var r = relax[v];
                var max = BlockAffineForm.Of(r.Min).AddScaled(BlockAffineForm.Of(r.Extent), 1).AddConst(-1);
                var minB = Eval(r.Min, relax);
                var maxB = Eval(max.ToExpr(), relax);
                return minB is null || maxB is null ? null : new SymBound(minB.Value.Min, maxB.Value.Max);
            }
            case Binary { Op: BinOp.FloorDiv, B: IntImm { Value: > 0 } d } b:
            {
                var x = Eval(b.A, relax);
                if (x is null) return null;
                return new SymBound(BlockAffineForm.Simplify(E.FloorDiv(x.Value.Min, d)), BlockAffineForm.Simplify(E.FloorDiv(x.Value.Max, d)));
            }
            case Binary { Op: BinOp.FloorMod, B: IntImm { Value: > 0 } d } b:
            {
                var x = Eval(b.A, relax);
                if (x is { Min: IntImm lo, Max: IntImm hi }
                    && BlockAffineForm.FloorDivL(lo.Value, d.Value) == BlockAffineForm.FloorDivL(hi.Value, d.Value))
                    return new SymBound(new IntImm(atom.Dtype, BlockAffineForm.FloorModL(lo.Value, d.Value)),
                                        new IntImm(atom.Dtype, BlockAffineForm.FloorModL(hi.Value, d.Value)));
                return new SymBound(new IntImm(atom.Dtype, 0), new IntImm(atom.Dtype, d.Value - 1));
            }
            case Binary { Op: BinOp.Min or BinOp.Max } b:
            {
                var x = Eval(b.A, relax);
                var y = Eval(b.B, relax);
                if (x is null || y is null) return null;
                return new SymBound(BlockAffineForm.Simplify(E.Bin(b.Op, x.Value.Min, y.Value.Min)),
                                    BlockAffineForm.Simplify(E.Bin(b.Op, x.Value.Max, y.Value.Max)));
            }
            case Binary { Op: BinOp.Mul } b:
            {
                if (ConstBound(b.A, relax) is not { } x || ConstBound(b.B, relax) is not { } y) return null;
                long[] c = [x.Min * y.Min, x.Min * y.Max, x.Max * y.Min, x.Max * y.Max];
                return new SymBound(new IntImm(atom.Dtype, c.Min()), new IntImm(atom.Dtype, c.Max()));
            }
            default:
                return null;
        }
    }

    public static bool UsesAny(Expr e, IReadOnlyDictionary<Var, Range> vars)
    {
        if (vars.Count == 0) return false;
        bool found = false;
        new NodeWalker(onExpr: x => { if (x is Var v && vars.ContainsKey(v)) found = true; }).VisitExpr(e);
        return found;
    }

    /// <summary>Union of two bounds: the smaller min and the larger max (symbolic min/max when the order is unknown).</summary>
    public static SymBound Union(SymBound a, SymBound b) =>
        new(BlockAffineForm.Simplify(E.Min(a.Min, b.Min)), BlockAffineForm.Simplify(E.Max(a.Max, b.Max)));
}
