namespace Tuner.Ir.Schedule;

/// <summary>Instruction kinds of the block primitives (cores in Primitives/Blocks/), with TVM's input/attr layouts.</summary>
public static class BlockInstructionKinds
{
    /// <summary>Inputs [block, consumer_blocks]; attrs [read_buffer_index, storage_scope]; outputs [cache block].</summary>
    public static readonly InstructionKind CacheRead = new("CacheRead", isPure: false, (sch, inputs, attrs, _) =>
        [sch.CacheRead(Args.Rv<BlockRV>(inputs[0], "block"), (int)Args.Long(attrs[0], "read_buffer_index"), Args.Str(attrs[1], "storage_scope"),
            inputs.Count > 1 ? Args.List(inputs[1], "consumer_blocks").Select(b => Args.Rv<BlockRV>(b, "consumer block")).ToList() : null)]);

    /// <summary>Inputs [block, consumer_blocks]; attrs [write_buffer_index, storage_scope]; outputs [cache block].</summary>
    public static readonly InstructionKind CacheWrite = new("CacheWrite", isPure: false, (sch, inputs, attrs, _) =>
        [sch.CacheWrite(Args.Rv<BlockRV>(inputs[0], "block"), (int)Args.Long(attrs[0], "write_buffer_index"), Args.Str(attrs[1], "storage_scope"),
            inputs.Count > 1 ? Args.List(inputs[1], "consumer_blocks").Select(b => Args.Rv<BlockRV>(b, "consumer block")).ToList() : null)]);

    /// <summary>Inputs [block, loop]; attrs [preserve_unit_loops, index]; outputs [].</summary>
    public static readonly InstructionKind ComputeAt = new("ComputeAt", isPure: false, (sch, inputs, attrs, _) =>
    {
        sch.ComputeAt(Args.Rv<BlockRV>(inputs[0], "block"), Args.Rv<LoopRV>(inputs[1], "loop"), Args.Bool(attrs[0], "preserve_unit_loops"), (int)Args.Long(attrs[1], "index"));
        return [];
    });

    /// <summary>Inputs [block, loop]; attrs [preserve_unit_loops, index]; outputs [].</summary>
    public static readonly InstructionKind ReverseComputeAt = new("ReverseComputeAt", isPure: false, (sch, inputs, attrs, _) =>
    {
        sch.ReverseComputeAt(Args.Rv<BlockRV>(inputs[0], "block"), Args.Rv<LoopRV>(inputs[1], "loop"), Args.Bool(attrs[0], "preserve_unit_loops"), (int)Args.Long(attrs[1], "index"));
        return [];
    });

    /// <summary>Inputs [block]; attrs []; outputs [].</summary>
    public static readonly InstructionKind ComputeInline = new("ComputeInline", isPure: false, (sch, inputs, _, _) =>
    {
        sch.ComputeInline(Args.Rv<BlockRV>(inputs[0], "block"));
        return [];
    });

    /// <summary>Inputs [block]; attrs []; outputs [].</summary>
    public static readonly InstructionKind ReverseComputeInline = new("ReverseComputeInline", isPure: false, (sch, inputs, _, _) =>
    {
        sch.ReverseComputeInline(Args.Rv<BlockRV>(inputs[0], "block"));
        return [];
    });

    /// <summary>Inputs [block, loop]; attrs []; outputs [init block].</summary>
    public static readonly InstructionKind DecomposeReduction = new("DecomposeReduction", isPure: false, (sch, inputs, _, _) =>
        [sch.DecomposeReduction(Args.Rv<BlockRV>(inputs[0], "block"), Args.Rv<LoopRV>(inputs[1], "loop"))]);

    /// <summary>Inputs [loop]; attrs [factor_axis]; outputs [rfactor block].</summary>
    public static readonly InstructionKind RFactor = new("RFactor", isPure: false, (sch, inputs, attrs, _) =>
        [sch.RFactor(Args.Rv<LoopRV>(inputs[0], "loop"), (int)Args.Long(attrs[0], "factor_axis"))]);
}

