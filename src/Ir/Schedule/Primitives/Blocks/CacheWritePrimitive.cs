namespace Tuner.Ir.Schedule;

/// <summary>A cache_write precondition does not hold.</summary>
public sealed class CacheWriteError(string reason) : ScheduleError("CacheWrite", reason);

/// <summary>
/// TVM's cache_write: the block computes into a new buffer in <c>scope</c>, and a new stage copies that buffer
/// back to the original one.
/// Preconditions: the block exists and is not the root; <c>writeBufferIndex</c> indexes its T.writes; the block is the
/// only writer of that buffer in its scope.
/// Result: the name of the copy-back block, <c>buffer_scope</c> (made unique; e.g. "C_global"), which reads the new
/// buffer <c>buffer_scope</c> (allocated in the scope block) and writes the original. The writer keeps its name and now
/// loads, stores and declares the new buffer. The copy covers the writer's written region and sits right after the
/// writer, before the first consumer (at the end of the scope when there is none). Consumers named in
/// <paramref name="consumerBlocks"/> read the cache directly instead (and the copy goes before the first other consumer).
/// </summary>
public static class CacheWritePrimitive
{
    public static string Apply(ScheduleState s, string block, int writeBufferIndex, string scope, IReadOnlyList<string>? consumerBlocks = null)
    {
        var br = s.FindBlock(block, "CacheWrite");
        var scopeBlock = s.ParentBlock(br) ?? throw new CacheWriteError($"block '{block}' is the root block");
        if (writeBufferIndex < 0 || writeBufferIndex >= br.Block.Writes.Count)
            throw new CacheWriteError($"block '{block}' has {br.Block.Writes.Count} write buffer(s); index {writeBufferIndex} is out of range");
        var buf = br.Block.Writes[writeBufferIndex].Buffer;
        var children = BlockScopeQueries.ChildBlocks(scopeBlock);
        var others = children.Where(c => !ReferenceEquals(c, br) && BlockScopeQueries.Writes(c.Block, buf)).ToList();
        if (others.Count > 0)
            throw new CacheWriteError($"block '{block}' is not the only writer of buffer '{buf.Name}' (block '{others[0].Block.Name}' writes it too)");

        var named = (consumerBlocks ?? []).ToHashSet();
        foreach (var n in named)
            if (!BlockScopeQueries.Reads(s.FindBlock(n, "CacheWrite").Block, buf))
                throw new CacheWriteError($"block '{n}' does not read buffer '{buf.Name}'");

        // Core.
        var cacheBuf = CacheStage.WithScope(buf, scope);
        var name = s.FreshBlockName($"{buf.Name}_{scope}");
        var consumers = children.Where(c => !ReferenceEquals(c, br) && BlockScopeQueries.Reads(c.Block, buf) && !named.Contains(c.Block.Name)).ToList();
        var (owner, pos) = CacheStage.Location(s, scopeBlock, br, consumers);
        var region = CacheStage.Relax(s, br, br.Block.Writes[writeBufferIndex], owner);
        var stage = CacheStage.Make(s, owner, region, cacheBuf, buf, name);

        var ownerLoop = owner as For;
        var swap = new CacheStage.BufferSwap(buf, cacheBuf);
        foreach (var n in named.Append(block))
        {
            var nb = s.FindBlock(n, "CacheWrite").Block;
            s.Replace(nb, swap.VisitStmt(nb));
        }
        Stmt newOwner = ownerLoop is not null ? s.FindLoop(ownerLoop.LoopVar, "CacheWrite") : s.FindBlock(scopeBlock.Name, "CacheWrite").Block;
        CacheStage.Insert(s, newOwner, pos, stage);
        BlockTreeEdit.AddAlloc(s, scopeBlock.Name, cacheBuf);
        return name;
    }
}
