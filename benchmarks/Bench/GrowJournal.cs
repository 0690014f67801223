using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Ir.Analysis;
using Tuner.Ir.Script;

/// <summary>
/// Grows a real session (made by `tuner tune` in WORKDIR on MODULE, one PrimFunc) to TOTAL measured trials, as the
/// engine would journal them — a run with a raised budget, then per batch of 64 a grant, the proposed batch of distinct
/// programs sampled from the real design space and their results (synthetic latencies: nothing is compiled), a
/// snapshot every 500 results (tuner.engine.snapshot-every) — so that the recovery of a long session can be timed
/// without hours of tuning. The record log is left as it was: the next start repairs it from the journal.
/// </summary>
internal static class GrowJournal
{
    public static void Run(string workDir, string modulePath, int total)
    {
        var module = TvmScript.ParseModule(File.ReadAllText(modulePath), modulePath);
        var entry = module.PrimFuncs.Single();
        var task = (Name: entry.Name, Workload: Workload.FromFunc(entry.Func));
        var (id, started, state) = ReadSession(workDir);
        if (state.Trials >= total) { Console.WriteLine($"{id} has {state.Trials} trials already"); return; }

        // Distinct programs from the real space (the ones measured so far excluded), sampled as the replay strategy does.
        var clock = Stopwatch.StartNew();
        var measured = new MeasuredPrograms();
        foreach (var m in state.Measured) if (ulong.TryParse(m.Hash, out var h)) measured.Add(h);
        var strategy = new ReplayTraceStrategy(new TuneContext(task.Workload.Func, task.Name, 2, "llvm", 4242), SpaceGenerators.Cpu(), measured, 50);
        var candidates = new List<(string Trace, string Hash)>();
        while (state.Trials + candidates.Count < total)
        {
            var batch = strategy.GenerateMeasureCandidates(Math.Min(64, total - state.Trials - candidates.Count));
            if (batch is null || batch.Count == 0) throw new InvalidOperationException($"the space ran out after {candidates.Count} distinct programs");
            candidates.AddRange(batch.Select(c => (c.Trace.ToJson(), StructuralHash.Hash(c.Scheduled).ToString())));
        }
        Console.WriteLine($"sampled {candidates.Count} distinct programs in {clock.Elapsed.TotalSeconds:F1} s");

        var events = new List<IEngineEvent> { new BudgetRaised(state.Budget, total), started with { Budget = total } };
        var rng = new Random(7);
        string workload = task.Workload.Hash.ToString();
        long next = state.NextId;
        int committed = state.Trials;
        for (int at = 0; at < candidates.Count; at += 64)
        {
            var part = candidates.Skip(at).Take(64).ToArray();
            committed += part.Length;
            events.Add(new TrialsGranted(0, workload, part.Length, committed));
            var proposed = part.Select((c, i) => new ProposedCandidate(next + i, c.Trace, c.Hash)).ToArray();
            next += part.Length;
            events.Add(new CandidatesProposed(0, workload, proposed));
            foreach (var p in proposed)
            {
                // A latency spread like a real search's (log-uniform over 40×); one in 20 fails to run.
                bool ok = rng.Next(20) != 0;
                double secs = 2e-3 * Math.Exp(rng.NextDouble() * Math.Log(40));
                events.Add(new CandidateMeasured(p.Id, 0, workload, p.Trace, ok ? [secs, secs * 1.01, secs * 0.99] : null, ok ? null : "synthetic run failure",
                    ok ? null : "Run", Hash: p.Hash));
            }
        }
        events.Add(new TaskFinished(0, workload, TaskFinished.BudgetSpent, total, null));
        events.Add(new SessionCompleted(total));

        clock.Restart();
        using var system = ActorSystem.Create("grow", EngineConfig.ForWorkDir(workDir));
        var done = new TaskCompletionSource<int>();
        system.ActorOf(Props.Create(() => new Writer(id, state, events, done)), "writer");
        int snapshots = done.Task.Wait(TimeSpan.FromMinutes(10)) ? done.Task.Result : throw new TimeoutException("the journal writes did not finish");
        system.Terminate().Wait();
        Console.WriteLine($"journaled {events.Count} events ({candidates.Count} trials, {snapshots} snapshots) into {id} in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"journal.db {new FileInfo(Path.Combine(workDir, EngineConfig.JournalFile)).Length / 1e6:F1} MB");
    }

    /// <summary>The work_dir's single session: its id, latest SessionStarted and state, read with the engine's own reader classes.</summary>
    private static (string Id, SessionStarted Started, SessionState State) ReadSession(string workDir)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(workDir, EngineConfig.JournalFile)};Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT persistence_id, message, manifest FROM journal WHERE NOT deleted ORDER BY persistence_id, sequence_number";
        using var r = cmd.ExecuteReader();
        string? id = null;
        SessionStarted? started = null;
        var state = new SessionState();
        while (r.Read())
        {
            if (id is not null && id != r.GetString(0)) throw new InvalidOperationException("more than one session in the work_dir");
            id = r.GetString(0);
            var e = EventSerializer.Deserialize((byte[])r[1], r.GetString(2));
            state.Apply(e);
            if (e is SessionStarted s) started = s;
        }
        return (id ?? throw new InvalidOperationException("no session in the work_dir"), started!, state);
    }

    /// <summary>Appends the events under the session's persistence id, with a snapshot every 500 results, as the session does.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _id;

        public Writer(string id, SessionState state, IReadOnlyList<IEngineEvent> events, TaskCompletionSource<int> done)
        {
            _id = id;
            Recover<SnapshotOffer>(_ => { });
            Recover<IEngineEvent>(_ => { });
            int snapshots = 0, saved = 0, deleted = 0, since = 0, left = events.Count;
            void Check() { if (left == 0 && saved == snapshots && deleted == snapshots) done.TrySetResult(snapshots); }
            Command<SaveSnapshotSuccess>(s => { saved++; DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)); Check(); });
            Command<DeleteSnapshotsSuccess>(_ => { deleted++; Check(); });
            Command<DeleteSnapshotsFailure>(f => done.TrySetException(f.Cause));
            Command<SaveSnapshotFailure>(f => done.TrySetException(f.Cause));
            Command<Start>(_ =>
            {
                foreach (var chunk in events.Chunk(65)) // a grant, its batch or its results: a few writes per batch
                    PersistAll(chunk, e =>
                    {
                        state.Apply(e);
                        if (e is CandidateMeasured && ++since >= 500) { since = 0; snapshots++; SaveSnapshot(state.Snapshot()); }
                        left--;
                        Check();
                    });
            });
        }

        public override string PersistenceId => _id;

        protected override void PreStart() { base.PreStart(); Self.Tell(new Start()); }
    }

    private sealed record Start;
}
