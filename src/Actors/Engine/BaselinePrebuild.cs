using Tuner.Actors.Build;
using Tuner.Actors.Tuning;

namespace Tuner.Actors.Engine;

/// <summary>
/// Start-up overlap: compiles the untuned function of each task that has no baseline yet, in task order, while the
/// session recovers its journal. The journal's first recovery is mostly JIT (about 0.9 s on 2 cores, measured with
/// TUNER_STARTUP_TRACE), so gcc on the other core costs the critical path nothing and each TaskTuner only has to time
/// its baseline. It holds the host gate shared like any build: never during a timing. Not used with fault injection
/// or a cluster (their builds are elsewhere); tuner.engine.early-baseline-builds = off turns it off. A build a TaskTuner does not take (its baseline came back with the
/// record-log repair, or the task restarted) is deleted at the end.
/// </summary>
internal sealed class BaselinePrebuild
{
    private readonly Dictionary<int, TaskCompletionSource<IReadOnlyList<BuildResult>>> _builds = [];
    private readonly Task _worker;

    private BaselinePrebuild(EngineContext ctx, IReadOnlyList<TuneTask> tasks)
    {
        foreach (var t in tasks) _builds[t.Id] = new TaskCompletionSource<IReadOnlyList<BuildResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _worker = Task.Run(() =>
        {
            foreach (var t in tasks)
            {
                var done = _builds[t.Id];
                try
                {
                    using (ctx.Gate.Shared("build")) done.SetResult(ctx.Measurer.Build([t.Workload.Func], ctx.Cancel));
                }
                catch (Exception e) { done.SetException(e); }
            }
        });
    }

    /// <summary>Starts the builds of the tasks without a stored baseline; null when there is nothing to build early.</summary>
    public static BaselinePrebuild? Start(EngineContext ctx)
    {
        if (!ctx.EarlyBaselineBuilds || !ctx.Options.MeasureBaseline || ctx.Faults?.Build is not null || ctx.Faults?.Measure is not null || ctx.Remote is not null) return null;
        var need = ctx.Tasks.Where(t => Baseline.Find(ctx.Database, t.WorkloadIndex, ctx.TargetJson) is null).ToArray();
        return need.Length == 0 ? null : new BaselinePrebuild(ctx, need);
    }

    /// <summary>The task's early build (once: a restarted TaskTuner builds anew), or null.</summary>
    public Task<IReadOnlyList<BuildResult>>? Take(int task)
    {
        lock (_builds) return _builds.Remove(task, out var b) ? b.Task : null;
    }

    /// <summary>At the end of the run: waits for the worker and deletes what no TaskTuner took.</summary>
    public void Finish()
    {
        try { _worker.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        lock (_builds)
            foreach (var b in _builds.Values.Where(b => b.Task.IsCompletedSuccessfully)) Builder.DeleteArtifacts(b.Task.Result);
    }
}