public partial class Schedule
{
    /// <summary>
    /// Adds a block copying buffer reads[readBufferIndex] of a block into a cache in <paramref name="storageScope"/>;
    /// only <paramref name="consumerBlocks"/> read the cache when given. Returns the cache block.
    /// </summary>
    public BlockRV CacheRead(BlockRV block, int readBufferIndex, string storageScope, IReadOnlyList<BlockRV>? consumerBlocks = null)
    {
        var consumers = consumerBlocks is { Count: > 0 } ? consumerBlocks.Select(Get).ToList() : null;
        var rv = NewBlockRV(CacheReadPrimitive.Apply(State, Get(block), readBufferIndex, storageScope, consumers));
        Record(BlockInstructionKinds.CacheRead, [block, (consumerBlocks ?? []).Cast<object?>().ToList()], [(long)readBufferIndex, storageScope], [rv]);
        return rv;
    }

    /// <summary>Adds a block writing back a cache of buffer writes[writeBufferIndex] of a block; returns the cache block.</summary>
    public BlockRV CacheWrite(BlockRV block, int writeBufferIndex, string storageScope, IReadOnlyList<BlockRV>? consumerBlocks = null)
    {
        var consumers = consumerBlocks is { Count: > 0 } ? consumerBlocks.Select(Get).ToList() : null;
        var rv = NewBlockRV(CacheWritePrimitive.Apply(State, Get(block), writeBufferIndex, storageScope, consumers));
        Record(BlockInstructionKinds.CacheWrite, [block, (consumerBlocks ?? []).Cast<object?>().ToList()], [(long)writeBufferIndex, storageScope], [rv]);
        return rv;
    }

    /// <summary>Moves a producer block under a loop; <see cref="RootMark"/> does nothing, <see cref="InlineMark"/> inlines it (as TVM).</summary>
    public void ComputeAt(BlockRV block, LoopRV loop, bool preserveUnitLoops = false, int index = -1)
    {
        var name = Get(block);
        var target = Get(loop);
        if (ReferenceEquals(target, InlineMark)) ComputeInlinePrimitive.Apply(State, name);
        else if (!ReferenceEquals(target, RootMark)) ComputeAtPrimitive.Apply(State, name, target, preserveUnitLoops, index);
        Record(BlockInstructionKinds.ComputeAt, [block, loop], [preserveUnitLoops ? 1L : 0L, (long)index], []);
    }

    /// <summary>Moves a consumer block under a loop; <see cref="RootMark"/> does nothing, <see cref="InlineMark"/> reverse-inlines it.</summary>
    public void ReverseComputeAt(BlockRV block, LoopRV loop, bool preserveUnitLoops = false, int index = -1)
    {
        var name = Get(block);
        var target = Get(loop);
        if (ReferenceEquals(target, InlineMark)) ReverseComputeInlinePrimitive.Apply(State, name);
        else if (!ReferenceEquals(target, RootMark)) ReverseComputeAtPrimitive.Apply(State, name, target, preserveUnitLoops, index);
        Record(BlockInstructionKinds.ReverseComputeAt, [block, loop], [preserveUnitLoops ? 1L : 0L, (long)index], []);
    }

    public void ComputeInline(BlockRV block)
    {
        ComputeInlinePrimitive.Apply(State, Get(block));
        Record(BlockInstructionKinds.ComputeInline, [block], [], []);
    }

    public void ReverseComputeInline(BlockRV block)
    {
        ReverseComputeInlinePrimitive.Apply(State, Get(block));
        Record(BlockInstructionKinds.ReverseComputeInline, [block], [], []);
    }

    /// <summary>Splits a reduction block's init out above <paramref name="loop"/>; returns the init block.</summary>
    public BlockRV DecomposeReduction(BlockRV block, LoopRV loop)
    {
        var rv = NewBlockRV(DecomposeReductionPrimitive.Apply(State, Get(block), RealLoop(loop, "DecomposeReduction"), out var update));
        _blocks[block] = update; // as TVM's sref: the RV follows the reduction block, now named <name>_update
        Record(BlockInstructionKinds.DecomposeReduction, [block, loop], [], [rv]);
        return rv;
    }

    /// <summary>Factorizes a reduction over <paramref name="loop"/> into an rfactor block; returns it.</summary>
    public BlockRV RFactor(LoopRV loop, int factorAxis)
    {
        var rv = NewBlockRV(RFactorPrimitive.Apply(State, RealLoop(loop, "RFactor"), factorAxis));
        Record(BlockInstructionKinds.RFactor, [loop], [(long)factorAxis], [rv]);
        return rv;
    }
}
