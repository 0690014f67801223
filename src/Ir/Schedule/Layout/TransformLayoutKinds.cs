namespace Tuner.Ir.Schedule;

/// <summary>Instruction kinds of the layout primitives, with TVM's input/attr layouts.</summary>
public static class TransformLayoutKinds
{
    /// <summary>
    /// Inputs [block, index_map]; attrs [buffer_index, buffer_index_type (0 read, 1 write), pad_value (None),
    /// assume_injective_transform]; outputs []. In the JSON the index map is a string of TVM's save_json.
    /// </summary>
    public static readonly InstructionKind TransformLayout = new(TransformLayoutPrimitive.Name, isPure: false, (sch, inputs, attrs, _) =>
    {
        var map = inputs[1] as IndexMap ?? throw new FormatException($"TransformLayout expects an index map, got {Args.Describe(inputs[1])}");
        if (attrs.Count > 2 && attrs[2] is not null) throw new TransformLayoutError("pad_value is not supported (only None)");
        sch.TransformLayout(Args.Rv<BlockRV>(inputs[0], "block"), (int)Args.Long(attrs[0], "buffer_index"),
            Args.Long(attrs[1], "buffer_index_type") != 0, map, attrs.Count > 3 && Args.Bool(attrs[3], "assume_injective_transform"));
        return [];
    });

    /// <summary>Inputs [block]; attrs [buffer_index, buffer_index_type (0 read, 1 write)]; outputs [the copy block].</summary>
    public static readonly InstructionKind ReIndex = new(ReIndexPrimitive.Name, isPure: false, (sch, inputs, attrs, _) =>
        [sch.ReIndex(Args.Rv<BlockRV>(inputs[0], "block"), (int)Args.Long(attrs[0], "buffer_index"), Args.Long(attrs[1], "buffer_index_type") != 0)]);

    /// <summary>Inputs [block or loop]; attrs []; outputs [new loop].</summary>
    public static readonly InstructionKind AddUnitLoop = new(AddUnitLoopPrimitive.Name, isPure: false, (sch, inputs, _, _) =>
        [inputs[0] switch
        {
            BlockRV b => sch.AddUnitLoop(b),
            LoopRV l => sch.AddUnitLoop(l),
            _ => throw new FormatException($"AddUnitLoop expects a block or loop, got {Args.Describe(inputs[0])}"),
        }]);

    /// <summary>Inputs [block]; attrs [buffer_index, axis, factor, offset]; outputs [].</summary>
    public static readonly InstructionKind StorageAlign = new(StorageAlignPrimitive.Name, isPure: false, (sch, inputs, attrs, _) =>
    {
        sch.StorageAlign(Args.Rv<BlockRV>(inputs[0], "block"), (int)Args.Long(attrs[0], "buffer_index"), (int)Args.Long(attrs[1], "axis"),
            (int)Args.Long(attrs[2], "factor"), (int)Args.Long(attrs[3], "offset"));
        return [];
    });
}

public partial class Schedule
{
    /// <summary>Wraps the block in a new unit loop; returns it.</summary>
    public LoopRV AddUnitLoop(BlockRV block)
    {
        var rv = NewLoopRV(AddUnitLoopPrimitive.ApplyToBlock(State, Get(block)));
        Record(TransformLayoutKinds.AddUnitLoop, [block], [], [rv]);
        return rv;
    }

    /// <summary>Wraps the loop in a new unit loop; returns it.</summary>
    public LoopRV AddUnitLoop(LoopRV loop)
    {
        var rv = NewLoopRV(AddUnitLoopPrimitive.ApplyToLoop(State, RealLoop(loop, AddUnitLoopPrimitive.Name)));
        Record(TransformLayoutKinds.AddUnitLoop, [loop], [], [rv]);
        return rv;
    }

    /// <summary>Asks for dimension <paramref name="axis"/> of the block's written buffer to have a stride of k·factor + offset.</summary>
    public void StorageAlign(BlockRV block, int bufferIndex, int axis, int factor, int offset)
    {
        StorageAlignPrimitive.Apply(State, Get(block), bufferIndex, axis, factor, offset);
        Record(TransformLayoutKinds.StorageAlign, [block], [(long)bufferIndex, (long)axis, (long)factor, (long)offset], []);
    }
}
