using System.Diagnostics;
using Akka.Actor;
using Tuner.Actors.Build;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir;
using Tuner.Ir.Schedule;
using Trace = Tuner.Ir.Schedule.Trace;
using Tuner.Ir.Script;

namespace Tuner.Actors.Engine;

/// <summary>
/// A TaskTuner's search (design space + strategy + cost model), on its own thread: it shares the host with builds
/// and waits while a timing runs. An exception in a search step is answered as a failed step, never a crash.
/// </summary>
internal sealed class SearchActor : ReceiveActor
{
    public SearchActor(TuneTask task, EngineContext ctx)
    {
        Receive<SearchRequest>(r =>
        {
            var clock = Stopwatch.StartNew();
            SearchReply reply;
            using (ctx.Gate.Shared("search"))
            {
                try { reply = new SearchReply(r.RequestId, task.Strategy.GenerateMeasureCandidates(r.Trials)); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    reply = new SearchReply(r.RequestId, null, $"{e.GetType().Name}: {e.Message}");
                }
            }
            Interlocked.Exchange(ref ctx.SearchSecs, ctx.SearchSecs + clock.Elapsed.TotalSeconds);
            if (r.RequestId < 0) Interlocked.Exchange(ref ctx.SearchAheadSecs, ctx.SearchAheadSecs + clock.Elapsed.TotalSeconds); // a search ahead (TaskTuner.Overlap)
            if (task.Strategy is EvolutionaryStrategy evo) ctx.Log.Task(task.Id, task.Name, evo.LastRound);
            Sender.Tell(reply);
        });
    }
}

/// <summary>
/// Builds a batch from text (the workload's TVMScript and each candidate's trace, replayed here), so the request
/// could come from another node. Compiles in parallel up to the builder's limit, sharing the host (never during a
/// timing). A trace that does not replay fails its candidate alone; a cancelled run answers <c>Cancelled</c>.
/// </summary>
internal sealed class BuildActor : ReceiveActor
{
    private readonly Dictionary<string, PrimFunc> _workloads = [];

    public BuildActor(EngineContext ctx)
    {
        Receive<BuildRequest>(r =>
        {
            var workload = WorkloadCache.Parse(_workloads, r.Workload);
            var results = new BuildResult[r.Traces.Count];
            var funcs = new List<(int Index, PrimFunc Func)>();
            // The replay is CPU work too: it shares the host like the compile, never beside a timing.
            using var gate = ctx.Gate.Shared("build");
            for (int i = 0; i < r.Traces.Count; i++)
            {
                try
                {
                    var sch = new Schedule(workload, seed: 1);
                    Trace.FromJson(r.Traces[i]).ApplyTo(sch);
                    funcs.Add((i, sch.Func));
                }
                catch (Exception e) when (e is FormatException or ScheduleError)
                {
                    results[i] = new BuildResult(i, null, null, $"the trace does not replay: {e.Message}");
                }
            }
            try
            {
                IReadOnlyList<BuildResult> built;
                StartupTrace.Mark("build actor: replayed");
                built = ctx.Measurer.Build(funcs.Select(f => f.Func).ToArray(), ctx.Cancel);
                StartupTrace.Mark("build actor: compiled");
                foreach (var b in built) results[funcs[b.Index].Index] = b with { Index = funcs[b.Index].Index };
                Sender.Tell(new BuildReply(r.RequestId, results));
            }
            catch (OperationCanceledException) when (ctx.Cancel.IsCancellationRequested)
            {
                Sender.Tell(new BuildReply(r.RequestId, [], Cancelled: true));
            }
        });
    }
}

/// <summary>
/// The host's timing: runs and verifies built candidates one by one in the isolated runner while holding the host
/// exclusively. A crashing, hanging or wrong candidate is a failed result (the runner's own timeout applies).
/// </summary>
internal sealed class MeasureActor : ReceiveActor
{
    private readonly Dictionary<string, PrimFunc> _workloads = [];

    public MeasureActor(EngineContext ctx)
    {
        Receive<MeasureRequest>(r =>
        {
            var workload = WorkloadCache.Parse(_workloads, r.Workload);
            try
            {
                IReadOnlyList<Runner.MeasureResult> results;
                StartupTrace.Mark("measure actor: parsed");
                using (ctx.Gate.Exclusive("measure")) results = ctx.Measurer.Run(workload, r.Built, ctx.Cancel, r.SlowCutoffSecs);
                Sender.Tell(new MeasureReply(r.RequestId, results));
            }
            catch (OperationCanceledException) when (ctx.Cancel.IsCancellationRequested)
            {
                Sender.Tell(new MeasureReply(r.RequestId, [], Cancelled: true));
            }
        });
    }
}

/// <summary>Parsed workloads by their text: one PrimFunc object per workload, so the measurer's reference outputs are cached.</summary>
internal static class WorkloadCache
{
    public static PrimFunc Parse(Dictionary<string, PrimFunc> cache, string script)
    {
        if (!cache.TryGetValue(script, out var f)) cache[script] = f = TvmScript.ParseFunc(script, "<workload>");
        return f;
    }
}
