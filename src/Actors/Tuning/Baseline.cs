using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Ir;

namespace Tuner.Actors.Tuning;

/// <summary>
/// Not in TVM: each task's untuned function, measured once per work_dir and target like a candidate (built, run and
/// verified like a candidate by the engine's TaskTuner), is stored in the database as a record with an empty trace
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
}
