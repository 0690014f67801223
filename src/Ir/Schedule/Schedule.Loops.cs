namespace Tuner.Ir.Schedule;

public partial class Schedule
{
    /// <summary>Splits a loop by constant factors (one may be null: inferred). See <see cref="SplitPrimitive"/>.</summary>
    public IReadOnlyList<LoopRV> Split(LoopRV loop, IReadOnlyList<long?> factors, bool preserveUnitIters = true, bool disablePredication = false) =>
        Split(loop, factors.Select(f => (object?)f).ToList(), preserveUnitIters, disablePredication);

    /// <summary>Splits a loop by sampled factors (one may be null: inferred). See <see cref="SplitPrimitive"/>.</summary>
    public IReadOnlyList<LoopRV> Split(LoopRV loop, IReadOnlyList<ExprRV?> factors, bool preserveUnitIters = true, bool disablePredication = false) =>
        Split(loop, factors.Select(f => (object?)f).ToList(), preserveUnitIters, disablePredication);

    /// <summary>Splits a loop; each factor is an ExprRV, an integer or null (inferred).</summary>
    public IReadOnlyList<LoopRV> Split(LoopRV loop, IReadOnlyList<object?> factors, bool preserveUnitIters = true, bool disablePredication = false)
    {
        var values = factors.Select(f => f is null ? (long?)null : Value(f, SplitPrimitive.Name)).ToList();
        var vars = SplitPrimitive.Apply(State, RealLoop(loop, SplitPrimitive.Name), values, preserveUnitIters, disablePredication);
        var rvs = vars.Select(NewLoopRV).ToArray();
        Record(SplitPrimitive.Kind, [loop, .. factors.Select(f => f is int i ? (long)i : f)], [preserveUnitIters ? 1L : 0L, disablePredication ? 1L : 0L], rvs);
        return rvs;
    }

    /// <summary>Fuses directly nested loops into one. See <see cref="FusePrimitive"/>.</summary>
    public LoopRV Fuse(IReadOnlyList<LoopRV> loops, bool preserveUnitIters = true)
    {
        var fused = NewLoopRV(FusePrimitive.Apply(State, loops.Select(l => RealLoop(l, FusePrimitive.Name)).ToList(), preserveUnitIters));
        Record(FusePrimitive.Kind, [.. loops], [preserveUnitIters ? 1L : 0L], [fused]);
        return fused;
    }

    /// <summary>Reorders loops of one nest. See <see cref="ReorderPrimitive"/>.</summary>
    public void Reorder(IReadOnlyList<LoopRV> loops)
    {
        ReorderPrimitive.Apply(State, loops.Select(l => RealLoop(l, ReorderPrimitive.Name)).ToList());
        Record(ReorderPrimitive.Kind, [.. loops], [], []);
    }

    public void Parallel(LoopRV loop)
    {
        ParallelPrimitive.Apply(State, RealLoop(loop, ParallelPrimitive.Name));
        Record(ParallelPrimitive.Kind, [loop], [], []);
    }

    public void Vectorize(LoopRV loop)
    {
        VectorizePrimitive.Apply(State, RealLoop(loop, VectorizePrimitive.Name));
        Record(VectorizePrimitive.Kind, [loop], [], []);
    }

    public void Unroll(LoopRV loop)
    {
        UnrollPrimitive.Apply(State, RealLoop(loop, UnrollPrimitive.Name));
        Record(UnrollPrimitive.Kind, [loop], [], []);
    }

    /// <summary>Binds a loop to a thread axis ("threadIdx.x", "blockIdx.x", ...).</summary>
    public void Bind(LoopRV loop, string threadAxis)
    {
        BindPrimitive.Apply(State, RealLoop(loop, BindPrimitive.Name), threadAxis);
        Record(BindPrimitive.Kind, [loop], [threadAxis], []);
    }

    /// <summary>Annotates a block; value: integer, float, string or ExprRV (its value).</summary>
    public void Annotate(BlockRV block, string key, object value)
    {
        AnnotatePrimitive.ApplyToBlock(State, Get(block), key, AnnotationValue(value));
        Record(AnnotatePrimitive.Kind, [block, Normalize(value)], [key], []);
    }

    /// <summary>Annotates a loop; value: integer, float, string or ExprRV (its value).</summary>
    public void Annotate(LoopRV loop, string key, object value)
    {
        AnnotatePrimitive.ApplyToLoop(State, RealLoop(loop, AnnotatePrimitive.Name), key, AnnotationValue(value));
        Record(AnnotatePrimitive.Kind, [loop, Normalize(value)], [key], []);
    }

    public void Unannotate(BlockRV block, string key)
    {
        UnannotatePrimitive.ApplyToBlock(State, Get(block), key);
        Record(UnannotatePrimitive.Kind, [block], [key], []);
    }

    public void Unannotate(LoopRV loop, string key)
    {
        UnannotatePrimitive.ApplyToLoop(State, RealLoop(loop, UnannotatePrimitive.Name), key);
        Record(UnannotatePrimitive.Kind, [loop], [key], []);
    }

    /// <summary>Marks the start of postprocessing in the trace.</summary>
    public void EnterPostproc() => Record(EnterPostprocPrimitive.Kind, [], [], []);

    private Expr AnnotationValue(object value) =>
        AnnotatePrimitive.ToExpr(value is ExprRV e ? Get(e) : value);

    private static object Normalize(object value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
