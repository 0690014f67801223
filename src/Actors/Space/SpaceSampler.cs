using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space;

/// <summary>A sampled or replayed candidate, or why there is none (the rejecting postprocessor or the primitive's error).</summary>
public sealed record SampleResult(TracedSchedule? Schedule, string? Rejection);

/// <summary>
/// Draws candidates from a design space as TVM's ReplayTrace / ThreadedTraceApply do: replay a design-space trace
/// (postprocessing dropped) on a fresh schedule of the workload with every sampling decision redrawn, mark
/// EnterPostproc, run the postprocessors in order. Seed + trace reproduce the candidate exactly.
/// </summary>
public static class SpaceSampler
{
    /// <summary>
    /// A random candidate of <paramref name="designSpace"/> seeded by <paramref name="seed"/>, or null when a
    /// postprocessor rejects it (or a primitive refuses the drawn decisions).
    /// </summary>
    public static TracedSchedule? Sample(TuneContext ctx, ISpaceGenerator space, Trace designSpace, long seed) =>
        Replay(ctx, space, designSpace, seed, freshDecisions: true).Schedule;

    /// <summary>As <see cref="Sample"/>, with the reason when there is no candidate.</summary>
    public static SampleResult TrySample(TuneContext ctx, ISpaceGenerator space, Trace designSpace, long seed) =>
        Replay(ctx, space, designSpace, seed, freshDecisions: true);

    /// <summary>
    /// Replays <paramref name="trace"/> with its own decisions (e.g. a mutated trace; stale ones repaired as TVM) and
    /// runs the postprocessors; null when a postprocessor rejects it or the trace no longer applies.
    /// </summary>
    public static TracedSchedule? ApplyWithPostprocs(TuneContext ctx, ISpaceGenerator space, Trace trace, long seed) =>
        Replay(ctx, space, trace, seed, freshDecisions: false).Schedule;

    private static SampleResult Replay(TuneContext ctx, ISpaceGenerator space, Trace trace, long seed, bool freshDecisions)
    {
        var sch = new TracedSchedule(ctx.Func, seed);
        try
        {
            trace.ApplyTo(sch, removePostproc: true, decisionOverride: freshDecisions ? (_, _, _, _) => null : null);
            sch.EnterPostproc();
            foreach (var p in space.Postprocs)
                if (!p.Apply(ctx, sch)) return new SampleResult(null, $"postprocessor {p.Name} rejected the schedule");
        }
        catch (ScheduleError e) { return new SampleResult(null, e.Message); }
        return new SampleResult(sch, null);
    }
}
