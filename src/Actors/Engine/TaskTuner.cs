using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
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
/// first), so a restarted TaskTuner carries on, and tells the session to give its lost step again.
/// </summary>
internal sealed class TaskTuner : ReceiveActor
{
    private readonly TuneTask _task;
    private readonly EngineContext _ctx;
    private readonly IActorRef _session, _search, _build, _measure;
    private long _request;
    private bool _baseline;
    private IReadOnlyList<MeasureCandidate> _batch = [];
    private CandidatesProposed? _journaled;

    public TaskTuner(TuneTask task, EngineContext ctx, IActorRef session)
    {
        (_task, _ctx, _session) = (task, ctx, session);
        const string dispatcher = "tuner.engine.blocking-dispatcher";
        _search = Context.ActorOf(Props.Create(() => new SearchActor(task, ctx)).WithDispatcher(dispatcher), "search");
        _build = Context.ActorOf(Props.Create(() => new BuildActor(ctx)).WithDispatcher(dispatcher), "build");
        _measure = Context.ActorOf(Props.Create(() => new MeasureActor(ctx)).WithDispatcher(dispatcher), "measure");

        Receive<StartTask>(_ => StartBaseline());
        Receive<GrantTrials>(g => _search.Tell(new SearchRequest(++_request, g.Trials)));
        Receive<SearchReply>(r => r.RequestId == _request, OnSearched);
        Receive<MeasureBatch>(OnMeasureBatch);
        Receive<BuildReply>(r => r.RequestId == _request, OnBuilt);
        Receive<MeasureReply>(r => r.RequestId == _request, OnMeasured);
        Receive<BatchCommitted>(OnCommitted);
    }

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        _ctx.Log.Task(_task.Id, _task.Name, $"task actor restarted after: {reason.Message}");
        _session.Tell(new TaskRestarted(_task.Id));
    }

    private void StartBaseline()
    {
        bool need = _ctx.Options.MeasureBaseline && Baseline.Find(_ctx.Database, _task.WorkloadIndex, _ctx.TargetJson) is null;
        if (!need) { Ready(); return; }
        _baseline = true;
        _batch = [new MeasureCandidate(new Trace(), _task.Workload.Func)];
        _build.Tell(new BuildRequest(++_request, _task.Workload.Script, [new Trace().ToJson()], _ctx.Target.ToString()));
    }

    private void Ready()
    {
        _baseline = false;
        int trials = TaskSetup.Prepare(_task, _ctx);
        _session.Tell(new TaskReady(_task.Id, trials, trials > 0 ? _task.BestKnownSecs : double.PositiveInfinity));
    }

    private void OnSearched(SearchReply r)
    {
        if (r.Error is not null)
        {
            _ctx.Log.Task(_task.Id, _task.Name, $"search step failed: {r.Error}");
            _session.Tell(new TaskExhausted(_task.Id, r.Error, Failed: true));
            return;
        }
        if (r.Candidates is not { Count: > 0 } candidates)
        {
            _ctx.Log.Task(_task.Id, _task.Name, "the search found no new candidate: task done");
            _session.Tell(new TaskExhausted(_task.Id, "the search found no new candidate"));
            return;
        }
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
        _build.Tell(new BuildRequest(++_request, _task.Workload.Script, m.Batch.Candidates.Select(c => c.Trace).ToArray(), _ctx.Target.ToString()));
    }

    private void OnBuilt(BuildReply r)
    {
        if (r.Cancelled) { _session.Tell(new TaskInterrupted(_task.Id)); return; }
        double? cutoff = !_baseline && _ctx.Options.SlowCandidateFactor > 0 && double.IsFinite(_task.BestKnownSecs)
            ? _ctx.Options.SlowCandidateFactor * _task.BestKnownSecs : null;
        _measure.Tell(new MeasureRequest(++_request, _task.Workload.Script, r.Results, cutoff));
    }

    private void OnMeasured(MeasureReply r)
    {
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
        var events = new CandidateMeasured[r.Results.Count];
        for (int i = 0; i < events.Length; i++)
        {
            var m = r.Results[i];
            var c = _journaled!.Candidates[i];
            bool ok = m.Ok && m.RunSecs is { Count: > 0 };
            events[i] = new CandidateMeasured(c.Id, _task.Id, workload, c.Trace, ok ? m.RunSecs : null, ok ? null : m.Error ?? "no run time",
                ok ? null : (m.Failure ?? FailureKind.Run).ToString());
            if (ok) continue;
            _ctx.Log.Task(_task.Id, _task.Name, $"candidate failed ({m.Failure?.ToString().ToLowerInvariant() ?? "run"}): {m.Error}");
            _ctx.Failures.Report(_task.Name, m, _ctx.Log.TaskPath(_task.Id, _task.Name));
        }
        _session.Tell(new BatchMeasured(_task.Id, events, r.Results));
    }

    private void OnCommitted(BatchCommitted c)
    {
        if (_baseline) { Ready(); return; }
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
