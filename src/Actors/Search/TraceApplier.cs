using System.Collections.Concurrent;
using System.Text;
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
/// program" (null), never an exception: the search treats it as an invalid candidate (style §5). Replays with
/// given decisions are memoised by (instruction kinds, decisions): the evolutionary search meets the same child
/// many times, and a replay costs about a millisecond. Thread-safe.
/// </summary>
public sealed class TraceApplier(TuneContext ctx, ISpaceGenerator space, int memoCapacity = 20000)
{
    private readonly ConcurrentDictionary<string, SampledProgram?> _memo = new();
    private int _failures, _memoHits;
    private string? _firstFailure;

    /// <summary>Replays answered from the memo so far.</summary>
    public int MemoHits => _memoHits;

    /// <summary>How many applications failed so far, and the first failure's message (for the task log).</summary>
    public (int Count, string? First) Failures => (_failures, _firstFailure);

    /// <summary>
    /// Replays <paramref name="trace"/> (postprocessing dropped) on the workload with a random engine seeded by
    /// <paramref name="seed"/>; with <paramref name="freshDecisions"/> every sampling instruction draws anew.
    /// </summary>
    public SampledProgram? Apply(Trace trace, long seed, bool freshDecisions = false)
    {
        if (freshDecisions) return Replay(trace, seed, true);
        var key = Key(trace);
        if (_memo.TryGetValue(key, out var known))
        {
            Interlocked.Increment(ref _memoHits);
            return known;
        }
        var p = Replay(trace, seed, false);
        if (_memo.Count >= memoCapacity) _memo.Clear(); // a crude bound; the search only needs recent programs
        _memo[key] = p;
        return p;
    }

    /// <summary>
    /// What determines the replayed program: before EnterPostproc, each instruction's kind, inputs (a random
    /// variable as the position of its definition), attrs and decision.
    /// </summary>
    private static string Key(Trace trace)
    {
        var sb = new StringBuilder();
        var rvs = new Dictionary<RandomVariable, int>(ReferenceEqualityComparer.Instance);
        foreach (var inst in trace.Instructions)
        {
            if (inst.Kind.IsPostproc) break;
            sb.Append(inst.Kind.Name).Append('(');
            foreach (var a in inst.Inputs) AppendValue(sb, a, rvs);
            sb.Append('|');
            foreach (var a in inst.Attrs) AppendValue(sb, a, rvs);
            sb.Append(')');
            foreach (var o in inst.Outputs) rvs[o] = rvs.Count;
            if (trace.GetDecision(inst) is { } d) { sb.Append('='); AppendValue(sb, d, rvs); }
            sb.Append(';');
        }
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, object? v, Dictionary<RandomVariable, int> rvs)
    {
        if (v is RandomVariable rv) { sb.Append('%').Append(rvs.GetValueOrDefault(rv, -1)).Append(','); return; }
        if (v is string or null || v is not System.Collections.IEnumerable e)
        {
            sb.Append(v is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : v).Append(',');
            return;
        }
        sb.Append('[');
        foreach (var x in e) AppendValue(sb, x, rvs);
        sb.Append(']');
    }

    private SampledProgram? Replay(Trace trace, long seed, bool freshDecisions)
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
