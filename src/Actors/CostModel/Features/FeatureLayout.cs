namespace Tuner.Actors.CostModel.Features;

/// <summary>
/// The 164 values of one row (one BufferStore), in TVM's PerStoreFeature order:
/// group 1 (57) arithmetic and loop annotations, group 2 (5 × 18) per-buffer access, group 3 (10) arithmetic
/// intensity curve, group 4 (4) allocation, group 5 (3) outer loops. Counts are log2(1+x)-scaled ("slog").
/// </summary>
public static class FeatureLayout
{
    public const int Group1 = 57, BufferFeatures = 18, Buffers = 5, Group2 = BufferFeatures * Buffers, Group3 = 10, Group4 = 4, Group5 = 3;
    public const int Count = Group1 + Group2 + Group3 + Group4 + Group5;

    // Group 1 offsets.
    public const int FloatMad = 0, FloatAddSub = 1, FloatMul = 2, FloatDivMod = 3, FloatCmp = 4, FloatMathFunc = 5, FloatOtherFunc = 6;
    public const int IntMad = 7, IntAddSub = 8, IntMul = 9, IntDivMod = 10, IntCmp = 11, IntMathFunc = 12, IntOtherFunc = 13;
    public const int BoolOp = 14, SelectOp = 15;
    /// <summary>Vectorize, unroll, parallel blocks: num, prod, len, then 8 one-hot loop positions each.</summary>
    public const int Vectorize = 16, Unroll = 27, Parallel = 38, Gpu = 49;
    public const int AnnotationBlock = 11;

    public const int Group2Start = Group1;
    public const int Group3Start = Group2Start + Group2;
    public const int Group4Start = Group3Start + Group3;
    public const int Group5Start = Group4Start + Group4;

    // Per-buffer offsets inside a group-2 block.
    public const int AccRead = 0, AccWrite = 1, AccReadWrite = 2, Bytes = 3, UniqueBytes = 4, Lines = 5, UniqueLines = 6;
    public const int ReuseLoopMultipleRead = 7, ReuseSerialMultipleReadWrite = 8, ReuseNone = 9;
    public const int ReuseDisIter = 10, ReuseDisBytes = 11, ReuseCt = 12;
    public const int BytesDReuseCt = 13, UniqueBytesDReuseCt = 14, LinesDReuseCt = 15, UniqueLinesDReuseCt = 16, Stride = 17;

    /// <summary>TVM's log scaling of counts: sign(x)·log2(|x| + 1).</summary>
    public static float Slog(double x) => (float)(x >= 0 ? Math.Log2(x + 1) : -Math.Log2(-x + 1));
}

/// <summary>Where an annotated loop sits in its nest (TVM's LoopPosition one-hot).</summary>
public enum LoopPosition { None, InnerSpatial, MiddleSpatial, OuterSpatial, InnerReduce, MiddleReduce, OuterReduce, Mixed }
