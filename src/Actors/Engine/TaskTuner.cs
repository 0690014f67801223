using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Akka.Actor;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Trace = Tuner.Ir.Schedule.Trace;

namespace Tuner.Actors.Engine;

/// <summary>
/// One task (workload × target) of a session: owns its strategy and its share of the cost model, and drives its
/// children — Search, Build, Measure — through one step at a time for the session: baseline, search a grant, build
/// and measure a journaled batch, learn from the committed results. Not persistent: its state is the task's standing
/// in the <see cref="EngineContext"/> (restored from the record log, which the session repairs from the journal
/// first), so a restarted TaskTuner carries on, and tells the session to give its lost step again. With overlap on it
/// searches its next batch while the current one builds (TaskTuner.Overlap.cs).
/// </summary>
internal sealed partial class TaskTuner : ReceiveActor, IWithTimers
{
    private readonly TuneTask _task;
    private readonly EngineContext _ctx;
    private readonly IActorRef _session;
    private IActorRef _search, _build, _measure;
    private long _request;
    private Step _step;
    private readonly Stopwatch _stepClock = new(); // the wall time of the current step, for the task log's "built"/"ran" lines
    private int _generation;
    private bool _workerFailed;
    private bool _baseline;
    private IReadOnlyList<MeasureCandidate> _batch = [];
    private CandidatesProposed? _journaled;
    /// <summary>The journaled results of this task's workload when it started (the cost model is rebuilt from them).</summary>
    private IReadOnlyList<CandidateMeasured> _history = [];

