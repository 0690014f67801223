namespace Tuner.Ir.Schedule;

/// <summary>TVM's parallel(loop): runs the loop's iterations in parallel (T.parallel). Precondition: every block under the loop binds the loop var only to data-parallel iters, with affine bindings.</summary>
public static class ParallelPrimitive
{
    public const string Name = "Parallel";

    public static void Apply(ScheduleState s, Var loop) => ForKindCore.Apply(s, Name, loop, ForKind.Parallel, null, checkParallel: true);

    /// <summary>Inputs [loop]; attrs []; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, _, _) =>
    {
        sch.Parallel(Args.Rv<LoopRV>(inputs[0], "loop"));
        return [];
    });
}
