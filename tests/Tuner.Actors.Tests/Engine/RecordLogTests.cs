using Akka.Actor;
using Akka.TestKit.Xunit2;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tests.Engine;

/// <summary>The RecordLog actor under TestKit: it appends journaled results, and a repair adds only what the log lacks.</summary>
public sealed class RecordLogTests : TestKit, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-recordlog-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Appended_results_become_TVM_records_and_a_repair_adds_only_the_missing_ones()
    {
        var db = JsonDatabase.Open(_dir);
        var task = TuneTask.Extract(Workloads.Matmul(16), db)[0];
        var target = System.Text.Json.Nodes.JsonNode.Parse(Target.Parse("llvm -num-cores 2").ToJson())!;
        var w = task.Workload.Hash.ToString();
        const string trace = "[[],[]]";
        CandidateMeasured Event(long id, string t, double? secs) =>
            new(id, 0, w, t, secs is { } s ? [s] : null, secs is null ? "build failed" : null, secs is null ? "Build" : null);
        var traceA = """[[["GetBlock",[],["matmul","main"],["b0"]]],[]]""";
        var traceB = """[[["GetBlock",[],["matmul","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]]],[]]""";
        var log = Sys.ActorOf(Props.Create(() => new RecordLog(db, target)));

        log.Tell(new AppendRecords([Event(0, trace, 2e-6) with { Baseline = true }, Event(1, traceA, 1e-6)]));
        Assert.Equal(2, ExpectMsg<RecordsAppended>().Lines);
        log.Tell(new RepairRecords([Event(1, traceA, 1e-6), Event(2, traceB, null)]));
        Assert.Equal(1, ExpectMsg<RecordsAppended>().Lines);

        var records = JsonDatabase.OpenReadOnly(_dir).Records.Select(r => r.Record).ToList();
        Assert.Equal(3, records.Count);
        Assert.True(records[0].IsUntuned && records[0].IsValid);
        Assert.Equal(1e-6, records[1].MeanRunSecs);
        Assert.False(records[2].IsValid);
        Assert.Equal([TuningRecord_FailedSecs], records[2].RunSecs!);
    }

    private const double TuningRecord_FailedSecs = TuningRecord.FailedRunSecs;

    void IDisposable.Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}
