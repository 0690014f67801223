namespace Tuner.Ir.Schedule;

/// <summary>Reorder: the loops are not one chain of single-child loops, or repeat.</summary>
public sealed class ReorderError(string reason) : ScheduleError(ReorderPrimitive.Name, reason);

/// <summary>
/// TVM's reorder(*loops): permutes the given loops inside the chain from the outermost to the innermost of them;
/// loops of that chain not listed keep their positions. Loop vars are kept (their LoopRVs stay valid).
/// Preconditions: no loop repeats; all are in one loop nest (no block between them); every loop from the outermost
/// down to the innermost given has a single child; after reordering no loop's domain uses a loop inside it; blocks
/// under the innermost loop have only data-parallel/reduction iters with affine bindings; no two loops that drive a
/// reduction's reduce iters, one of them also a spatial iter, swap (an addition to TVM).
/// </summary>
public static class ReorderPrimitive
{
    public const string Name = "Reorder";

    // ---- checks ----

    /// <summary>The chain from the outermost to the innermost given loop, outermost first.</summary>
    private static List<For> CheckChain(ScheduleState s, IReadOnlyList<Var> order)
    {
        var loops = order.Select(v => s.FindLoop(v, Name)).ToList();
        for (int i = 0; i < loops.Count; i++)
            for (int j = i + 1; j < loops.Count; j++)
                if (ReferenceEquals(loops[i].LoopVar, loops[j].LoopVar))
                    throw new ReorderError($"loop '{loops[i].LoopVar.Name}' appears more than once");
        // The innermost given loop is the one with the most loops above it in its nest.
        var above = loops.ToDictionary(l => l, l => s.LoopsAbove(l));
        var bottom = loops.OrderByDescending(l => above[l].Count).First();
        var nest = above[bottom];
        foreach (var l in loops)
            if (!ReferenceEquals(l, bottom) && !nest.Any(n => ReferenceEquals(n, l)))
                throw new ReorderError($"loops '{l.LoopVar.Name}' and '{bottom.LoopVar.Name}' are not in the same loop nest");
        int top = loops.Select(l => ReferenceEquals(l, bottom) ? nest.Count : IndexOf(nest, l)).Min();
        var chain = nest.Skip(top).Append(bottom).ToList();
        for (int i = 0; i + 1 < chain.Count; i++)
            if (!ReferenceEquals(chain[i].Body, chain[i + 1]))
                throw new ReorderError($"loop '{chain[i].LoopVar.Name}' has more than one child or a non-loop statement between it and loop '{chain[i + 1].LoopVar.Name}'");
        foreach (var br in LoopChecks.BlocksUnder(bottom.Body))
        {
            var b = br.Block;
            foreach (var iv in b.IterVars)
                if (iv.Kind is not (IterKind.Spatial or IterKind.Reduce))
                    throw new ReorderError($"block '{b.Name}' under the loops has iter '{iv.Var.Name}' of kind {iv.Kind.ToString().ToLowerInvariant()}; only data-parallel and reduction iters can be reordered");
            if (LoopChecks.AffineBindingError(s, br) is { } why)
                throw new ReorderError($"block '{b.Name}' under the loops does not have an affine binding: {why}");
        }
        return chain;
    }

    /// <summary>
    /// Not in TVM (which then computes wrong sums): a reduction's init runs at the instance whose reduce iters are at
    /// their minimum, so that instance must stay the first of each output element. Swapping two loops that both drive
    /// reduce iters, one of which also drives spatial iters (a fused spatial-reduce loop), can break that.
    /// </summary>
    private static void CheckReductionOrder(List<For> chain, List<For> newOrder)
    {
        foreach (var br in LoopChecks.BlocksUnder(chain[^1].Body))
        {
            HashSet<Var> Touched(IterKind k) => br.Block.IterVars.Select((iv, i) => (iv, i)).Where(x => x.iv.Kind == k)
                .SelectMany(x => BlockScopeQueries.VarsOf(br.IterValues[x.i])).ToHashSet();
            var spatial = Touched(IterKind.Spatial);
            var reduce = Touched(IterKind.Reduce);
            if (reduce.Count == 0) continue;
            for (int a = 0; a < chain.Count; a++)
                for (int b = a + 1; b < chain.Count; b++)
                {
                    Var x = chain[a].LoopVar, y = chain[b].LoopVar;
                    bool swapped = newOrder.FindIndex(l => l.LoopVar == x) > newOrder.FindIndex(l => l.LoopVar == y);
                    if (swapped && reduce.Contains(x) && reduce.Contains(y) && (spatial.Contains(x) || spatial.Contains(y)))
                        throw new ReorderError($"loops '{x.Name}' and '{y.Name}' both drive reduce iters of block '{br.Block.Name}' and one also a spatial iter: swapping them would run its init after other instances of the same output");
                }
        }
    }

    private static int IndexOf(IReadOnlyList<For> nest, For l)
    {
        for (int i = 0; i < nest.Count; i++) if (ReferenceEquals(nest[i], l)) return i;
        return -1;
    }

    // ---- core ----

    public static void Apply(ScheduleState s, IReadOnlyList<Var> order)
    {
        if (order.Count <= 1) { foreach (var v in order) s.FindLoop(v, Name); return; }
        var chain = CheckChain(s, order);
        var given = order.ToHashSet();
        var queue = new Queue<Var>(order);
        var byVar = chain.ToDictionary(l => l.LoopVar);
        // Positions of listed loops take the listed loops in the given order; others stay.
        var newOrder = chain.Select(l => given.Contains(l.LoopVar) ? byVar[queue.Dequeue()] : l).ToList();
        // As TVM: after reordering, no loop's domain may use a loop now inside it.
        for (int i = 0; i < newOrder.Count; i++)
            for (int j = i + 1; j < newOrder.Count; j++)
                if (LoopChecks.Uses(newOrder[i].Extent, newOrder[j].LoopVar) || LoopChecks.Uses(newOrder[i].Min, newOrder[j].LoopVar))
                    throw new ReorderError($"the domain of loop '{newOrder[i].LoopVar.Name}' would depend on loop '{newOrder[j].LoopVar.Name}' inside it");
        CheckReductionOrder(chain, newOrder);
        Stmt body = chain[^1].Body;
        for (int i = newOrder.Count - 1; i >= 0; i--) body = newOrder[i] with { Body = body };
        s.Replace(chain[0], body);
    }

    // ---- instruction kind ----

    /// <summary>Inputs [loops...]; attrs []; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, _, _) =>
    {
        sch.Reorder(inputs.Select(x => Args.Rv<LoopRV>(x, "loop")).ToList());
        return [];
    });
}
