using System.Text;
using Akka.TestKit.Xunit2;
using Tuner.Actors.Engine;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// The journal's serializer as bound in hocon/engine.conf: every event goes through it under its newest versioned
/// manifest and reads back equal, and payloads of older versions (a SessionSnapshot.v1 without finished tasks, a
/// journal without BudgetRaised / TaskFinished) still recover.
/// </summary>
public sealed class EventSerializerTests() : TestKit(TunerSettings.HoconFile("engine.conf"))
{
    private static readonly CandidateMeasured Measured = new(3, 0, "42", "[[],[]]", [1e-6, 2e-6], null, null, Hash: "1234567890123");

    public static TheoryData<IEngineEvent, string> Events => new()
    {
        { new SessionStarted("{\"kind\":\"llvm\"}", 8, ["42"], ["mm"]), "SessionStarted.v1" },
        { new BudgetRaised(8, 12), "BudgetRaised.v1" },
        { new TrialsGranted(1, "43", 4, 12), "TrialsGranted.v1" },
        { new TaskFinished(0, "42", TaskFinished.Exhausted, 7, 1.5e-6), "TaskFinished.v1" },
        { new TaskFinished(1, "43", TaskFinished.SearchFailed, 0, null), "TaskFinished.v1" },
        { new SessionCompleted(12), "SessionCompleted.v1" },
        { Measured, "CandidateMeasured.v2" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_is_bound_to_our_serializer_and_reads_back_under_its_manifest(IEngineEvent e, string manifest)
    {
        var serializer = Assert.IsType<EventSerializer>(Sys.Serialization.FindSerializerFor(e));
        Assert.Equal(manifest, serializer.Manifest(e));
        Assert.Equivalent(e, serializer.FromBinary(serializer.ToBinary(e), manifest), strict: true);
    }

    [Fact]
    public void A_snapshot_is_written_as_v3_with_finished_tasks_and_hashes_and_a_v1_snapshot_still_restores_without_them()
    {
        var state = new SessionState();
        state.Apply(new SessionStarted("t", 8, ["42"], ["mm"]));
        state.Apply(Measured);
        state.Apply(new TaskFinished(0, "42", TaskFinished.BudgetSpent, 8, 1e-6));
        var snapshot = state.Snapshot();
        var serializer = (EventSerializer)Sys.Serialization.FindSerializerFor(snapshot);
        Assert.Equal("SessionSnapshot.v3", serializer.Manifest(snapshot));
        var restored = new SessionState();
        restored.Apply((IEngineEvent)serializer.FromBinary(serializer.ToBinary(snapshot), "SessionSnapshot.v3"));
        Assert.Equal(TaskFinished.BudgetSpent, Assert.Single(restored.Finished).Reason);
        Assert.Equal((8, 1), (restored.Budget, restored.Trials));
        Assert.Equal("1234567890123", Assert.Single(restored.Measured).Hash);

        // As the engine before v2 wrote it: no "finished" field.
        const string v1 = """{"nextId":4,"budget":8,"completed":true,"measured":[{"id":3,"task":0,"workload":"42","trace":"[[],[]]","runSecs":[1e-6],"error":null,"failure":null,"baseline":false}],"pending":[],"lastActivity":null}""";
        var old = new SessionState();
        old.Apply(EventSerializer.Deserialize(Encoding.UTF8.GetBytes(v1), "SessionSnapshot.v1"));
        Assert.Empty(old.Finished);
        Assert.Equal((8, 1, 4L, true), (old.Budget, old.Trials, old.NextId, old.Completed));
        Assert.Null(Assert.Single(old.Measured).Hash);
    }

    [Fact]
    public void A_v1_measured_event_without_a_hash_still_reads()
    {
        const string v1 = """{"id":3,"task":0,"workload":"42","trace":"[[],[]]","runSecs":[1e-6],"error":null,"failure":null,"baseline":false}""";
        var m = Assert.IsType<CandidateMeasured>(EventSerializer.Deserialize(Encoding.UTF8.GetBytes(v1), "CandidateMeasured.v1"));
        Assert.Equal((3L, (string?)null, true), (m.Id, m.Hash, m.Valid));
    }

    [Fact]
    public void A_raised_budget_is_the_sessions_budget_and_a_new_run_clears_the_finished_tasks()
    {
        var state = new SessionState();
        state.Apply(new SessionStarted("t", 8, ["42"], ["mm"]));
        state.Apply(new TaskFinished(0, "42", TaskFinished.BudgetSpent, 8, null));
        state.Apply(new BudgetRaised(8, 12));
        Assert.Equal(12, state.Budget);
        Assert.Single(state.Finished);
        state.Apply(new SessionStarted("t", 12, ["42"], ["mm"]));
        Assert.Empty(state.Finished);
    }
}
