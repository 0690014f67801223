namespace Tuner.Ir.Schedule;

/// <summary>A reverse_compute_inline precondition does not hold.</summary>
public sealed class ReverseComputeInlineError(string reason) : ScheduleError("ReverseComputeInline", reason);

/// <summary>
/// TVM's reverse_compute_inline: folds a consumer into its single producer, so the producer stores the consumer's
/// result directly.
/// Preconditions: the block exists, is not the root, has no init, no predicate and is complete; its body is a single
/// store whose value loads the producer's buffer only as B[v...] with the same distinct iter vars, covering all its
/// iter vars; it has exactly one producer, which is complete, has a single-store body, and has no other consumer; the
/// producer's buffer is not a function parameter; the producer's range for each of those iter vars covers its domain.
/// Result: the producer (same name and loops; a predicate masks the instances outside the consumer's domain) stores g(f(u), ...) into the consumer's buffer at the consumer's indices
/// expressed in the producer's iter vars (T.reads/T.writes recomputed); the consumer and its emptied loops are removed,
/// and the intermediate buffer leaves alloc_buffers.
/// </summary>
public static class ReverseComputeInlinePrimitive
{
    /// <summary>Whether <see cref="Apply"/> would succeed (TVM's CanReverseComputeInline); the state is not changed.</summary>
    public static bool CanApply(ScheduleState s, string block)
    {
        try { Apply(new ScheduleState(s.Func), block); return true; }
        catch (ScheduleError) { return false; }
    }

