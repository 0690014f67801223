namespace Tuner.Ir.Schedule;

/// <summary>Split: the factors do not cover the loop, are not positive, or more than one is None.</summary>
public sealed class SplitFactorError(string loop, string reason) : ScheduleError(SplitPrimitive.Name, $"loop '{loop}': {reason}");

/// <summary>
/// TVM's split(loop, factors, preserve_unit_iters, disable_predication): replaces a loop by a nest of loops with the
/// given extents, outermost first. One factor may be None (inferred as ceil(extent / product of the others)).
/// When the product exceeds the extent, the blocks directly under the loop get the predicate
/// <c>i_0 * f1 + i_1 &lt; extent</c> (unless predication is disabled). Block bindings are re-simplified.
/// Preconditions: the loop has no annotation or thread binding, starts at 0, has a constant extent; factors are
/// positive and their product is at least the extent. Result: the new loop vars (i_0, i_1, ...).
/// </summary>
public static class SplitPrimitive
{
    public const string Name = "Split";

    // ---- checks ----

    /// <summary>Validates the factors and infers the None one (TVM's ConcreteSchedule::Split + tir::Split checks).</summary>
    public static long[] InferFactors(For loop, IReadOnlyList<long?> factors)
    {
        var name = loop.LoopVar.Name;
        if (factors.Count == 0) throw new SplitFactorError(name, "at least one factor is required");
        long extent = LoopChecks.ConstExtent(Name, loop);
        int inferIndex = -1;
        long product = 1;
        for (int i = 0; i < factors.Count; i++)
        {
            if (factors[i] is not { } f)
            {
                if (inferIndex != -1) throw new SplitFactorError(name, "only one factor can be None");
                inferIndex = i;
                continue;
            }
            if (f <= 0) throw new SplitFactorError(name, $"factor {i} is {f}, factors must be positive");
            product = checked(product * f);
        }
        var result = factors.Select(f => f ?? 0).ToArray();
        if (inferIndex >= 0) result[inferIndex] = (extent + product - 1) / product;
        else if (product < extent)
            throw new SplitFactorError(name, $"the product of factors {string.Join("*", result)} = {product} is less than the extent {extent}");
        return result;
    }

    // ---- core ----

    public static IReadOnlyList<Var> Apply(ScheduleState s, Var loopVar, IReadOnlyList<long?> factors, bool preserveUnitIters = true, bool disablePredication = false)
    {
        var loop = s.FindLoop(loopVar, Name);
        LoopChecks.NoAnnotationOrThreadBinding(Name, loop);
        LoopChecks.StartsAtZero(Name, loop);
        var fs = InferFactors(loop, factors);
        long extent = E.AsConst(loop.Extent)!.Value;
        var t = loopVar.Dtype;

        var vars = fs.Select((_, i) => new Var($"{loopVar.Name}_{i}", t)).ToArray();
        Expr sub = new IntImm(t, 0);
        for (int i = 0; i < fs.Length; i++)
            if (preserveUnitIters || fs[i] != 1) sub = sub * new IntImm(t, fs[i]) + vars[i];

        var ranges = new Dictionary<Var, (long, long)>();
        for (int i = 0; i < fs.Length; i++) ranges[vars[i]] = (0, fs[i] - 1);
        var simp = new IndexSimplifier(ranges);
        sub = simp.Simplify(sub);

        Stmt body = Substituter.Apply(loop.Body, new Dictionary<Var, Expr> { [loopVar] = sub });
        long product = fs.Aggregate(1L, (a, b) => a * b);
        if (!disablePredication && product > extent)
            body = new PredicateAppender(E.Lt(sub, new IntImm(t, extent))).VisitStmt(body);
        for (int i = fs.Length - 1; i >= 0; i--)
            body = new For(vars[i], new IntImm(t, 0), new IntImm(t, fs[i]), ForKind.Serial, body); // as TVM: new loops are serial

        s.Replace(loop, body);
        var all = IndexSimplifier.ForLoopsIn(s.Func.Body);
        s.Replace(body, all.SimplifyBindings(body));
        return vars;
    }

    /// <summary>Adds a condition to the predicate of the nearest block realizes (not recursively into blocks), as TVM's BlockPredicateAppender.</summary>
    private sealed class PredicateAppender(Expr condition) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e;

        public override Stmt VisitBlockRealize(BlockRealize r) =>
            r with { Predicate = E.IsConst(r.Predicate, 1) && r.Predicate.Dtype.IsBool ? condition : E.And(r.Predicate, condition) };
    }

    // ---- instruction kind ----

    /// <summary>Inputs [loop, factors...] (ExprRV, integer or None); attrs [preserve_unit_iters, disable_predication]; outputs [loops...].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, attrs, _) =>
        sch.Split(Args.Rv<LoopRV>(inputs[0], "loop"), inputs.Skip(1).ToList(),
            attrs.Count > 0 && Args.Bool(attrs[0], "preserve_unit_iters"), attrs.Count > 1 && Args.Bool(attrs[1], "disable_predication")));
}
