using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Tuner.Actors.Build;
using Tuner.Actors.Engine;
using Tuner.Actors.Runner;

namespace Tuner.Actors.Cluster;

/// <summary>How `tuner tune --cluster` joins: the seeds (none: this tuner node is the first seed), the interface and
/// port it binds to, the user's HOCON over hocon/cluster.conf, and the shared journal (a PostgreSQL connection string,
/// Npgsql form; null: the work_dir's journal.db, and the session cannot fail over).</summary>
public sealed record ClusterTuneOptions(IReadOnlyList<string> SeedNodes, string? Hostname = null, int? Port = null, string? UserHocon = null,
    string? Journal = null)
{
    public NodeOptions Node => new([ClusterWorker.TunerRole], SeedNodes, Hostname, Port, UserHocon);
}

/// <summary>A clustered session's link to its node's dispatcher: where work goes, which workers may measure it, and the
/// side file that names the host of each measurement.</summary>
internal sealed record RemoteWork(IActorRef Dispatcher, string? RequiredFingerprint, string WorkDir)
{
    /// <summary>JSON lines in the work_dir: one per measured candidate, with the host and fingerprint that timed it
    /// (TVM's record format has no field for it; timings of different hosts are not comparable).</summary>
    public const string HostsFile = "measured_hosts.json";
}

/// <summary>
/// The Build step of a clustered task: nothing is compiled on the tuner node (an artifact could not travel to the
/// measuring host, and -march=native must be the measuring host's); each candidate is passed on as its trace, and the
/// worker builds it as part of its measure item.
/// </summary>
internal sealed class DeferredBuildActor : ReceiveActor
{
    public DeferredBuildActor() =>
        Receive<BuildRequest>(r => Sender.Tell(new BuildReply(r.RequestId,
            r.Traces.Select((t, i) => new BuildResult(i, null, null, null, Source: t)).ToArray())));
}

/// <summary>
/// The Measure step of a clustered task: each candidate becomes a measure item (workload text, trace, target, the
/// session's evaluator settings, the required fingerprint) submitted to the dispatcher; the reply waits for every
/// item's one counted result (a lost worker's item is re-queued by the dispatcher, an abandoned one is a failed
/// trial). Each result's host goes to <see cref="RemoteWork.HostsFile"/>, its build and run time to the session's time split.
/// </summary>
internal sealed class RemoteMeasureActor : ReceiveActor
{
    private sealed record Cancelled;

    /// <summary>Several tasks' measure actors append to the one file (tasks in flight at once).</summary>
    private static readonly object HostsFileLock = new();

    private readonly EngineContext _ctx;
    private readonly RemoteWork _remote;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
    private (long RequestId, IActorRef ReplyTo, MeasureResult?[] Results, Dictionary<string, int> Index, string[] Traces)? _open;
    private CancellationTokenRegistration _onCancel;

    public RemoteMeasureActor(EngineContext ctx, RemoteWork remote)
    {
        (_ctx, _remote) = (ctx, remote);
        Receive<MeasureRequest>(Submit);
        Receive<WorkCompleted>(Completed);
        Receive<Cancelled>(_ =>
        {
            if (_open is { } o) o.ReplyTo.Tell(new MeasureReply(o.RequestId, [], Cancelled: true));
            _open = null;
        });
    }

    protected override void PreStart()
    {
        var self = Self;
        _onCancel = _ctx.Cancel.Register(() => self.Tell(new Cancelled()));
    }

    protected override void PostStop() => _onCancel.Dispose();

    private void Submit(MeasureRequest r)
    {
        var o = _ctx.Options;
        var settings = new MeasureSettings(o.Evaluator.Number, o.Evaluator.Repeat, o.Evaluator.MinRepeatMs, o.Evaluator.EnableCpuCacheFlush,
            o.Verify, o.DataSeed, o.RunTimeout.TotalSeconds, r.SlowCutoffSecs);
        var results = new MeasureResult?[r.Built.Count];
        var index = new Dictionary<string, int>();
        var traces = new string[r.Built.Count];
        var items = new List<WorkItem>();
        for (int i = 0; i < r.Built.Count; i++)
        {
            var b = r.Built[i];
            if (!b.Ok || b.Source is null) { results[i] = new MeasureResult(i, null, b.Error ?? "no trace to measure", false, FailureKind.Build); continue; }
            var id = $"{_ctx.SessionId}/{_prefix}/{r.RequestId}/{i}";
            index[id] = i;
            traces[i] = b.Source;
            items.Add(new WorkItem(id, WorkKind.Measure, r.Workload, b.Source, _ctx.Target.ToString(), settings, _remote.RequiredFingerprint));
        }
        _open = (r.RequestId, Sender, results, index, traces);
        if (items.Count > 0) _remote.Dispatcher.Tell(new SubmitWork(items));
        ReplyWhenDone();
    }

    private void Completed(WorkCompleted c)
    {
        if (_open is not { } o || !o.Index.TryGetValue(c.Item.ItemId, out int i)) return; // a result of a request already answered
        var w = c.Result;
        o.Results[i] = new MeasureResult(i, w.RunSecs, w.Error, w.Verified, w.Failure);
        _ctx.Measurer.AddElsewhere(w.BuildSecs, w.RunStepSecs); // the time split counts the workers' time
        if (w.HostId.Length > 0) RecordHost(o.Traces[i], w);
        ReplyWhenDone();
    }

    private void ReplyWhenDone()
    {
        if (_open is not { } o || o.Results.Any(r => r is null)) return;
        o.ReplyTo.Tell(new MeasureReply(o.RequestId, o.Results.Select(r => r!).ToArray()));
        _open = null;
    }

    private void RecordHost(string trace, WorkResult w)
    {
        var line = JsonSerializer.Serialize(new
        {
            trace_sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(trace)))[..16],
            host = w.HostId,
            fingerprint = w.FingerprintKey,
            run_secs = w.RunSecs,
            error = w.Error,
        });
        try
        {
            lock (HostsFileLock) File.AppendAllText(Path.Combine(_remote.WorkDir, RemoteWork.HostsFile), line + "\n");
        }
        catch (IOException e) { _ctx.Log.Scheduler($"could not note the measuring host in {RemoteWork.HostsFile}: {e.Message}"); }
    }
}
