using System.Diagnostics;
using Akka.Actor;
using Tuner.Actors.Tuning;

namespace Tuner.Actors.Engine;

internal sealed partial class TuningSession
{
    private readonly HashSet<int> _finishedTasks = [];

    private ITuneProgress Progress => _ctx.Progress;

    /// <summary>Persists one event, applies it to the state, then runs <paramref name="then"/>; the journal's time is counted.</summary>
    private void PersistTimed<T>(T e, Action<T> then) where T : IEngineEvent
    {
        var clock = Stopwatch.StartNew();
        Persist(e, x =>
        {
            _ctx.JournalSecs += clock.Elapsed.TotalSeconds;
            _state.Apply(x);
            then(x);
        });
    }

    /// <summary>Persists a batch of events as one write (all or nothing), applies them, then runs <paramref name="then"/> once.</summary>
    private void PersistAllTimed(IReadOnlyList<CandidateMeasured> events, Action then)
    {
        var clock = Stopwatch.StartNew();
        int left = events.Count;
        PersistAll(events, x =>
        {
            _state.Apply(x);
            if (--left > 0) return;
            _ctx.JournalSecs += clock.Elapsed.TotalSeconds;
            then();
        });
    }

    /// <summary>Journals that a task gets no more trials this run (once per task and run).</summary>
    private void FinishTask(int task, string reason)
    {
        if (!_finishedTasks.Add(task)) return;
        var t = _ctx.Tasks[task];
        var e = new TaskFinished(task, t.Workload.Hash.ToString(), reason, _scheduler.Standing(task).Trials, double.IsFinite(t.BestSecs) ? t.BestSecs : null);
        PersistTimed(e, f => _ctx.Log.Scheduler($"[task #{f.Task} {t.Name}] finished: {f.Reason} ({f.Trials} trials)"));
    }

    /// <summary>Ends the run: the final table and line, the outcome to the engine, and the session stops.</summary>
    private void Finish(bool interrupted)
    {
        if (_finished) return;
        _finished = true;
        var tasks = _ctx.Tasks;
        var m = _ctx.Measurer;
        var timings = new TuneTimings(_ctx.SearchSecs, _ctx.CostModelSecs, m.BuildSeconds, m.RunSeconds, _wall.Elapsed.TotalSeconds, _ctx.JournalSecs,
            _ctx.SearchAheadSecs);
        var summary = new TuneSummary(tasks.Select(t => t.Summary()).ToArray(), tasks.Sum(t => t.TrialsThisRun), timings, interrupted && _failure is null,
            _ctx.Failures.Counts);
        var end = TuneMessages.End(summary, _ctx.Failures.CountsText());
        _ctx.Log.Scheduler(end);
        if (_failure is null) Progress.Finished(summary, tasks.Select(x => x.Done).ToArray(), end);
        _ctx.Completion.TrySetResult(new SessionOutcome(summary, _failure));
        Context.Stop(Self);
    }

    /// <summary>A broken invariant in the session itself: the run fails with it (the journal keeps what was persisted).</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        _ctx.Log.Scheduler($"session failed: {reason}");
        _finished = true;
        _ctx.Completion.TrySetException(reason);
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        if (!_finished) _ctx.Completion.TrySetException(new InvalidOperationException("the tuning session stopped unexpectedly (see logs/task_scheduler.log)"));
        base.PostStop();
    }
}
