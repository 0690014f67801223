namespace Tuner.Ir.Schedule;

/// <summary>Fuse: the loops are not a chain of directly nested loops.</summary>
public sealed class FuseNotChainError(string reason) : ScheduleError(FusePrimitive.Name, reason);

/// <summary>
/// TVM's fuse(*loops, preserve_unit_iters): replaces directly nested loops (each the only child of the previous)
/// by one loop <c>i_j_fused</c> of the product extent; the old vars become <c>fused // e_j</c>, <c>fused % e_j</c>
/// (canonicalised); unit loops become 0. preserve_unit_iters is recorded but, as the substitution already maps
/// unit loops to 0, changes nothing here. Preconditions: at least one loop; each inner loop is the whole body of the loop before it; no
/// loop has an annotation or thread binding; all start at 0; an inner extent does not use an outer fused var.
/// Result: the fused loop var.
/// </summary>
public static class FusePrimitive
{
    public const string Name = "Fuse";

    // ---- checks ----

    private static List<For> CheckChain(ScheduleState s, IReadOnlyList<Var> loopVars)
    {
        if (loopVars.Count == 0) throw new ScheduleError(Name, "at least one loop is required");
        var loops = new List<For>();
        foreach (var v in loopVars)
        {
            var loop = s.FindLoop(v, Name);
            LoopChecks.NoAnnotationOrThreadBinding(Name, loop);
            if (loops.Count > 0)
            {
                var outer = loops[^1];
                var parent = s.Ancestors(loop).LastOrDefault(a => a is For or Block);
                if (!ReferenceEquals(parent, outer))
                    throw new FuseNotChainError($"loop '{outer.LoopVar.Name}' is not the parent of loop '{loop.LoopVar.Name}'");
                if (!ReferenceEquals(outer.Body, loop))
                    throw new FuseNotChainError($"loop '{loop.LoopVar.Name}' is not the only child of loop '{outer.LoopVar.Name}'");
                foreach (var o in loops)
                    if (LoopChecks.Uses(loop.Extent, o.LoopVar) || LoopChecks.Uses(loop.Min, o.LoopVar))
                        throw new FuseNotChainError($"the extent of loop '{loop.LoopVar.Name}' depends on loop '{o.LoopVar.Name}'");
            }
            LoopChecks.StartsAtZero(Name, loop);
            loops.Add(loop);
        }
        return loops;
    }

    // ---- core ----

    public static Var Apply(ScheduleState s, IReadOnlyList<Var> loopVars, bool preserveUnitIters = true)
    {
        var loops = CheckChain(s, loopVars);
        var t = loops[0].LoopVar.Dtype;
        var name = loops[0].LoopVar.Name + string.Concat(loops.Skip(1).Select(l => "_" + l.LoopVar.Name)) + "_fused";
        var fused = new Var(name, t);

        // As TVM: loop k becomes (fused % (e_k * ... * e_n)) // (e_k+1 * ... * e_n); unit loops become 0.
        var sub = new Dictionary<Var, Expr>();
        Expr lower = new IntImm(t, 1);
        for (int i = loops.Count - 1; i >= 0; i--)
        {
            var l = loops[i];
            if (E.IsConst(l.Extent, 1)) { sub[l.LoopVar] = new IntImm(t, 0); continue; }
            sub[l.LoopVar] = i == 0 ? E.FloorDiv(fused, lower) : E.FloorDiv(E.FloorMod(fused, lower * l.Extent), lower);
            lower = lower * l.Extent;
        }
        Expr extent = new IntImm(t, 1);
        foreach (var l in loops) extent = extent * l.Extent;
        extent = new IndexSimplifier(new Dictionary<Var, (long, long)>()).Simplify(extent);

        Stmt body = Substituter.Apply(loops[^1].Body, sub);
        Stmt result = new For(fused, new IntImm(t, 0), extent, ForKind.Serial, body);
        s.Replace(loops[0], result);
        s.Replace(result, IndexSimplifier.ForLoopsIn(s.Func.Body).SimplifyBindings(result));
        return fused;
    }

    // ---- instruction kind ----

    /// <summary>Inputs [loops...]; attrs [preserve_unit_iters]; outputs [fused loop].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, attrs, _) =>
        [sch.Fuse(inputs.Select(x => Args.Rv<LoopRV>(x, "loop")).ToList(), attrs.Count > 0 && Args.Bool(attrs[0], "preserve_unit_iters"))]);
}
