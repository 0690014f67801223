namespace Tuner.Ir.Schedule;

/// <summary>
/// A schedule that records every primitive it applies as an <see cref="Instruction"/> (with the sampling decision
/// beside it) in <see cref="Trace"/>. Replaying that trace on the unscheduled function reproduces the IR.
/// </summary>
public sealed class TracedSchedule : Schedule
{
    public TracedSchedule(PrimFunc func, long seed = -1, string funcName = "main") : base(func, seed, funcName) { }

    private TracedSchedule(TracedSchedule from) : base(from)
    {
        Trace = from.Trace.Copy();
    }

    public Trace Trace { get; } = new();

    public override Schedule Copy() => new TracedSchedule(this);

    protected override void Record(InstructionKind kind, object?[] inputs, object?[] attrs, RandomVariable[] outputs, object? decision = null) =>
        Trace.Append(new Instruction(kind, inputs, attrs, outputs), decision);
}
