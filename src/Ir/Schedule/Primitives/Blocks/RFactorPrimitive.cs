namespace Tuner.Ir.Schedule;

/// <summary>An rfactor precondition does not hold.</summary>
public sealed class RFactorError(string reason) : ScheduleError("RFactor", reason);

/// <summary>
/// TVM's rfactor: the reduction loop <c>loop</c> becomes a spatial axis of a new block <c>name_rf</c> that reduces
/// partial results into a new buffer <c>buf_rf</c> (the loop's extent inserted at <c>factorAxis</c>), and the original
/// block, now under the spatial loops and <c>loop</c> only, reduces those partial results.
/// Preconditions: the loop has exactly one block under it, a reduction block whose update matches a reducer (sum,
/// product, min, max, init = identity); the loop is serial, used by reduce iter vars and by no spatial one; no loop
/// of the block is used by both kinds; the block is the first block under its outermost loop; a loop used by no iter
/// var under the first reduction loop has extent 1; -(ndim+1) ≤ factorAxis ≤ ndim.
/// Result: the rfactor block's name. It comes first, under copies of all the block's loops; the write-back block keeps
/// the original name and loops. buf_rf is allocated in the scope block.
/// </summary>
public static class RFactorPrimitive
{
    public static string Apply(ScheduleState s, Var loop, int factorAxis)
    {
        var rfLoop = s.FindLoop(loop, "RFactor");
        var under = new List<BlockRealize>();
        NodeWalker.Walk(rfLoop.Body, st => { if (st is BlockRealize x) under.Add(x); });
        if (under.Count != 1) throw new RFactorError($"loop '{loop.Name}' must have exactly one block under it, found {under.Count}");
        var br = under[0];
        var b = br.Block;
        var scope = s.ParentBlock(br)!;
        if (BlockKinds.Kind(scope, br) != BlockKind.Reduction)
            throw new RFactorError($"block '{b.Name}' under loop '{loop.Name}' is not a reduction block");
        if (rfLoop.Kind != ForKind.Serial) throw new RFactorError($"loop '{loop.Name}' is not serial");
        var loops = s.LoopsAbove(br).ToList();
        RFactorChecks.LoopProperties(s, br, loops, rfLoop);
        if (b.Body is not BufferStore update || b.Init is not BufferStore init
            || !ReferenceEquals(init.Buffer, update.Buffer) || init.Indices != update.Indices)
            throw new RFactorError($"block '{b.Name}' is not a single reduction update C[...] = C[...] op f(...) with an init store");
        var (reducer, lhs, rhs) = BlockReducer.Match(init.Value, update)
            ?? throw new RFactorError($"block '{b.Name}' does not match a supported reducer (sum, product, min, max with their identity as init)");
        var buf = update.Buffer;
        int ndim = buf.Rank;
        if (factorAxis < -(ndim + 1) || factorAxis > ndim)
            throw new RFactorError($"factor_axis {factorAxis} is out of range [{-(ndim + 1)}, {ndim}] for buffer '{buf.Name}'");
        if (factorAxis < 0) factorAxis += ndim + 1;
        var wbPredicate = RFactorChecks.WriteBackPredicate(br, rfLoop);

        // Core.
        var rfBuf = buf with { Name = $"{buf.Name}_rf", Shape = buf.Shape.Insert(factorAxis, rfLoop.Extent), Strides = [] };
        var rfName = s.FreshBlockName($"{b.Name}_rf");
        var (rfRealize, rfIter, rfIdx) = RFactorBlocks.MakeRf(br, rfLoop, loops, reducer, rhs, rfBuf, buf, factorAxis, rfName);
        var rfBody = RFactorBlocks.WrapInLoopCopies(rfRealize, loops);
        var wb = RFactorBlocks.MakeWriteBack(br, rfLoop, reducer, lhs, rfBuf, rfIter, rfIdx, update.Indices, wbPredicate);
        var reduceLoops = RFactorChecks.LoopsTouched(br, IterKind.Reduce);
        var rebuilt = Rebuild(loops[0], new HashSet<For>(loops, ReferenceEqualityComparer.Instance), rfLoop, reduceLoops, br, wb);
        BlockTreeEdit.Apply(s, new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [loops[0]] = SeqStmt.Flatten([rfBody, rebuilt]),
        });
        BlockTreeEdit.AddAlloc(s, scope.Name, rfBuf);
        return rfName;
    }

    /// <summary>The original nest with the block replaced by the write-back block and the reduce loops (but the rfactor loop) dropped.</summary>
    private static Stmt Rebuild(Stmt st, HashSet<For> path, For rfLoop, HashSet<Var> reduceLoops, BlockRealize old, BlockRealize wb)
    {
        switch (st)
        {
            case For f when path.Contains(f):
                var body = Rebuild(f.Body, path, rfLoop, reduceLoops, old, wb);
                return ReferenceEquals(f, rfLoop) || !reduceLoops.Contains(f.LoopVar) ? f with { Body = body } : body;
            case SeqStmt q:
                return SeqStmt.Flatten(q.Stmts.Select(x => Rebuild(x, path, rfLoop, reduceLoops, old, wb)));
            case BlockRealize r when ReferenceEquals(r, old):
                return wb;
            default:
                return st;
        }
    }
}
