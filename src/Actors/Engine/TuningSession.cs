using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Tuning;

namespace Tuner.Actors.Engine;

/// <summary>
/// The budget supervisor of one session (design §4.6), event-sourced in the work_dir's journal: owns
/// max_trials_global and the gradient task scheduler, starts one <see cref="TaskTuner"/> per task and grants it
/// batches of up to num_trials_per_iter, journals each batch before it is built and each result before the
/// <see cref="RecordLog"/> writes it. On recovery the record log is repaired from the journal and batches proposed
/// but not measured are measured first (clamped to the budget; the rest dropped): nothing is measured twice and
/// spent never exceeds the budget. A failed candidate, a failed search step or a restarted task never fails the
/// session; a whole batch failing to build with one error does (a wrong target or compiler).
/// </summary>
internal sealed partial class TuningSession : ReceivePersistentActor
{
    private readonly EngineContext _ctx;
    private readonly SessionState _state = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Queue<CandidatesProposed> _recovered = new();
    private readonly List<IActorRef> _tuners = [];
    private readonly int[] _grant, _searchFailures;
    private IActorRef _records = ActorRefs.Nobody;
    private TrialScheduler _scheduler = null!;
    private int _ready, _sinceSnapshot;
    /// <summary>
    /// How many tasks may have a step in flight at once: 1 on one host (TVM's order), tuner.cluster.tasks-in-flight in
    /// a clustered session, whose builds and measurements run on the workers: while one task's batch is out there,
    /// others search theirs, so the workers are not left idle during a search.
    /// </summary>
    private readonly int _tasksInFlight;
    private bool _interrupted, _finished, _resumed, _begun;
    private string? _failure;

