namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's enter_postproc(): a marker that the instructions after it come from postprocessors; traces can drop it and
/// everything after (removePostproc). Changes nothing; not pure, so Simplified keeps it.
/// </summary>
public static class EnterPostprocPrimitive
{
    public const string Name = "EnterPostproc";

    /// <summary>Inputs []; attrs []; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, _, _, _) =>
    {
        sch.EnterPostproc();
        return [];
    });
}
