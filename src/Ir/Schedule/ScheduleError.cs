namespace Tuner.Ir.Schedule;

/// <summary>
/// A schedule primitive's precondition does not hold. The message names the primitive, the block or loop and why,
/// e.g. "Reorder: loops l1 and l3 are not in the same loop nest". Subtypes per primitive live beside it.
/// </summary>
public class ScheduleError(string primitive, string reason) : Exception($"{primitive}: {reason}")
{
    public string Primitive { get; } = primitive;
    public string Reason { get; } = reason;
}
