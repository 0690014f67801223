using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Ir;

namespace Tuner.Actors.Tuning;

/// <summary>
/// Not in TVM: each task's untuned function, measured once per work_dir and target like a candidate (built, run and
/// verified by the same <see cref="CandidateMeasurer"/>), is stored in the database as a record with an empty trace
/// (<see cref="TuningRecord.IsUntuned"/>; TVM replays it as the identity). It is not a trial: it does not count
/// towards the budgets. It is the point every candidate must beat: the search and the task scheduler start from its
/// latency, the progress table and <c>tuner records</c> show it, and apply keeps the untuned function when no
/// candidate beats it. Only a valid measurement is stored, so a failed one is retried by the next run.
/// </summary>
public static class Baseline
{
    /// <summary>The empty trace in TVM's JSON form.</summary>
    public static JsonNode Trace() => JsonNode.Parse(new Tuner.Ir.Schedule.Trace().ToJson())!;

    /// <summary>The stored untuned record of a workload for a target (the fastest, should there be several), or null.</summary>
    public static TuningRecord? Find(JsonDatabase db, int workload, JsonNode target) =>
        db.RecordsOf(workload, target).Where(r => r.IsUntuned && r.IsValid).MinBy(r => r.MeanRunSecs);

    /// <summary>
    /// Measures the untuned <paramref name="workload"/> and returns its record (a failed measurement gives a failed
    /// record, run_secs [1e10]) with the measurement, whose error says why it failed.
    /// </summary>
    public static (TuningRecord Record, MeasureResult Result) Measure(CandidateMeasurer measurer, PrimFunc workload, JsonNode target, CancellationToken ct = default)
    {
        var m = measurer.Measure(workload, [workload], ct)[0];
        var args = JsonDatabase.ArgsInfo(workload);
        var record = m.Ok && m.RunSecs is { Count: > 0 } secs
            ? new TuningRecord(Trace(), secs, target, args)
            : TuningRecord.Failed(Trace(), target, args);
        return (record, m);
    }

    /// <summary>
    /// The stored baseline, else a fresh measurement committed to <paramref name="db"/> when valid. Returns the
    /// record (null when the measurement failed; <paramref name="failure"/> says why) and whether it was measured now.
    /// </summary>
    public static TuningRecord? Ensure(JsonDatabase db, int workload, PrimFunc func, JsonNode target, CandidateMeasurer measurer,
        out MeasureResult? failure, out bool measuredNow, CancellationToken ct = default)
    {
        failure = null;
        measuredNow = false;
        if (Find(db, workload, target) is { } stored) return stored;
        var (record, result) = Measure(measurer, func, target, ct);
        measuredNow = true;
        if (!record.IsValid) { failure = result; return null; }
        db.CommitRecord(workload, record);
        return record;
    }
}
