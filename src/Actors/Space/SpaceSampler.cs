using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space;

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
        Replay(ctx, space, designSpace, seed, freshDecisions: true);

    /// <summary>
    /// Replays <paramref name="trace"/> with its own decisions (e.g. a mutated trace) and runs the postprocessors;
    /// null when a postprocessor rejects it or the trace no longer applies.
    /// </summary>
    public static TracedSchedule? ApplyWithPostprocs(TuneContext ctx, ISpaceGenerator space, Trace trace, long seed) =>
        Replay(ctx, space, trace, seed, freshDecisions: false);

    private static TracedSchedule? Replay(TuneContext ctx, ISpaceGenerator space, Trace trace, long seed, bool freshDecisions)
    {
        var sch = new TracedSchedule(ctx.Func, seed);
        try
        {
            trace.ApplyTo(sch, removePostproc: true, decisionOverride: freshDecisions ? (_, _, _, _) => null : null);
            sch.EnterPostproc();
            foreach (var p in space.Postprocs)
                if (!p.Apply(ctx, sch)) return null;
        }
        catch (ScheduleError) { return null; }
        return sch;
    }
}
