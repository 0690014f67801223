using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tuning;

public static partial class Tuning
{
    /// <summary>
    /// TVM's ApplyDatabase: each PrimFunc whose workload has a valid record for <paramref name="target"/> in
    /// <paramref name="workDir"/> is replaced by its best record's trace replayed on it (its attrs kept,
    /// <c>tir.is_scheduled</c> set to True); other functions (and Relax functions) stay as they are, and one warning
    /// through <paramref name="warn"/> (default: standard error) lists the functions left unscheduled. Not in TVM:
    /// when the best record is the untuned function's (<see cref="Baseline"/>) the function stays exactly as it is,
    /// and a note names it. The database is only read.
    /// </summary>
    public static IRModule ApplyDatabase(IRModule module, Target target, string workDir, Action<string>? warn = null)
    {
        warn ??= Console.Error.WriteLine;
        var db = JsonDatabase.OpenReadOnly(workDir, warn);
        var targetJson = JsonNode.Parse(target.ToJson())!;
        var missing = new List<string>();
        var kept = new List<string>();
        var result = module;
        foreach (var entry in module.PrimFuncs)
        {
            var scheduled = TryApplyBest(db, targetJson, entry.Func, out var why, out bool untunedBest);
            if (untunedBest) { kept.Add(entry.Name); continue; }
            if (scheduled is null) { missing.Add(why is null ? entry.Name : $"{entry.Name} ({why})"); continue; }
            result = result.WithFunc(entry.Name, scheduled);
        }
        if (kept.Count > 0)
            warn($"note: no tuned schedule beats the untuned function; kept as is: {string.Join(", ", kept)}");
        if (missing.Count > 0)
            warn($"warning: no tuning record for target '{target}' in {workDir}; left unscheduled: {string.Join(", ", missing)}");
        return result;
    }

    /// <summary>
    /// The function scheduled by its best valid record, or null: with <paramref name="untunedBest"/> when the best
    /// record is the untuned function's, with the reason when a record exists but does not replay.
    /// </summary>
    internal static PrimFunc? TryApplyBest(JsonDatabase db, JsonNode target, PrimFunc f, out string? why, out bool untunedBest)
    {
        why = null;
        untunedBest = false;
        int w = db.FindWorkload(f);
        if (w < 0) return null;
        foreach (var record in db.GetTopK(w, target, 3)) // fall back to the next best when a trace no longer replays
        {
            if (record.IsUntuned) { untunedBest = true; return null; }
            try
            {
                var sch = new Schedule(f, seed: 1);
                Trace.FromJson(record.Trace.ToJsonString()).ApplyTo(sch);
                return sch.Func with { Attrs = f.Attrs.Set("tir.is_scheduled", IntImm.True), IsPrivate = f.IsPrivate };
            }
            catch (Exception e) when (e is FormatException or ScheduleError) { why = $"best record does not replay: {e.Message}"; }
        }
        return null;
    }
}
