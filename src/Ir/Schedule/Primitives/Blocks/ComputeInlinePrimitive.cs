namespace Tuner.Ir.Schedule;

/// <summary>A compute_inline precondition does not hold.</summary>
public sealed class ComputeInlineError(string reason) : ScheduleError("ComputeInline", reason);

/// <summary>
/// TVM's compute_inline: replaces every load of a producer's buffer by the producer's expression and removes the producer.
/// Preconditions: the block exists and is not the root; it is complete (not a reduction block, the only writer of its
/// buffer, not reading it) and writes exactly one buffer; its body is a single store B[v0, v1, ...] = f(...) whose
/// indices are distinct iter vars and whose value uses no other iter var; it has no predicate; it is not an output block.
/// Result: consumers compute f at the indices they loaded (their T.reads recomputed); the block and the loops left empty
/// are removed, and the buffer leaves alloc_buffers when nothing accesses it anymore.
/// </summary>
public static class ComputeInlinePrimitive
{
    /// <summary>Whether <see cref="Apply"/> would succeed (TVM's CanComputeInline); the state is not changed.</summary>
    public static bool CanApply(ScheduleState s, string block)
    {
        try { Apply(new ScheduleState(s.Func), block); return true; }
        catch (ScheduleError) { return false; }
    }

    public static void Apply(ScheduleState s, string block)
    {
        var br = s.FindBlock(block, "ComputeInline");
        var scope = s.ParentBlock(br) ?? throw new ComputeInlineError($"block '{block}' is the root block");
        if (InlineSupport.NotCompleteReason(scope, br) is { } why)
            throw new ComputeInlineError($"block '{block}' {why}");
        if (br.Block.Writes.Count != 1)
            throw new ComputeInlineError($"block '{block}' writes {br.Block.Writes.Count} buffers; exactly one is required");
        var store = InlineSupport.SimpleStore(br.Block)
            ?? throw new ComputeInlineError($"the body of block '{block}' is not a single store B[v0, v1, ...] = f(...) indexed by distinct iter vars");
        var indexVars = store.Indices.Cast<Var>().ToList();
        var stray = BlockScopeQueries.VarsOf(store.Value).FirstOrDefault(v => br.Block.IterVars.Any(iv => iv.Var == v) && !indexVars.Contains(v));
        if (stray is not null)
            throw new ComputeInlineError($"the value stored by block '{block}' uses iter var '{stray.Name}' that is not a store index");
        if (!E.IsConst(br.Predicate, 1))
            throw new ComputeInlineError($"block '{block}' has a non-trivial predicate");
        if (BlockScopeQueries.IsOutputBlock(s, br.Block))
            throw new ComputeInlineError($"block '{block}' is an output block");

        // Core.
        var buf = store.Buffer;
        BlockTreeEdit.Apply(s, new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [BlockTreeEdit.LeafRemovalTarget(s, br, "ComputeInline")] = null,
        });
        var rewriter = new InlineSupport.LoadRewriter(buf, l => Substituter.Apply(store.Value, InlineSupport.Zip(indexVars, l.Indices)));
        s.SetFunc(s.Func with { Body = rewriter.VisitStmt(s.Func.Body) });
        BlockTreeEdit.RemoveAllocIfUnused(s, buf);
    }
}
