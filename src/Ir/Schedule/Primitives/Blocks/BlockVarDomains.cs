namespace Tuner.Ir.Schedule;

/// <summary>
/// Block-var domains for compute_at / reverse_compute_at: which values of each iter var cover a required buffer
/// region (the inverse of the block's own access region), and the loop nest that iterates exactly those values.
/// </summary>
internal static class BlockVarDomains
{
    /// <summary>An iter var's domain: the inferred bounds, or null when the var is not constrained (its full domain).</summary>
    public static SymBound?[] Solve(string primitive, Block block, IEnumerable<BufferRegion> provided, IReadOnlyDictionary<Buffer, SymBound[]> required)
    {
        var vars = block.IterVars.Select(iv => iv.Var).ToList();
        var doms = new SymBound?[vars.Count];
        foreach (var pr in provided)
        {
            var req = required[pr.Buffer];
            for (int d = 0; d < pr.Region.Count; d++)
            {
                var rg = pr.Region[d];
                var form = BlockAffineForm.Of(rg.Min);
                if (form.IsConst) continue;
                if (E.IsConst(rg.Extent, 1) && form.Terms is [{ Atom: Var v, Coef: 1 or -1 } t] && vars.IndexOf(v) is int i and >= 0)
                {
                    // index = coef·v + c covers [lo, hi]  ⇒  v in [lo - c, hi - c] (coef 1) or [c - hi, c - lo] (coef -1)
                    var c = new BlockAffineForm(form.Dtype, form.Const);
                    var lo = BlockAffineForm.Of(t.Coef == 1 ? req[d].Min : req[d].Max).Scale(t.Coef).AddScaled(c, -t.Coef);
                    var hi = BlockAffineForm.Of(t.Coef == 1 ? req[d].Max : req[d].Min).Scale(t.Coef).AddScaled(c, -t.Coef);
                    var b = new SymBound(lo.ToExpr(), hi.ToExpr());
                    doms[i] = doms[i] is { } old ? BlockRegionBounds.Union(old, b) : b;
                    continue;
                }
                if (form.Terms is [{ Atom: Var w, Coef: > 1 } t2] && vars.IndexOf(w) is int j2 and >= 0)
                {
                    // index = c·v + k covers [lo, hi]  ⇒  v in [floordiv(lo - k, c), floordiv(hi - k, c)]
                    Expr Div(Expr x) => BlockAffineForm.Simplify(E.FloorDiv(BlockAffineForm.Simplify(x - form.Const), new IntImm(form.Dtype, t2.Coef)));
                    var b2 = new SymBound(Div(req[d].Min), Div(req[d].Max));
                    doms[j2] = doms[j2] is { } old2 ? BlockRegionBounds.Union(old2, b2) : b2;
                    continue;
                }
                if (E.IsConst(rg.Extent, 1) && form.Terms is [{ Atom: Binary { Op: BinOp.FloorDiv, A: Var q, B: IntImm { Value: > 0 } fd }, Coef: 1 }]
                    && vars.IndexOf(q) is int j3 and >= 0)
                {
                    // index = v // c + k covers [lo, hi]  ⇒  v in [(lo - k)·c, (hi - k)·c + c - 1]
                    Expr Mul(Expr x, long add) => BlockAffineForm.Simplify((x - form.Const) * new IntImm(form.Dtype, fd.Value) + add);
                    var b3 = new SymBound(Mul(req[d].Min, 0), Mul(req[d].Max, fd.Value - 1));
                    doms[j3] = doms[j3] is { } old3 ? BlockRegionBounds.Union(old3, b3) : b3;
                    continue;
                }
                if (E.IsConst(rg.Extent, 1) && form.Terms is [{ Atom: Binary { Op: BinOp.FloorMod, A: Var m }, Coef: 1 }] && vars.IndexOf(m) >= 0)
                    continue; // v % c constrains nothing about v: it keeps its whole domain, as in TVM
                // TVM's SolveBlockVarDomain fails here ("BufferRegion pattern match failed"). Giving the vars their
                // whole domain instead would make reverse_compute_at read what is not produced yet, and compute_at
                // of a reduction accumulate twice.
                throw new ScheduleError(primitive, $"cannot invert dimension {d} of the access to {pr.Buffer.Name} in block '{block.Name}': only v, c·v, v // c and v % c (plus a constant) are supported");
            }
        }
        return doms;
    }

    /// <summary>
    /// New loops ax0, ax1, ... (serial, from 0) over the domains, the bindings v = min + ax (no loop for a unit
    /// extent unless <paramref name="preserveUnitLoops"/>), and a predicate wherever a domain may leave the iter var's
    /// own domain for some value of the enclosing loops <paramref name="outer"/>.
    /// </summary>
    public static Stmt MakeNest(Block block, SymBound?[] doms, IReadOnlyDictionary<Var, Range> outer, bool preserveUnitLoops)
    {
        var loops = new List<(Var Var, Expr Extent)>();
        var values = new List<Expr>();
        Expr? pred = null;
        for (int i = 0; i < block.IterVars.Count; i++)
        {
            var iv = block.IterVars[i];
            var dmin = BlockAffineForm.Simplify(iv.Dom.Min);
            var dmax = BlockAffineForm.Simplify(iv.Dom.Min + iv.Dom.Extent - 1);
            var (lo, hi, needLo, needHi) = Clamp(doms[i], dmin, dmax, outer);
            var ext = BlockAffineForm.Of(hi).AddScaled(BlockAffineForm.Of(lo), -1).AddConst(1).ToExpr();
            Expr binding;
            if (preserveUnitLoops || !E.IsConst(ext, 1))
            {
                var ax = new Var($"ax{loops.Count}", iv.Var.Dtype);
                loops.Add((ax, ext));
                binding = BlockAffineForm.Simplify(lo + ax);
            }
            else binding = lo;
            values.Add(binding);
            if (needLo) pred = And(pred, new Binary(BinOp.GE, binding, dmin));
            if (needHi) pred = And(pred, new Binary(BinOp.LT, binding, BlockAffineForm.Simplify(dmax + 1)));
        }
        Stmt body = new BlockRealize(values.ToSeq(), pred ?? IntImm.True, block);
        for (int k = loops.Count - 1; k >= 0; k--)
            body = new For(loops[k].Var, new IntImm(loops[k].Var.Dtype, 0), loops[k].Extent, ForKind.Serial, body);
        return body;
    }

    private static (Expr Lo, Expr Hi, bool NeedLo, bool NeedHi) Clamp(SymBound? dom, Expr dmin, Expr dmax, IReadOnlyDictionary<Var, Range> outer)
    {
        if (dom is not { } d) return (dmin, dmax, false, false);
        if (d is { Min: IntImm lo, Max: IntImm hi } && dmin is IntImm a && dmax is IntImm b)
            return (new IntImm(lo.Type, Math.Max(lo.Value, a.Value)), new IntImm(hi.Type, Math.Min(hi.Value, b.Value)), false, false);
        var ext = BlockAffineForm.Of(d.Max).AddScaled(BlockAffineForm.Of(d.Min), -1);
        if (!ext.IsConst) return (dmin, dmax, false, false);
        return (d.Min, d.Max, !BlockRegionBounds.CanProveLE(dmin, d.Min, outer), !BlockRegionBounds.CanProveLE(d.Max, dmax, outer));
    }

    private static Expr And(Expr? a, Expr b) => a is null ? b : new Binary(BinOp.And, a, b);
}
