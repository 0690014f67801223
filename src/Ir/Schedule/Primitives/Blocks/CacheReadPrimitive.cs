namespace Tuner.Ir.Schedule;

/// <summary>A cache_read precondition does not hold.</summary>
public sealed class CacheReadError(string reason) : ScheduleError("CacheRead", reason);

/// <summary>
/// TVM's cache_read: a new stage copies the region of a buffer that a block reads into a new buffer in
/// <c>scope</c>, and the consumers read the copy.
/// Preconditions: the block exists and is not the root; <c>readBufferIndex</c> indexes its T.reads; the buffer has
/// at most one writer in the scope; the named consumer blocks (if any) read the buffer.
/// Result: the new stage block, named <c>buffer_scope</c> (made unique), writing the new buffer <c>buffer_scope</c>
/// allocated in the scope block. It copies the writer's whole written region, inserted after the writer and before
/// the first consumer; for an input buffer it copies the region the scope reads, inserted at the start of the scope.
/// All consumers (or only <paramref name="consumerBlocks"/>) have their loads and read regions switched to the new buffer.
/// </summary>
public static class CacheReadPrimitive
{
    public static string Apply(ScheduleState s, string block, int readBufferIndex, string scope, IReadOnlyList<string>? consumerBlocks = null)
    {
        var br = s.FindBlock(block, "CacheRead");
        var scopeBlock = s.ParentBlock(br) ?? throw new CacheReadError($"block '{block}' is the root block");
        if (readBufferIndex < 0 || readBufferIndex >= br.Block.Reads.Count)
            throw new CacheReadError($"block '{block}' has {br.Block.Reads.Count} read buffer(s); index {readBufferIndex} is out of range");
        var buf = br.Block.Reads[readBufferIndex].Buffer;
        var children = BlockScopeQueries.ChildBlocks(scopeBlock);
        var writers = children.Where(c => BlockScopeQueries.Writes(c.Block, buf)).ToList();
        if (writers.Count > 1)
            throw new CacheReadError($"buffer '{buf.Name}' read by block '{block}' has {writers.Count} writers in the scope; cache_read needs at most one");
        var consumerNames = ConsumerNames(s, children, buf, consumerBlocks);

        // Core. The region to copy, from the tree as it is now.
        var writer = writers.FirstOrDefault();
        var cacheBuf = CacheStage.WithScope(buf, scope);
        var name = s.FreshBlockName($"{buf.Name}_{scope}");
        var consumers = children.Where(c => consumerNames.Contains(c.Block.Name)).ToList();
        var (owner, pos) = CacheStage.Location(s, scopeBlock, writer, consumers);
        BufferRegion region = writer is null
            ? scopeBlock.Reads.FirstOrDefault(r => ReferenceEquals(r.Buffer, buf)) ?? BufferRegion.Full(buf)
            : CacheStage.Relax(s, writer, writer.Block.Writes.First(w => ReferenceEquals(w.Buffer, buf)), owner);
        var stage = CacheStage.Make(s, owner, region, buf, cacheBuf, name);

        // The insertion point is found again after the consumers were rewritten (their references changed).
        var ownerLoop = owner as For;
        var swap = new CacheStage.BufferSwap(buf, cacheBuf);
        foreach (var c in consumerNames)
        {
            var cbr = s.FindBlock(c, "CacheRead");
            s.Replace(cbr.Block, swap.VisitStmt(cbr.Block));
        }
        Stmt newOwner = ownerLoop is not null ? s.FindLoop(ownerLoop.LoopVar, "CacheRead") : s.FindBlock(scopeBlock.Name, "CacheRead").Block;
        CacheStage.Insert(s, newOwner, pos, stage);
        BlockTreeEdit.AddAlloc(s, scopeBlock.Name, cacheBuf);
        return name;
    }

    private static HashSet<string> ConsumerNames(ScheduleState s, List<BlockRealize> children, Buffer buf, IReadOnlyList<string>? named)
    {
        if (named is null || named.Count == 0)
            return children.Where(c => BlockScopeQueries.Reads(c.Block, buf)).Select(c => c.Block.Name).ToHashSet();
        foreach (var n in named)
        {
            var c = s.FindBlock(n, "CacheRead");
            if (!BlockScopeQueries.Reads(c.Block, buf))
                throw new CacheReadError($"block '{n}' does not read buffer '{buf.Name}'");
        }
        return named.ToHashSet();
    }
}