    public TaskTuner(TuneTask task, EngineContext ctx, IActorRef session)
    {
        (_task, _ctx, _session) = (task, ctx, session);
        (_search, _build, _measure) = (Child(Step.Search), Child(Step.Build), Child(Step.Measure));

        Receive<StartTask>(s => { _history = s.Journaled; StartBaseline(); });
        Receive<GrantTrials>(OnGrant);
        Receive<SearchReply>(r => r.RequestId == _request && _step == Step.Search, OnSearched);
        Receive<SearchReply>(r => r.RequestId == _aheadRequest && _searchingAhead, OnSearchedAhead);
        Receive<MeasureBatch>(OnMeasureBatch);
        Receive<BuildReply>(r => Current(r.RequestId), OnBuilt);
        Receive<MeasureReply>(r => Current(r.RequestId), OnMeasured);
        Receive<BatchCommitted>(OnCommitted);
        Receive<StepFailed>(f => Current(f.RequestId), f => FailStep(f.Why, replace: f.TimedOut));
        Receive<StepFailed>(_ => { }); // about a step already answered
        Receive<SearchAheadFailed>(f => f.RequestId == _aheadRequest && _searchingAhead, f => OnSearchAheadFailed(f.Why, f.TimedOut));
        Receive<SearchAheadFailed>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private enum Step { None, Search, Build, Measure }

    /// <summary>A child threw (it is restarted) or did not answer within the step timeout (it is replaced).</summary>
    private sealed record StepFailed(long RequestId, string Why, bool TimedOut);

    private bool Current(long requestId) => requestId == _request && _step != Step.None;

    private IActorRef Child(Step step)
    {
        var props = step switch
        {
            Step.Search => Props.Create(() => new SearchActor(_task, _ctx)),
            Step.Build => _ctx.Faults?.Build?.Invoke(_ctx)
                ?? (_ctx.Remote is null ? Props.Create(() => new BuildActor(_ctx)) : Props.Create(() => new Cluster.DeferredBuildActor())),
            _ => _ctx.Faults?.Measure?.Invoke(_ctx)
                ?? (_ctx.Remote is { } remote ? Props.Create(() => new Cluster.RemoteMeasureActor(_ctx, remote)) : Props.Create(() => new MeasureActor(_ctx))),
        };
        return Context.ActorOf(props.WithDispatcher("tuner.engine.blocking-dispatcher"), $"{step.ToString().ToLowerInvariant()}-{_generation++}");
    }

    /// <summary>Sends a step's request to its child, with a timeout: every request is answered, one way or another.</summary>
    private void Send(Step step, object request)
    {
        _step = step;
        _stepClock.Restart();
        (step switch { Step.Search => _search, Step.Build => _build, _ => _measure }).Tell(request);
        _ctx.Progress.Phase(_task.Id, step switch { Step.Search => TunePhase.Searching, Step.Build => TunePhase.Building, _ => TunePhase.Measuring },
            request switch { SearchRequest s => s.Trials, BuildRequest b => b.Traces.Count, MeasureRequest m => m.Built.Count, _ => 0 });
        long id = _request;
        var timeout = step == Step.Measure ? _ctx.MeasureTimeout : _ctx.StepTimeout;
        Timers.StartSingleTimer("step", new StepFailed(id, $"no answer from {step.ToString().ToLowerInvariant()} within {timeout.TotalSeconds:F0} s", TimedOut: true), timeout);
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A child that throws is restarted; the step it was on fails (its candidates are failed trials), the task goes on.
        new OneForOneStrategy(-1, TimeSpan.Zero, e =>
        {
            Self.Tell(new StepFailed(_request, $"{e.GetType().Name}: {e.Message}", TimedOut: false));
            return Directive.Restart;
        });

    /// <summary>
    /// A failed step: a failed search returns its grant; a failed build or measurement fails each candidate of the
    /// batch (recorded, counted against the budget), a failed baseline is retried by the next run.
    /// </summary>
    private void FailStep(string why, bool replace)
    {
        var step = _step;
        _step = Step.None;
        _ctx.Log.Task(_task.Id, _task.Name, $"{step.ToString().ToLowerInvariant()} step failed: {why}");
        if (replace)
        {
            // A hung child keeps its thread until it returns; its late answer is ignored (request ids), a new one takes over.
            var old = step switch { Step.Search => _search, Step.Build => _build, _ => _measure };
            Context.Stop(old);
            if (step == Step.Search) _search = Child(step); else if (step == Step.Build) _build = Child(step); else _measure = Child(step);
        }
        _request++;
        if (step == Step.Search)
        {
            if (TakeTopUp() is { Count: > 0 } ahead) Propose(ahead); // what was searched ahead is still good
            else _session.Tell(new TaskExhausted(_task.Id, why, Failed: true));
            return;
        }
        var kind = step == Step.Build ? FailureKind.Build : FailureKind.Run;
        var failed = Enumerable.Range(0, _batch.Count).Select(i => new MeasureResult(i, null, $"{step.ToString().ToLowerInvariant()} failed: {why}", false, kind)).ToArray();
        _workerFailed = true;
        OnMeasured(new MeasureReply(_request, failed));
        _workerFailed = false;
    }

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        _ctx.Log.Task(_task.Id, _task.Name, $"task actor restarted after: {reason.Message}");
        _session.Tell(new TaskRestarted(_task.Id));
    }

    private void StartBaseline()
    {
        StartupTrace.Mark($"task {_task.Id} baseline");
        bool need = _ctx.Options.MeasureBaseline && Baseline.Find(_ctx.Database, _task.WorkloadIndex, _ctx.TargetJson) is null;
        if (!need) { Ready(); return; }
        _baseline = true;
        _batch = [new MeasureCandidate(new Trace(), _task.Workload.Func)];
        var request = new BuildRequest(++_request, _task.Workload.Script, [new Trace().ToJson()], _ctx.Target.ToString());
        if (_ctx.EarlyBaselines?.Take(_task.Id) is not { } early) { Send(Step.Build, request); return; }
        // Compiled while the session recovered (BaselinePrebuild): the same step, answered by that build.
        _step = Step.Build;
        _ctx.Progress.Phase(_task.Id, TunePhase.Building, 1);
        Timers.StartSingleTimer("step", new StepFailed(request.RequestId, "no answer from the early baseline build", TimedOut: false), _ctx.StepTimeout);
        early.ContinueWith(b => b.IsCompletedSuccessfully ? new BuildReply(request.RequestId, b.Result)
            : _ctx.Cancel.IsCancellationRequested ? new BuildReply(request.RequestId, [], Cancelled: true)
            : new BuildReply(request.RequestId, [new BuildResult(0, null, null, $"build failed: {b.Exception?.GetBaseException().Message}")]),
            TaskScheduler.Default).PipeTo(Self);
    }

    private void Ready()
    {
        _baseline = false;
        int trials;
        // Replays and model training are CPU work: never beside another task's timing.
        using (_ctx.Gate.Shared("prepare")) trials = TaskSetup.Prepare(_task, _ctx, _history);
        StartupTrace.Mark($"task {_task.Id} prepared");
        _session.Tell(new TaskReady(_task.Id, trials, trials > 0 ? _task.BestKnownSecs : double.PositiveInfinity));
    }

    private void OnSearched(SearchReply r)
    {
        _step = Step.None;
        var ahead = TakeTopUp();
        if (r.Error is not null)
        {
            _ctx.Log.Task(_task.Id, _task.Name, $"search step failed: {r.Error}");
            if (ahead.Count > 0) Propose(ahead);
            else _session.Tell(new TaskExhausted(_task.Id, r.Error, Failed: true));
            return;
        }
        var candidates = ahead.Concat(r.Candidates ?? []).ToArray();
        if (candidates.Length == 0)
        {
            _ctx.Log.Task(_task.Id, _task.Name, "the search found no new candidate: task done");
            _session.Tell(new TaskExhausted(_task.Id, "the search found no new candidate"));
            return;
        }
        Propose(candidates);
    }

    /// <summary>The batch to journal: its programs stay here (built and learnt from once journaled).</summary>
    private void Propose(IReadOnlyList<MeasureCandidate> candidates)
    {
        _batch = candidates;
        _session.Tell(new ProposeCandidates(_task.Id, candidates.Select(c => (c.Trace.ToJson(), StructuralHash.Hash(c.Scheduled).ToString())).ToArray()));
    }

    /// <summary>A journaled batch: the search's (its programs known here) or a recovered one (replayed from its traces).</summary>
    private void OnMeasureBatch(MeasureBatch m)
    {
        _journaled = m.Batch;
        if (m.Recovered || _batch.Count != m.Batch.Candidates.Count)
        {
            var list = new List<MeasureCandidate>();
            foreach (var c in m.Batch.Candidates)
            {
                var trace = Trace.FromJson(c.Trace);
                var sch = new Schedule(_task.Workload.Func, seed: 1);
                try { trace.ApplyTo(sch); } catch (ScheduleError) { } // the Build actor reports it as the candidate's failure
                list.Add(new MeasureCandidate(trace, sch.Func));
                _task.Measured.Add(ulong.Parse(c.Hash));
            }
            _batch = list;
            _ctx.Log.Task(_task.Id, _task.Name, $"measuring {list.Count} candidate(s) proposed before the last stop");
        }
        Send(Step.Build, new BuildRequest(++_request, _task.Workload.Script, m.Batch.Candidates.Select(c => c.Trace).ToArray(), _ctx.Target.ToString()));
        SearchAhead(m.SearchAhead);
    }

    private void OnBuilt(BuildReply r)
    {
        StartupTrace.Mark($"task {_task.Id} built");
        _step = Step.None;
        if (r.Cancelled) { _session.Tell(new TaskInterrupted(_task.Id)); return; }
        if (!_baseline) _ctx.Log.Task(_task.Id, _task.Name, $"built {r.Results.Count} in {_stepClock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)} s");
        double? cutoff = !_baseline && _ctx.Options.SlowCandidateFactor > 0 && double.IsFinite(_task.BestKnownSecs)
            ? _ctx.Options.SlowCandidateFactor * _task.BestKnownSecs : null;
        Send(Step.Measure, new MeasureRequest(++_request, _task.Workload.Script, r.Results, cutoff));
    }

    private void OnMeasured(MeasureReply r)
    {
        StartupTrace.Mark($"task {_task.Id} measured");
        _step = Step.None;
        if (r.Cancelled) { _session.Tell(new TaskInterrupted(_task.Id)); return; }
        var workload = _task.Workload.Hash.ToString();
        if (_baseline)
        {
            var m = r.Results[0];
            if (m.Ok && m.RunSecs is { Count: > 0 } secs)
            {
                _ctx.Log.Task(_task.Id, _task.Name, $"untuned function measured: {secs.Average() * 1e6:F2} us");
                _session.Tell(new BatchMeasured(_task.Id, [new CandidateMeasured(0, _task.Id, workload, new Trace().ToJson(), secs, null, null, Baseline: true)], r.Results));
                return;
            }
            _ctx.Log.Task(_task.Id, _task.Name, $"untuned function failed: {m.Error}");
            _ctx.Failures.Report($"{_task.Name} (untuned)", m, _ctx.Log.TaskPath(_task.Id, _task.Name));
            Ready(); // only a valid baseline is stored: the next run tries again
            return;
        }
        _ctx.Log.Task(_task.Id, _task.Name, $"ran {r.Results.Count} in {_stepClock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)} s");
        var events = new CandidateMeasured[r.Results.Count];
        for (int i = 0; i < events.Length; i++)
        {
            var m = r.Results[i];
            var c = _journaled!.Candidates[i];
            bool ok = m.Ok && m.RunSecs is { Count: > 0 };
            events[i] = new CandidateMeasured(c.Id, _task.Id, workload, c.Trace, ok ? m.RunSecs : null, ok ? null : m.Error ?? "no run time",
                ok ? null : (m.Failure ?? FailureKind.Run).ToString(), Hash: c.Hash);
            if (ok) continue;
            _ctx.Log.Task(_task.Id, _task.Name, $"candidate failed ({m.Failure?.ToString().ToLowerInvariant() ?? "run"}): {m.Error}");
            _ctx.Failures.Report(_task.Name, m, _ctx.Log.TaskPath(_task.Id, _task.Name));
        }
        _session.Tell(new BatchMeasured(_task.Id, events, r.Results, _workerFailed));
    }

    private void OnCommitted(BatchCommitted c)
    {
        StartupTrace.Mark($"task {_task.Id} committed");
        if (_baseline) { Ready(); return; }
        // The cost model is not thread-safe and the search ahead reads it: learn once it is done.
        if (_searchingAhead) { _learnAfterSearchAhead = c; return; }
        Learn(c);
    }

    private void Learn(BatchCommitted c)
    {
        // Features and training are CPU work: never beside another task's timing (a 2-thread kernel stalls 1000×).
        using var gate = _ctx.Gate.Shared("learn");
        var argsInfo = JsonDatabase.ArgsInfo(_task.Workload.Func);
        var results = new RunnerResult[c.Events.Count];
        for (int i = 0; i < results.Length; i++)
        {
            var e = c.Events[i];
            var record = RecordLog.ToRecord(e, _ctx.TargetJson, argsInfo);
            _task.Count(record);
            _task.TrialsThisRun++;
            results[i] = record.IsValid ? new RunnerResult(record.RunSecs, null) : new RunnerResult(null, e.Error ?? "no run time");
        }
        var clock = Stopwatch.StartNew();
        _ctx.Model.Update(_task.Name, _batch.Select(b => PerStoreFeature.Extract(b.Scheduled)).ToArray(), results.Select(r => r.MeanSecs).ToArray());
        _ctx.CostModelSecs += clock.Elapsed.TotalSeconds;
        _task.Strategy.NotifyRunnerResults(_batch, results);
        _ctx.Log.Task(_task.Id, _task.Name, $"measured {results.Length}: best {_task.BestSecs * 1e6:F2} us, {_task.Valid} valid, {_task.Failed} failed so far");
        _batch = [];
        _journaled = null;
        _session.Tell(new BatchDone(_task.Id, results.Length, _task.BestKnownSecs));
    }
}
