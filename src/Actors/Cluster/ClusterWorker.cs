using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Actors.Cluster;

/// <summary>
/// A worker node's side of work pulling: it registers with the dispatcher of every tuner node that is up (again each
/// tick until it is answered), asks for as many items as it has free slots (credit; <see cref="RequestWork"/>), runs
/// granted items on the thread pool through its <see cref="IWorkExecutor"/> and answers each with
/// <see cref="WorkDone"/>. A lease beyond its capacity (several dispatchers asked at once) is declined.
/// </summary>
public sealed class ClusterWorker : ReceiveActor, IWithTimers
{
    public const string Name = "tuner-worker";

    /// <summary>The cluster role of nodes that run sessions (and a dispatcher).</summary>
    public const string TunerRole = "tuner";

    public const string WorkerRole = "worker";

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Finished(IActorRef Dispatcher, long LeaseId, WorkResult Result);

    private sealed class Link(ActorSelection selection)
    {
        public ActorSelection Selection { get; } = selection;
        public IActorRef? Ref { get; set; }
        public int Credit { get; set; }
        public long Epoch { get; set; } = -1;
    }

    private readonly Dictionary<Address, Link> _links = [];
    private readonly WorkerInfo _info;
    private readonly IWorkExecutor _executor;
    private readonly TimeSpan _tick;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private string _workerId = "";
    private int _running;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="executor">Owned by the actor: disposed when it stops.</param>
    public static Props Props(WorkerInfo info, IWorkExecutor executor, TimeSpan tick) =>
        Akka.Actor.Props.Create(() => new ClusterWorker(info, executor, tick));

    public ClusterWorker(WorkerInfo info, IWorkExecutor executor, TimeSpan tick)
    {
        _info = info;
        _executor = executor;
        _tick = tick;

        Receive<ClusterEvent.MemberUp>(m =>
        {
            if (!m.Member.HasRole(TunerRole) || _links.ContainsKey(m.Member.Address)) return;
            var link = new Link(Context.ActorSelection(new RootActorPath(m.Member.Address) / "user" / WorkDispatcher.Name));
            _links[m.Member.Address] = link;
            Register(link);
        });
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            if (_links.Remove(m.Member.Address)) TopUp();
        });
        Receive<Tick>(_ =>
        {
            foreach (var link in _links.Values.Where(l => l.Ref is null)) Register(link);
        });
        Receive<WorkerRegistered>(m =>
        {
            if (!_links.TryGetValue(Sender.Path.Address, out var link) || m.Epoch <= link.Epoch) return;
            link.Ref = Sender;
            link.Epoch = m.Epoch;
            link.Credit = 0; // the dispatcher forgot any earlier demand
            TopUp();
        });
        Receive<WorkGranted>(m =>
        {
            var link = _links.GetValueOrDefault(Sender.Path.Address);
            foreach (var lease in m.Leases)
            {
                if (link is not null) link.Credit = Math.Max(0, link.Credit - 1);
                if (_running >= _info.Capacity)
                {
                    if (link is not null) link.Credit = 0; // a decline clears the demand the dispatcher holds for us
                    Sender.Tell(new LeaseDeclined(_workerId, lease.LeaseId));
                    continue;
                }
                Start(lease, Sender);
            }
        });
        Receive<Finished>(m =>
        {
            _running--;
            m.Dispatcher.Tell(new WorkDone(_workerId, m.LeaseId, m.Result));
            TopUp();
        });
    }

    private void Register(Link link) => link.Selection.Tell(new RegisterWorker(_workerId, _info), Self);

    private void Start(Lease lease, IActorRef dispatcher)
    {
        _running++;
        var item = lease.Item;
        // At INFO (akka.loglevel) a worker names each measurement it starts: what a lost lease took with it.
        if (item.Kind == WorkKind.Measure) _log.Info("measuring item {0} under lease {1}", item.ItemId, lease.LeaseId);
        var ct = _stop.Token;
        var executor = _executor;
        Task.Run(() => executor.Execute(item, ct), ct).PipeTo(Self,
            success: r => new Finished(dispatcher, lease.LeaseId, r),
            failure: e => new Finished(dispatcher, lease.LeaseId, new WorkResult(item.ItemId, null,
                $"worker error: {e.GetBaseException().Message}", Runner.FailureKind.Run, false, 0, _info.HostId, _info.Fingerprint.Key)));
    }

    /// <summary>
    /// Asks registered dispatchers for the free slots, spread evenly. Every dispatcher holds at least one slot, even
    /// beyond the free ones: credit cannot be taken back, and an idle dispatcher (a tuner node standing by for a session
    /// that runs elsewhere) must not starve the others; a lease over capacity is declined and re-queued at no cost.
    /// A worker at capacity asks for nothing: the next finished item tops up again.
    /// </summary>
    private void TopUp()
    {
        var links = _links.Values.Where(l => l.Ref is not null).ToArray();
        if (links.Length == 0) return; // no dispatcher yet, or the last one left: nobody to ask
        int free = _info.Capacity - _running - links.Sum(l => l.Credit);
        var ask = links.Select(l => l.Credit == 0 && _running < _info.Capacity ? 1 : 0).ToArray(); // busy: the next Finished asks
        free -= ask.Sum();
        for (; free > 0; free--)
        {
            int k = 0;
            for (int j = 1; j < links.Length; j++)
                if (links[j].Credit + ask[j] < links[k].Credit + ask[k]) k = j;
            ask[k]++;
        }
        for (int k = 0; k < links.Length; k++)
        {
            if (ask[k] == 0) continue;
            links[k].Credit += ask[k];
            links[k].Ref!.Tell(new RequestWork(_workerId, ask[k], links[k].Epoch));
        }
    }

    protected override void PreStart()
    {
        var cluster = AkkaCluster.Get(Context.System);
        _workerId = $"{cluster.SelfAddress}#{cluster.SelfUniqueAddress.Uid}/{Self.Path.Name}";
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _tick);
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        AkkaCluster.Get(Context.System).Unsubscribe(Self);
        _stop.Cancel();
        _executor.Dispose();
        _stop.Dispose();
    }
}
