using System.Collections.Concurrent;
using Stopwatch = System.Diagnostics.Stopwatch;
using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Cluster;

/// <summary>What a worker node does with an item. Never throws for a bad item: the error goes into the result.</summary>
public interface IWorkExecutor : IDisposable
{
    WorkResult Execute(WorkItem item, CancellationToken ct);
}

/// <summary>
/// Executes items with the one-node builder and runner: the workload is parsed from TVMScript, the trace replayed
/// on it, and the candidate built (<see cref="Builder"/>) or built, run and verified (<see cref="CandidateMeasurer"/>,
/// reference outputs from the untuned workload, cached per workload text). Thread-safe for concurrent build items;
/// the dispatcher sends a host one measure item at a time.
/// </summary>
public sealed class LocalWorkExecutor(string hostId, HostFingerprint fingerprint, string? compiler = null) : IWorkExecutor
{
    private readonly ConcurrentDictionary<string, PrimFunc> _workloads = new();
    private readonly ConcurrentDictionary<string, (LocalRunner Runner, CandidateMeasurer Measurer)> _measurers = new();
    private readonly Lock _measureGate = new();

    public WorkResult Execute(WorkItem item, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        PrimFunc workload, candidate;
        Target target;
        try
        {
            target = Target.Parse(item.Target);
            workload = Workload(item.Workload);
            var sch = new Schedule(workload, seed: 1);
            Trace.FromJson(item.Trace).ApplyTo(sch);
            candidate = sch.Func;
        }
        catch (Exception e) when (e is TvmScriptException or FormatException or ScheduleError or ArgumentException or InvalidOperationException)
        {
            return Failed(item, $"the item does not replay: {e.Message}", FailureKind.Build, clock);
        }
        var options = CompilerOptions.For(target, compiler);
        if (item.Kind == WorkKind.Build)
        {
            var built = new Builder(options).Build([candidate], ct)[0];
            Builder.DeleteArtifacts([built]);
            return built.Ok
                ? new WorkResult(item.ItemId, null, null, null, false, clock.Elapsed.TotalSeconds, hostId, fingerprint.Key)
                : Failed(item, built.Error!, FailureKind.Build, clock);
        }
        lock (_measureGate) // one timing at a time on this node, as the dispatcher already ensures per host
        {
            var measurer = Measurer(item.Settings, options, target);
            var (builtBefore, ranBefore) = (measurer.BuildSeconds, measurer.RunSeconds);
            var r = measurer.Measure(workload, [candidate], ct, item.Settings.SlowCutoffSecs)[0];
            return new WorkResult(item.ItemId, r.RunSecs, r.Error, r.Failure, r.Verified, measurer.BuildSeconds - builtBefore, hostId, fingerprint.Key,
                measurer.RunSeconds - ranBefore);
        }
    }

    private WorkResult Failed(WorkItem item, string error, FailureKind kind, Stopwatch clock) =>
        new(item.ItemId, null, error, kind, false, clock.Elapsed.TotalSeconds, hostId, fingerprint.Key);

    // The same PrimFunc object per workload text: the measurer caches reference outputs per object.
    private PrimFunc Workload(string script)
    {
        if (_workloads.TryGetValue(script, out var f)) return f;
        if (_workloads.Count > 256) _workloads.Clear();
        return _workloads.GetOrAdd(script, s => TvmScript.ParseFunc(s, "<work item>"));
    }

    private CandidateMeasurer Measurer(MeasureSettings s, CompilerOptions options, Target target)
    {
        var key = $"{s}|{target}|{options.Compiler}";
        return _measurers.GetOrAdd(key, _ =>
        {
            var runner = new LocalRunner(new RunnerOptions(TimeSpan.FromSeconds(s.RunTimeoutSecs), target.NumCores, options.Compiler));
            return (runner, new CandidateMeasurer(new Builder(options), runner, s.Evaluator, s.Verify, s.Seed));
        }).Measurer;
    }

    public void Dispose()
    {
        foreach (var (runner, _) in _measurers.Values) runner.Dispose();
        _measurers.Clear();
    }
}
