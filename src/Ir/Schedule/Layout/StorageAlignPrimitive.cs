namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's storage_align(block, buffer_index, axis, factor, offset): asks that the stride of dimension
/// <c>axis</c> of the block's written buffer be padded to <c>k·factor + offset</c> (to avoid cache-set or bank
/// conflicts). Recorded as TVM does, in the block annotation <c>buffer_dim_align</c>
/// (<c>[[[axis, factor, offset], ...] per write buffer]</c>); the lowering keeps buffers compact (**Ours**: the
/// annotation does not change the C we generate yet), so values are unaffected.
/// Preconditions: the write index is in range; the buffer is allocated in the function (not a parameter);
/// 0 ≤ axis &lt; rank; factor &gt; 0; 0 ≤ offset.
/// </summary>
public static class StorageAlignPrimitive
{
    public const string Name = "StorageAlign";
    public const string AnnotationKey = "buffer_dim_align";

    public static void Apply(ScheduleState s, string block, int bufferIndex, int axis, int factor, int offset)
    {
        var br = s.FindBlock(block, Name);
        if (bufferIndex < 0 || bufferIndex >= br.Block.Writes.Count)
            throw new ScheduleError(Name, $"block '{block}' has {br.Block.Writes.Count} write buffer(s); index {bufferIndex} is out of range");
        var buf = br.Block.Writes[bufferIndex].Buffer;
        if (s.Func.ParamBuffers.Any(p => ReferenceEquals(p, buf)))
            throw new ScheduleError(Name, $"buffer '{buf.Name}' is a parameter; only allocated buffers can be aligned");
        if (axis < 0 || axis >= buf.Rank) throw new ScheduleError(Name, $"axis {axis} is out of range for buffer '{buf.Name}' of rank {buf.Rank}");
        if (factor <= 0) throw new ScheduleError(Name, $"factor must be positive, got {factor}");
        if (offset < 0) throw new ScheduleError(Name, $"offset must not be negative, got {offset}");

        // One list per write buffer; an entry for the same axis is replaced, as TVM.
        var perBuffer = Enumerable.Range(0, br.Block.Writes.Count).Select(_ => new List<Expr>()).ToList();
        if (br.Block.Annotations[AnnotationKey] is Call { Op: "list" } old)
            for (int i = 0; i < Math.Min(old.Args.Count, perBuffer.Count); i++)
                if (old.Args[i] is Call { Op: "list" } entries) perBuffer[i].AddRange(entries.Args);
        var i32 = DataType.Int32;
        perBuffer[bufferIndex].RemoveAll(e => e is Call { Args: [IntImm a, ..] } && a.Value == axis);
        perBuffer[bufferIndex].Add(List(new IntImm(i32, axis), new IntImm(i32, factor), new IntImm(i32, offset)));
        var value = List(perBuffer.Select(l => List(l.ToArray())).ToArray());
        s.Replace(br.Block, br.Block with { Annotations = br.Block.Annotations.Set(AnnotationKey, value) });
    }

    private static Call List(params Expr[] items) => new(DataType.Handle, "list", items.ToSeq());
}
