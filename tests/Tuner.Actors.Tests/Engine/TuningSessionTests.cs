using Akka.Actor;
using Akka.Persistence;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Search;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tests.Tuning;
using Tuner.Actors.Tuning;
using Tuner.Ir.Analysis;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// The session on a real SQLite journal (work_dir/journal.db) and real builds and runs: what is journaled, how the
/// record log follows it, and what recovery does with a batch that was proposed but never measured.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TuningSessionTests : EngineTestSupport
{
    [Fact]
    public void The_journal_holds_each_measured_candidate_once_and_the_record_log_is_exactly_its_projection()
    {
        var module = Workloads.Matmul(16);
        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 12, Quick(4));

        Assert.Equal(12, summary.TrialsThisRun);
        var s = Session();
        Assert.True(s.Completed);
        Assert.Equal((12, 12, 0), (s.Trials, s.Budget, s.Pending));
        Assert.Single(s.Measured, m => m.Baseline);
        var journal = JournalTraces(s);
        Assert.Equal(journal.Order(), RecordTraces().Order());
        Assert.Equal(12, Programs(module.PrimFuncs.Single().Func, journal).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(WorkDir, EngineConfig.JournalFile)));
    }

    [Fact]
    public void A_torn_and_then_a_deleted_record_log_are_repaired_from_the_journal_on_the_next_start()
    {
        var module = Workloads.Matmul(16);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4));
        var expected = RecordTraces().Order().ToList();
        var file = Path.Combine(WorkDir, JsonDatabase.RecordFile);
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text[..(text.Length - 40)]); // the last line cut mid-way, as by kill -9 during a write

        var warnings = new StringWriter();
        var again = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { Error = warnings });
        Assert.Equal(0, again.TrialsThisRun);
        Assert.Equal(expected, RecordTraces().Order());
        Assert.True(File.Exists(JsonDatabase.RejectedPath(file)), "the torn line was not moved aside");
        Assert.Contains("restored from journal.db", warnings.ToString());

        File.Delete(file);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { Error = TextWriter.Null });
        Assert.Equal(expected, RecordTraces().Order());
        Assert.Equal(8, JsonDatabase.OpenReadOnly(WorkDir).Records.Count(r => !r.Record.IsUntuned));
    }

    [Fact]
    public void A_batch_proposed_before_a_crash_is_measured_first_and_never_proposed_again()
    {
        var module = Workloads.Matmul(16);
        var pending = SeedPendingBatch(module, 4);

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 6, Quick(4));

        Assert.Equal(6, summary.TrialsThisRun);
        var records = RecordTraces();
        Assert.Equal(6, records.Count);
        Assert.All(pending, p => Assert.Contains(p, records));
        Assert.Equal(6, Programs(module.PrimFuncs.Single().Func, records).Distinct().Count());
        var s = Session();
        Assert.Equal((6, 0), (s.Trials, s.Pending));
    }

    [Fact]
    public void A_pending_batch_larger_than_what_the_budget_leaves_is_cut_and_the_rest_dropped()
    {
        var module = Workloads.Matmul(16);
        var pending = SeedPendingBatch(module, 4);

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 3, Quick(4) with { MeasureBaseline = false });

        Assert.Equal(3, summary.TrialsThisRun);
        Assert.Equal(pending.Take(3), RecordTraces());
        var s = Session();
        Assert.Equal((3, 0), (s.Trials, s.Pending));
    }

    [Fact]
    public void A_session_resumed_from_a_snapshot_keeps_counting_from_it_and_its_journal_still_matches_the_record_log()
    {
        var module = Workloads.Matmul(16);
        var options = Quick(4) with { EngineHocon = "tuner.engine.snapshot-every = 4", MeasureBaseline = false };
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, options);
        var more = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 12, options);

        Assert.Equal(4, more.TrialsThisRun);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(WorkDir, EngineConfig.JournalFile)};Mode=ReadOnly"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM snapshot";
            Assert.True(Convert.ToInt64(cmd.ExecuteScalar()) >= 2, "no snapshots were saved");
        }
        var s = Session();
        Assert.Equal((12, 12), (s.Trials, s.Budget));
        Assert.Equal(JournalTraces(s).Order(), RecordTraces().Order());
    }

    [Fact]
    public void A_raised_budget_is_journaled_before_the_run_that_spends_it_and_each_run_journals_its_finished_task()
    {
        var module = Workloads.Matmul(16);
        var options = Quick(4) with { MeasureBaseline = false };
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, options);
        var first = Session();
        Assert.Equal((TaskFinished.BudgetSpent, 8), (Assert.Single(first.Finished).Reason, first.Finished[0].Trials));

        var errors = new StringWriter();
        var more = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 12, options with { Error = errors });

        Assert.Equal(4, more.TrialsThisRun);
        Assert.Contains("8/8 trials measured in it, budget raised to 12", errors.ToString());
        var s = Session();
        Assert.Equal((12, 12, true), (s.Trials, s.Budget, s.Completed));
        var finished = Assert.Single(s.Finished);
        Assert.Equal((0, TaskFinished.BudgetSpent, 12), (finished.Task, finished.Reason, finished.Trials));
        Assert.NotNull(finished.BestSecs);
        var manifests = JournalManifests();
        var second = manifests[manifests.LastIndexOf("BudgetRaised.v1")..];
        Assert.Equal(["BudgetRaised.v1", "SessionStarted.v1", "TrialsGranted.v1", "CandidatesProposed.v1", .. Enumerable.Repeat("CandidateMeasured.v2", 4),
            "TaskFinished.v1", "SessionCompleted.v1"], second);
        Assert.Single(manifests, "BudgetRaised.v1");
    }

    [Fact]
    public void Every_batch_is_preceded_by_its_journaled_grant_and_the_grants_never_commit_more_than_the_budget()
    {
        var first = Workloads.MatmulScript(16, "mm16");
        var second = Workloads.MatmulScript(32, "mm32");
        var module = Tuner.Ir.Script.TvmScript.ParseModule(first + "\n" + second[second.IndexOf("    @T.prim_func", StringComparison.Ordinal)..]);
        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 14, Quick(4) with { MeasureBaseline = false });

        Assert.Equal(14, summary.TrialsThisRun);
        var events = JournalEvents();
        var grants = events.OfType<TrialsGranted>().ToList();
        Assert.Equal([0, 1], grants.Take(2).Select(g => g.Task)); // the first round: every task once, in order
        Assert.All(grants, g => Assert.InRange(g.Committed, g.Trials, 14));
        Assert.Equal(14, grants.Sum(g => g.Trials)); // nothing failed here, so every granted trial was proposed and measured
        TrialsGranted? open = null;
        foreach (var e in events)
        {
            if (e is TrialsGranted g) { Assert.Null(open); open = g; }
            if (e is not CandidatesProposed p) continue;
            Assert.NotNull(open); // one task at a time on one host: the batch follows its own grant
            Assert.Equal((open.Task, open.Workload), (p.Task, p.Workload));
            Assert.InRange(p.Candidates.Count, 1, open.Trials);
            open = null;
        }
    }

    /// <summary>The session's journaled events, in order.</summary>
    private List<IEngineEvent> JournalEvents() => JournalRows().Select(r => EventSerializer.Deserialize(r.Message, r.Manifest)).ToList();

    /// <summary>The manifests of the session's journaled events, in order.</summary>
    private List<string> JournalManifests() => JournalRows().Select(r => r.Manifest).ToList();

    private List<(byte[] Message, string Manifest)> JournalRows()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(WorkDir, EngineConfig.JournalFile)};Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT message, manifest FROM journal ORDER BY sequence_number";
        using var r = cmd.ExecuteReader();
        var list = new List<(byte[], string)>();
        while (r.Read()) list.Add(((byte[])r[0], r.GetString(1)));
        return list;
    }

    /// <summary>
    /// Journals a batch of <paramref name="count"/> distinct candidates (sampled from the test space) as the session of
    /// this module would have proposed it before being killed; returns their canonical traces.
    /// </summary>
    private List<string> SeedPendingBatch(Tuner.Ir.IRModule module, int count)
    {
        Directory.CreateDirectory(WorkDir);
        var db = JsonDatabase.Open(WorkDir);
        var tasks = TuneTask.Extract(module, db);
        var func = tasks[0].Workload.Func;
        var strategy = new ReplayTraceStrategy(new TuneContext(func, "main", 2, "llvm", 7), new TestSpace(), new MeasuredPrograms(), 5);
        var candidates = strategy.GenerateMeasureCandidates(count)!;
        Assert.Equal(count, candidates.Count);
        var batch = new CandidatesProposed(0, tasks[0].Workload.Hash.ToString(),
            candidates.Select((c, i) => new ProposedCandidate(i + 1, c.Trace.ToJson(), StructuralHash.Hash(c.Scheduled).ToString())).ToArray());
        var id = TuningEngine.SessionId(tasks, System.Text.Json.Nodes.JsonNode.Parse(Cpu.ToJson())!);
        using (var system = ActorSystem.Create("seed", EngineConfig.ForWorkDir(WorkDir)))
        {
            var done = new TaskCompletionSource();
            system.ActorOf(Props.Create(() => new Seeder(id, batch, done)));
            Assert.True(done.Task.Wait(TimeSpan.FromSeconds(30)), "the batch was not journaled");
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
        return candidates.Select(c => TvmJson.Write(System.Text.Json.Nodes.JsonNode.Parse(c.Trace.ToJson())!)).ToList();
    }

    /// <summary>Stands in for a session that journaled a batch and died before measuring it.</summary>
    private sealed class Seeder : ReceivePersistentActor
    {
        public Seeder(string id, CandidatesProposed batch, TaskCompletionSource done)
        {
            PersistenceId = id;
            Recover<object>(_ => { });
            Command<string>(_ => Persist(batch, _ => done.SetResult()));
        }

        public override string PersistenceId { get; }

        protected override void PreStart() { base.PreStart(); Self.Tell("go"); }
    }
}