    public static void Apply(ScheduleState s, string block)
    {
        var br = s.FindBlock(block, "ReverseComputeInline");
        var scope = s.ParentBlock(br) ?? throw new ReverseComputeInlineError($"block '{block}' is the root block");
        if (br.Block.Init is not null)
            throw new ReverseComputeInlineError($"block '{block}' has an init statement");
        if (InlineSupport.NotCompleteReason(scope, br) is { } why)
            throw new ReverseComputeInlineError($"block '{block}' {why}");
        if (br.Block.Body is not BufferStore store)
            throw new ReverseComputeInlineError($"the body of block '{block}' is not a single store");
        if (!E.IsConst(br.Predicate, 1))
            throw new ReverseComputeInlineError($"block '{block}' has a non-trivial predicate");
        var producers = BlockScopeQueries.Producers(scope, br);
        if (producers.Count != 1)
            throw new ReverseComputeInlineError($"block '{block}' has {producers.Count} producer blocks; exactly one is required");
        var prod = producers[0];
        if (InlineSupport.NotCompleteReason(scope, prod) is { } pwhy)
            throw new ReverseComputeInlineError($"producer block '{prod.Block.Name}' of block '{block}' {pwhy}");
        if (prod.Block.Body is not BufferStore pstore)
            throw new ReverseComputeInlineError($"the body of producer block '{prod.Block.Name}' is not a single store");
        var buf = pstore.Buffer;
        var others = BlockScopeQueries.Consumers(scope, prod).Where(c => !ReferenceEquals(c, br)).ToList();
        if (others.Count > 0)
            throw new ReverseComputeInlineError($"producer block '{prod.Block.Name}' has another consumer, block '{others[0].Block.Name}'");
        if (!BlockScopeQueries.AllocatedBuffers(s).Contains(buf))
            throw new ReverseComputeInlineError($"buffer '{buf.Name}' between block '{prod.Block.Name}' and block '{block}' is a function parameter");
        var loadIdx = LoadIndices(store, buf, br.Block, block);

        // Core. Consumer var at load position k = producer store index k; the load itself = the producer's value.
        var map = InlineSupport.Zip(loadIdx, pstore.Indices);
        Expr value = new InlineSupport.LoadRewriter(buf, _ => pstore.Value).VisitExpr(store.Value);
        value = Substituter.Apply(value, map);
        var indices = store.Indices.Map(i => BlockAffineForm.Simplify(Substituter.Apply(i, map)));
        var predicate = CoveragePredicate(prod, br.Block, loadIdx, pstore.Indices, block);
        var nb = prod.Block with { Body = new BufferStore(store.Buffer, value, indices) };
        var (reads, writes) = BlockAccessRegions.Detect(nb);
        nb = nb with { Reads = reads, Writes = writes };
        BlockTreeEdit.Apply(s, new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [prod] = prod with { Block = nb, Predicate = predicate },
            [BlockTreeEdit.LeafRemovalTarget(s, br, "ReverseComputeInline")] = null,
        });
        BlockTreeEdit.RemoveAllocIfUnused(s, buf);
    }

    /// <summary>
    /// The producer's predicate after the inline: each consumer iter var's domain must be covered by the producer's
    /// index expression for it (else error); where the producer's range is wider, the producer instances outside the
    /// consumer's domain are masked off (TVM's consumer_iter_in_bound).
    /// </summary>
    private static Expr CoveragePredicate(BlockRealize prod, Block consumer, List<Var> loadIdx, Seq<Expr> storeIdx, string block)
    {
        var doms = prod.Block.IterVars.ToDictionary(iv => iv.Var, iv => iv.Dom);
        var bind = InlineSupport.Zip(prod.Block.IterVars.Select(iv => iv.Var), prod.IterValues);
        Expr pred = prod.Predicate;
        for (int k = 0; k < loadIdx.Count; k++)
        {
            var dom = consumer.IterVars.First(iv => iv.Var == loadIdx[k]).Dom;
            var cmin = BlockAffineForm.Simplify(dom.Min);
            var cmax = BlockAffineForm.Simplify(dom.Min + dom.Extent - 1);
            var range = BlockRegionBounds.Eval(storeIdx[k], doms);
            if (range is null || !BlockRegionBounds.CanProveLE(range.Value.Min, cmin, NoVars) || !BlockRegionBounds.CanProveLE(cmax, range.Value.Max, NoVars))
                throw new ReverseComputeInlineError($"the domain of iter var '{loadIdx[k].Name}' of block '{block}' is not covered by producer block '{prod.Block.Name}'");
            var e = Substituter.Apply(storeIdx[k], bind);
            if (!BlockRegionBounds.CanProveLE(cmin, range.Value.Min, NoVars))
                pred = AndTrue(pred, new Binary(BinOp.GE, e, cmin));
            if (!BlockRegionBounds.CanProveLE(range.Value.Max, cmax, NoVars))
                pred = AndTrue(pred, new Binary(BinOp.LT, e, BlockAffineForm.Simplify(cmax + 1)));
        }
        return pred;
    }

    private static readonly Dictionary<Var, Range> NoVars = [];

    private static Expr AndTrue(Expr a, Expr b) => E.IsConst(a, 1) ? b : new Binary(BinOp.And, a, b);

    /// <summary>The consumer's iter vars in the order the producer's buffer is indexed; throws when the pattern does not hold.</summary>
    private static List<Var> LoadIndices(BufferStore store, Buffer buf, Block b, string block)
    {
        var loads = new List<BufferLoad>();
        new NodeWalker(onExpr: e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, buf)) loads.Add(l); }).VisitExpr(store.Value);
        string pattern = $"block '{block}' must load buffer '{buf.Name}' only as {buf.Name}[v0, v1, ...] with the same distinct iter vars covering all its iter vars";
        if (loads.Count == 0 || loads.Any(l => l.Indices != loads[0].Indices) || store.Indices.Any(i => BlockScopeQueries.Loads(i, buf)))
            throw new ReverseComputeInlineError(pattern);
        var vars = new List<Var>();
        foreach (var i in loads[0].Indices)
        {
            if (i is not Var v || vars.Contains(v) || !b.IterVars.Any(iv => iv.Var == v)) throw new ReverseComputeInlineError(pattern);
            vars.Add(v);
        }
        if (b.IterVars.Any(iv => !vars.Contains(iv.Var))) throw new ReverseComputeInlineError(pattern);
        return vars;
    }
}
