namespace Tuner.Ir.Schedule;

/// <summary>TVM's unroll(loop): marks the loop to be unrolled (T.unroll). No precondition beyond the loop existing.</summary>
public static class UnrollPrimitive
{
    public const string Name = "Unroll";

    public static void Apply(ScheduleState s, Var loop) => ForKindCore.Apply(s, Name, loop, ForKind.Unrolled, null, checkParallel: false);

    /// <summary>Inputs [loop]; attrs []; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, _, _) =>
    {
        sch.Unroll(Args.Rv<LoopRV>(inputs[0], "loop"));
        return [];
    });
}
