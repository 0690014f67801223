namespace Tuner.Ir.Schedule;

/// <summary>The one table of instruction kinds, by the names TVM's trace JSON uses.</summary>
public static class InstructionKinds
{
    private static readonly Dictionary<string, InstructionKind> Table = new[]
    {
        GetBlockPrimitive.Kind, GetLoopsPrimitive.Kind, GetChildBlocksPrimitive.Kind, GetProducersPrimitive.Kind, GetConsumersPrimitive.Kind,
        SplitPrimitive.Kind, FusePrimitive.Kind, ReorderPrimitive.Kind,
        ParallelPrimitive.Kind, VectorizePrimitive.Kind, UnrollPrimitive.Kind, BindPrimitive.Kind,
        AnnotatePrimitive.Kind, UnannotatePrimitive.Kind,
        SampleCategoricalPrimitive.Kind, SamplePerfectTilePrimitive.Kind, SampleComputeLocationPrimitive.Kind,
        EnterPostprocPrimitive.Kind,
        BlockInstructionKinds.CacheRead, BlockInstructionKinds.CacheWrite,
        BlockInstructionKinds.ComputeAt, BlockInstructionKinds.ReverseComputeAt,
        BlockInstructionKinds.ComputeInline, BlockInstructionKinds.ReverseComputeInline,
        BlockInstructionKinds.DecomposeReduction, BlockInstructionKinds.RFactor,
        TransformLayoutKinds.TransformLayout, TransformLayoutKinds.AddUnitLoop, TransformLayoutKinds.StorageAlign, TransformLayoutKinds.ReIndex,
    }.ToDictionary(k => k.Name);

    public static IEnumerable<InstructionKind> All => Table.Values;

    public static InstructionKind? TryGet(string name) => Table.GetValueOrDefault(name);

    public static InstructionKind Get(string name) => TryGet(name) ?? throw new KeyError(name);

    private sealed class KeyError(string name) : KeyNotFoundException($"unknown instruction kind '{name}'");
}
