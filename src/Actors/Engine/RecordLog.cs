using System.Globalization;
using System.Text.Json.Nodes;
using Akka.Actor;
using Tuner.Actors.Database;

namespace Tuner.Actors.Engine;

/// <summary>
/// The single writer of the work_dir's record log (database_tuning_record.json, TVM's format) during a session: it
/// appends a line for each journaled result, and at start makes the log hold every result the journal has — a
/// deleted, torn or short log gets the missing lines back (a torn tail was already moved aside by
/// <see cref="JsonDatabase.Open"/>); lines from elsewhere (another tool, another session) are kept.
/// </summary>
internal sealed class RecordLog : ReceiveActor
{
    public RecordLog(JsonDatabase db, JsonNode target)
    {
        Receive<AppendRecords>(a =>
        {
            db.CommitRecords(a.Events.Select(e => ToEntry(db, target, e, KnownWorkload(db, e))).ToArray());
            Sender.Tell(new RecordsAppended(a.Events.Count));
        });
        Receive<RepairRecords>(r => Sender.Tell(new RecordsAppended(Repair(db, target, r.Events))));
    }

    /// <summary>Appends the lines of journaled results the log lacks (same workload, target and trace); returns how many.</summary>
    public static int Repair(JsonDatabase db, JsonNode target, IReadOnlyList<CandidateMeasured> events)
    {
        var key = TvmJson.Write(target);
        var records = db.Records.Where(r => r.Record.TargetKey == key).ToArray();
        // The keys of a long session's traces on every core (cached for the tasks' restore): nothing else runs before the session begins.
        records.AsParallel().ForAll(r => TvmJson.Key(r.Record.Trace));
        events.AsParallel().ForAll(e => TvmJson.Key(e.Trace));
        var present = records.Select(r => (r.Workload, TvmJson.Key(r.Record.Trace))).ToHashSet();
        var missing = new List<(int, TuningRecord)>();
        foreach (var e in events)
        {
            int w = WorkloadIndex(db, e.Workload);
            if (w < 0 || !present.Add((w, TvmJson.Key(e.Trace)))) continue;
            missing.Add(ToEntry(db, target, e, w));
        }
        db.CommitRecords(missing);
        return missing.Count;
    }

    private static int KnownWorkload(JsonDatabase db, CandidateMeasured e) => WorkloadIndex(db, e.Workload) is >= 0 and var w ? w
        : throw new InvalidOperationException($"journaled workload {e.Workload} is not in the workload log");

    private static (int, TuningRecord) ToEntry(JsonDatabase db, JsonNode target, CandidateMeasured e, int workload) =>
        (workload, ToRecord(e, target, JsonDatabase.ArgsInfo(db.Workloads[workload].Func)));

    private static int WorkloadIndex(JsonDatabase db, string hash)
    {
        var h = ulong.Parse(hash, CultureInfo.InvariantCulture);
        var all = db.Workloads;
        for (int i = 0; i < all.Count; i++) if (all[i].Hash == h) return i;
        return -1;
    }

    /// <summary>The tuning record of a journaled result (a failed candidate: run_secs [1e10]).</summary>
    public static TuningRecord ToRecord(CandidateMeasured e, JsonNode target, JsonNode argsInfo)
    {
        var trace = JsonNode.Parse(e.Trace)!;
        return e.Valid ? new TuningRecord(trace, e.RunSecs!, target, argsInfo) : TuningRecord.Failed(trace, target, argsInfo);
    }
}
