namespace Tuner.Ir.Schedule;

/// <summary>TVM's vectorize(loop): marks the loop for vectorization (T.vectorized). Precondition: every block under the loop binds the loop var only to data-parallel iters, with affine bindings.</summary>
public static class VectorizePrimitive
{
    public const string Name = "Vectorize";

    public static void Apply(ScheduleState s, Var loop) => ForKindCore.Apply(s, Name, loop, ForKind.Vectorized, null, checkParallel: true);

    /// <summary>Inputs [loop]; attrs []; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, _, _) =>
    {
        sch.Vectorize(Args.Rv<LoopRV>(inputs[0], "loop"));
        return [];
    });
}
