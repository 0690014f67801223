namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's reverse_compute_at: moves a consumer block under a loop of its producers, consuming exactly the region the
/// producers under that loop produce (new loops ax0.. over the inferred region, bindings v = min + ax, a predicate
/// where the region may exceed the iter var's domain).
/// Preconditions: the block and loop exist in the same scope; the loop is not an ancestor of the block; the block is
/// complete or a reduction block; it has producers and every one is under the loop; the insertion position (index: -1 before the first
/// consumer, i.e. at the end when none is under the loop, -2 right after the last producer, or an explicit position in
/// between) lies after every producer and before every consumer among the loop's children; each index of its reads of
/// the producers' buffers is v, c·v, v // c or v % c plus a constant (TVM's SolveBlockVarDomain).
/// Beyond TVM (which then computes wrong results): no producer reduces over the loop or one above it; the inferred
/// domains, swept over the enclosing loops, cover every iter var's domain; a reduction whose reduce iters the producers
/// restrict is not placed under an enclosing loop its bindings do not use.
/// Result: the block (same name) under the loop; its old loops that became empty are removed.
/// </summary>
public static class ReverseComputeAtPrimitive
{
    public static void Apply(ScheduleState s, string block, Var loop, bool preserveUnitLoops = false, int index = -1) =>
        ComputeAtCore.Apply(s, block, loop, preserveUnitLoops, index, isComputeAt: false);

    /// <summary>Whether <see cref="Apply"/> would succeed (TVM's CanReverseComputeAt); the state is not changed.</summary>
    public static bool CanApply(ScheduleState s, string block, Var loop, bool preserveUnitLoops = false)
    {
        try { Apply(new ScheduleState(s.Func), block, loop, preserveUnitLoops); return true; }
        catch (ScheduleError) { return false; }
    }
}
