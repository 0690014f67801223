namespace Tuner.Ir.Schedule;

/// <summary>Library entry for the CLI: replay a TVM-format trace JSON on a function.</summary>
public static class TraceReplay
{
    /// <summary>
    /// Parses <paramref name="traceJson"/> and applies it to <paramref name="f"/>, returning the scheduled function.
    /// Sampling instructions without a decision draw from <paramref name="seed"/>. Raises <see cref="TraceReplayException"/>
    /// naming the failing instruction's index and kind with the primitive's message (index −1 for malformed JSON).
    /// </summary>
    public static PrimFunc ApplyJson(PrimFunc f, string traceJson, long seed = 1)
    {
        Trace trace;
        try { trace = Trace.FromJson(traceJson); }
        catch (FormatException e) { throw new TraceReplayException(-1, "trace JSON", e); }
        var sch = new Schedule(f, seed);
        trace.ApplyTo(sch);
        return sch.Func;
    }
}