    public TuningSession(EngineContext ctx)
    {
        _ctx = ctx;
        _grant = new int[ctx.Tasks.Count];
        _searchFailures = new int[ctx.Tasks.Count];
        _tasksInFlight = ctx.Remote is null ? 1 : Math.Max(1, Context.System.Settings.Config.GetInt("tuner.cluster.tasks-in-flight", 1));
        Recover<SnapshotOffer>(o => { if (o.Snapshot is SessionSnapshot s) _state.Apply(s); });
        Recover<IEngineEvent>(e => { _state.Apply(e); _resumed = true; });
        Command<Begin>(_ => OnBegin());
        Command<RecordsAppended>(OnRecordsAppended);
        Command<TaskReady>(OnTaskReady);
        Command<ProposeCandidates>(OnPropose);
        Command<TaskExhausted>(OnExhausted);
        Command<BatchMeasured>(OnBatchMeasured);
        Command<BatchDone>(OnBatchDone);
        Command<TaskInterrupted>(_ => Finish(interrupted: true));
        Command<InterruptSession>(_ => _interrupted = true);
        Command<TaskRestarted>(OnTaskRestarted);
        // Each snapshot holds every result so far: older ones are deleted once a newer one is saved (the journal keeps the events).
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _ctx.Log.Scheduler($"deleting older snapshots failed (they only take room): {f.Cause.Message}"));
        Command<SaveSnapshotFailure>(f => _ctx.Log.Scheduler($"snapshot failed (recovery replays events instead): {f.Cause.Message}"));
    }

    public override string PersistenceId => _ctx.SessionId;

    private sealed record Begin;

    /// <summary>What the RecordLog's reply answers: the start-up repair, or a batch (its events, for the TaskTuner).</summary>
    private readonly Queue<BatchCommitted> _appending = new(); // the RecordLog answers in order
    private bool _repairing = true;

    protected override void PreStart()
    {
        base.PreStart();
        StartupTrace.Mark("session prestart");
        _ctx.Running = true;
        Self.Tell(new Begin()); // handled once recovery is done (commands wait for it)
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A child that throws restarts with its state (the task's standing lives in the context); the session goes on.
        new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

    private void OnBegin()
    {
        if (!_begun) { _begun = true; StartupTrace.Mark("session recovered"); }
        if (!_ctx.PlanShown.Task.IsCompleted)
        {
            _ctx.PlanShown.Task.ContinueWith(_ => new Begin(), TaskScheduler.Default).PipeTo(Self);
            return;
        }
        _records = Context.ActorOf(Props.Create(() => new RecordLog(_ctx.Database, _ctx.TargetJson)), "record-log");
        if (_resumed)
        {
            string line = $"resuming session {_ctx.SessionId}: {_state.Trials}/{_state.Budget} trials measured in it" +
                (_ctx.Budget > _state.Budget && _state.Budget > 0 ? $", budget raised to {_ctx.Budget}" : "") +
                (_state.Pending().Sum(p => p.Candidates.Count) is > 0 and var n ? $", {n} proposed before the last stop to measure first" : "");
            _ctx.Log.Scheduler(line);
            _ctx.Options.Error?.WriteLine(line);
        }
        _records.Tell(new RepairRecords(_state.Measured));
    }

    private void OnRecordsAppended(RecordsAppended a)
    {
        if (_repairing)
        {
            StartupTrace.Mark("records repaired");
            _repairing = false;
            if (a.Lines > 0)
            {
                var msg = $"warning: the record log lacked {a.Lines} journaled result(s); restored from {_ctx.JournalName}";
                _ctx.Log.Scheduler(msg);
                _ctx.Options.Error?.WriteLine(msg);
            }
            if (_resumed && _state.Budget > 0 && _ctx.Budget > _state.Budget)
                PersistTimed(new BudgetRaised(_state.Budget, _ctx.Budget), b => _ctx.Log.Scheduler($"budget raised from {b.From} to {b.To} trials"));
            var started = new SessionStarted(_ctx.TargetJson.ToJsonString(), _ctx.Budget,
                _ctx.Tasks.Select(t => t.Workload.Hash.ToString()).ToArray(), _ctx.Tasks.Select(t => t.Name).ToArray(), _ctx.Owner);
            PersistTimed(started, _ =>
            {
                StartupTrace.Mark("SessionStarted persisted");
                for (int i = 0; i < _ctx.Tasks.Count; i++)
                    _tuners.Add(Context.ActorOf(Props.Create(() => new TaskTuner(_ctx.Tasks[i], _ctx, Self)), $"task-{i}"));
                _tuners[0].Tell(StartTask(0)); // one at a time: baselines are timed alone, logs stay in order
            });
            return;
        }
        var committed = _appending.Dequeue();
        if (_failure is not null) { Finish(interrupted: false); return; }
        _tuners[committed.Task].Tell(committed);
    }

    private StartTask StartTask(int task)
    {
        var workload = _ctx.Tasks[task].Workload.Hash.ToString();
        return new StartTask(task, _state.Measured.Where(m => m.Workload == workload).ToArray());
    }

    private void OnTaskReady(TaskReady r)
    {
        if (++_ready < _ctx.Tasks.Count) { _tuners[_ready].Tell(StartTask(_ready)); return; }
        var o = _ctx.Options;
        _scheduler = new TrialScheduler(_ctx.Tasks.Select(t => (t.Name, (double)t.Weight)).ToArray(), _ctx.Budget, _ctx.PerTask,
            o.NumTrialsPerIter, o.Scheduler, seed: TaskSetup.SeedOf(o.Seed));
        foreach (var t in _ctx.Tasks)
        {
            // A task without trials stays unseen by the scheduler (its first round comes first), baseline or not.
            _scheduler.Restore(t.Id, t.Trials, t.Trials > 0 ? t.BestKnownSecs : double.PositiveInfinity);
            t.Done = _scheduler.Standing(t.Id).Done;
            if (t.Done) FinishTask(t.Id, TaskFinished.BudgetSpent);
        }
        foreach (var p in _state.Pending()) _recovered.Enqueue(p);
        Continue();
    }

    /// <summary>
    /// The next steps: recovered batches first, then the scheduler's grants, until <see cref="_tasksInFlight"/> tasks
    /// have a step in flight (one on a single host: TVM's order); the end once nothing is left and nothing is in flight.
    /// </summary>
    private void Continue()
    {
        if (_finished) return;
        if (_interrupted) { Finish(interrupted: true); return; }
        while (_grant.Count(g => g > 0) < _tasksInFlight)
        {
            if (_recovered.TryDequeue(out var batch))
            {
                int grant = _ctx.Tasks[batch.Task].Done ? 0 : _scheduler.Grant(batch.Task, batch.Candidates.Count);
                var dropped = batch.Candidates.Skip(grant).Select(c => c.Id).ToArray();
                if (dropped.Length > 0)
                {
                    _ctx.Log.Scheduler($"[task #{batch.Task}] {dropped.Length} candidate(s) proposed before the last stop are over the budget: dropped");
                    PersistTimed(new CandidatesDropped(dropped), _ => { });
                }
                if (grant == 0) continue;
                _grant[batch.Task] = grant;
                _tuners[batch.Task].Tell(new MeasureBatch(batch with { Candidates = batch.Candidates.Take(grant).ToArray() }, Recovered: true, SearchAhead(batch.Task)));
                continue;
            }
            if (_scheduler.Next() is not var (task, trials))
            {
                if (_grant.All(g => g == 0)) PersistTimed(new SessionCompleted(_state.Trials), _ => Finish(interrupted: false));
                return;
            }
            _grant[task] = trials;
            // Journaled before the search runs (a fact of the supervisor's, design §4.6); the commands that follow wait for it.
            PersistTimed(new TrialsGranted(task, _ctx.Tasks[task].Workload.Hash.ToString(), trials, _scheduler.Committed), g =>
            {
                _ctx.Log.Scheduler($"[task #{g.Task} {_ctx.Tasks[g.Task].Name}] granted {g.Trials} trial(s) ({g.Committed}/{_scheduler.MaxTrialsGlobal} committed)");
                _tuners[g.Task].Tell(new GrantTrials(g.Task, g.Trials));
            });
        }
    }

    private void OnPropose(ProposeCandidates p)
    {
        if (_interrupted) { Finish(interrupted: true); return; }
        var t = _ctx.Tasks[p.Task];
        var candidates = p.Candidates.Take(_grant[p.Task]).ToArray(); // a strategy never gets more than its grant journaled
        long first = _state.NextId;
        var batch = new CandidatesProposed(p.Task, t.Workload.Hash.ToString(),
            candidates.Select((c, i) => new ProposedCandidate(first + i, c.Trace, c.Hash)).ToArray());
        PersistTimed(batch, b => Sender.Tell(new MeasureBatch(b, SearchAhead: SearchAhead(p.Task))));
    }

    /// <summary>
    /// How many candidates of its next batch a task may search while this one builds (overlap on): at most a batch,
    /// and no more than the global and per-task budgets leave once the trials now granted are spent. None while another
    /// task has had no trial yet: the scheduler's first round gives every task a batch before any gets a second, so the
    /// search would be for a batch a round away at best (never, when the budget ends in that round). Only a hint: what
    /// is searched ahead is journaled only under a later grant.
    /// </summary>
    private int SearchAhead(int task)
    {
        if (!_ctx.OverlapSearch || _ctx.Tasks[task].Done) return 0;
        for (int i = 0; i < _ctx.Tasks.Count; i++)
            if (i != task && !_ctx.Tasks[i].Done && _scheduler.Standing(i) is { Trials: 0, BestLatencyHistory.Count: 0 }) return 0;
        int globalLeft = _scheduler.MaxTrialsGlobal - _scheduler.Committed;
        int taskLeft = _scheduler.MaxTrialsPerTask - _scheduler.Standing(task).Trials - _grant[task];
        return Math.Max(0, Math.Min(_ctx.Options.NumTrialsPerIter, Math.Min(globalLeft, taskLeft)));
    }

    private void OnExhausted(TaskExhausted e)
    {
        var t = _ctx.Tasks[e.Task];
        // A failed search step returns its grant; the third in a row ends the task for this run.
        bool done = !e.Failed || ++_searchFailures[e.Task] >= 3;
        _grant[e.Task] = 0;
        _scheduler.Report(e.Task, 0, t.BestKnownSecs, exhausted: done);
        t.Done = _scheduler.Standing(e.Task).Done;
        if (t.Done) FinishTask(e.Task, !done ? TaskFinished.BudgetSpent : e.Failed ? TaskFinished.SearchFailed : TaskFinished.Exhausted);
        if (e.Failed && done) _ctx.Options.Error?.WriteLine($"warning: {t.Name}: the search failed 3 times (last: {e.Why}); the task gets no more trials this run");
        Continue();
    }

    private void OnBatchMeasured(BatchMeasured m)
    {
        if (!m.WorkerFailed && m.Events.All(e => e.Baseline) is false && FailureReporter.SameBuildError(m.Measured) is { } buildError)
            _failure = $"error: {_ctx.Tasks[m.Task].Name}: all {m.Measured.Count} candidates of a batch failed to build with the same error, " +
                $"so the run stops (check --target and the compiler):\n{FailureReporter.Indent(buildError, 12)}";
        PersistAllTimed(m.Events, () =>
        {
            _appending.Enqueue(new BatchCommitted(m.Task, m.Events));
            _records.Tell(new AppendRecords(m.Events));
        });
    }

    private void OnBatchDone(BatchDone d)
    {
        _searchFailures[d.Task] = 0;
        _scheduler.Report(d.Task, d.Measured, d.BestKnownSecs);
        _grant[d.Task] = 0;
        var tasks = _ctx.Tasks;
        for (int i = 0; i < tasks.Count; i++) tasks[i].Done = _scheduler.Standing(i).Done;
        if (tasks[d.Task].Done) FinishTask(d.Task, TaskFinished.BudgetSpent);
        var summaries = tasks.Select(x => x.Summary()).ToArray();
        _ctx.Log.Scheduler($"[task #{d.Task} {tasks[d.Task].Name}] measured {d.Measured}\n{ProgressTable.Format(summaries, tasks.Select(x => x.Done).ToArray())}");
        Progress.BatchDone(summaries, tasks.Select(x => x.Done).ToArray());
        if ((_sinceSnapshot += d.Measured) >= _ctx.SnapshotEvery)
        {
            _sinceSnapshot = 0;
            SaveSnapshot(_state.Snapshot());
        }
        Continue();
    }

    private void OnTaskRestarted(TaskRestarted r)
    {
        // Its step in flight is lost: a journaled batch is measured again (it is still pending), a grant is returned.
        if (_scheduler is null)
        {
            if (r.Task == _ready) _tuners[r.Task].Tell(StartTask(r.Task));
            return;
        }
        if (_grant[r.Task] == 0) return;
        _grant[r.Task] = 0;
        _scheduler.Report(r.Task, 0, _ctx.Tasks[r.Task].BestKnownSecs);
        foreach (var p in _state.Pending().Where(p => p.Task == r.Task)) _recovered.Enqueue(p);
        Continue();
    }
}
