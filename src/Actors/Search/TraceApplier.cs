using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>A program of the search: its full trace (decisions and postprocessing included), the scheduled function and its structural hash.</summary>
public sealed record SampledProgram(Trace Trace, PrimFunc Func, ulong Hash);

/// <summary>
/// Turns a trace into a program the way TVM's ThreadedTraceApply does: replay the trace's instructions before
/// EnterPostproc on a fresh schedule of the workload (keeping its decisions, or drawing fresh ones), then
/// EnterPostproc and every postprocessor of the space. Any failure of the replay or a postprocessor means "no
/// program" (null), never an exception: the search treats it as an invalid candidate (style §5). Thread-safe.
/// </summary>
public sealed class TraceApplier(TuneContext ctx, ISpaceGenerator space)
{
    private int _failures;
    private string? _firstFailure;

    /// <summary>How many applications failed so far, and the first failure's message (for the task log).</summary>
    public (int Count, string? First) Failures => (_failures, _firstFailure);

    /// <summary>
    /// Replays <paramref name="trace"/> (postprocessing dropped) on the workload with a random engine seeded by
    /// <paramref name="seed"/>; with <paramref name="freshDecisions"/> every sampling instruction draws anew.
    /// </summary>
    public SampledProgram? Apply(Trace trace, long seed, bool freshDecisions = false)
    {
        var sch = new TracedSchedule(ctx.Func, seed);
        try
        {
            trace.ApplyTo(sch, removePostproc: true, freshDecisions ? (_, _, _, _) => null : null);
            sch.EnterPostproc();
            foreach (var p in space.Postprocs)
                if (!p.Apply(ctx, sch)) return Fail($"postprocessor {p.Name} rejected the candidate");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // TVM discards a candidate on any error of its rules/postprocs; so do we, counting it for the log.
            return Fail(e.Message);
        }
        return new SampledProgram(sch.Trace, sch.Func, StructuralHash.Hash(sch.Func));
    }

    private SampledProgram? Fail(string message)
    {
        if (Interlocked.Increment(ref _failures) == 1) _firstFailure = message;
        return null;
    }

    /// <summary>
    /// The design space: the space generator's schedules, their traces without postprocessing and without unused
    /// pure instructions (TVM keeps <c>trace.Simplified(remove_postproc=True)</c>).
    /// </summary>
    public IReadOnlyList<Trace> DesignSpace() => space.Generate(ctx).Select(s => s.Trace.Simplified(removePostproc: true)).ToArray();
}
