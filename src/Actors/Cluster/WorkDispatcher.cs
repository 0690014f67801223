using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;
using Akka.Event;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The tuner node's side of work pulling (one per tuner node, at <see cref="Path"/>): sessions submit items
/// (<see cref="SubmitWork"/>), workers register and ask for work, and every rule lives in <see cref="DispatcherState"/>;
/// this actor only turns messages and cluster events into its calls. A worker whose node becomes unreachable loses
/// its leases at once (they return to the queue once); when it is reachable again it is told to register afresh;
/// when its node is removed it is forgotten. A tick revokes expired leases.
/// </summary>
public sealed class WorkDispatcher : ReceiveActor, IWithTimers
{
    /// <summary>Name under /user; workers find the dispatcher of each tuner node at this path.</summary>
    public const string Name = "tuner-dispatcher";

    public const string Path = "/user/" + Name;

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly DispatcherState _state;
    private readonly Dictionary<string, IActorRef> _workers = [];
    private readonly Dictionary<string, WorkerInfo> _infos = [];
    private readonly Dictionary<string, (IActorRef Requester, WorkItem Item)> _submitted = [];
    private readonly TimeSpan _tick;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DispatcherOptions options, TimeSpan tick) => Akka.Actor.Props.Create(() => new WorkDispatcher(options, tick));

    public WorkDispatcher(DispatcherOptions options, TimeSpan tick)
    {
        _state = new DispatcherState(options);
        _tick = tick;

        Receive<SubmitWork>(m =>
        {
            foreach (var item in m.Items)
                if (_state.Enqueue(item)) _submitted[item.ItemId] = (Sender, item);
            Dispatch();
        });
        Receive<RegisterWorker>(m =>
        {
            long epoch = _state.Register(m.WorkerId, m.Info);
            _workers[m.WorkerId] = Sender;
            _infos[m.WorkerId] = m.Info;
            Context.Watch(Sender);
            Sender.Tell(new WorkerRegistered(Self.Path.ToString(), epoch));
        });
        Receive<RequestWork>(m =>
        {
            _state.AddDemand(m.WorkerId, m.Slots, m.Epoch);
            Dispatch();
        });
        Receive<WorkDone>(m =>
        {
            var outcome = _state.Complete(m.WorkerId, m.LeaseId, m.Result.ItemId);
            if (outcome == ResultOutcome.Accepted && _submitted.Remove(m.Result.ItemId, out var s))
                s.Requester.Tell(new WorkCompleted(s.Item, m.Result));
            else if (outcome != ResultOutcome.Accepted)
                _log.Info("dropped a {0} result for item {1} from {2} (lease {3})", outcome, m.Result.ItemId, m.WorkerId, m.LeaseId);
            Dispatch();
        });
        Receive<LeaseDeclined>(m =>
        {
            _state.Decline(m.WorkerId, m.LeaseId);
            Dispatch();
        });
        Receive<ClusterEvent.UnreachableMember>(m => Lost(m.Member.Address, forget: false));
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member.Address, forget: true));
        Receive<ClusterEvent.ReachableMember>(m =>
        {
            // Back from unreachable: its old leases were re-queued; it registers again and asks anew.
            foreach (var id in WorkersAt(m.Member.Address))
                _workers[id].Tell(new WorkerRegistered(Self.Path.ToString(), _state.Register(id, _infos[id])));
        });
        Receive<Terminated>(m =>
        {
            foreach (var id in _workers.Where(kv => kv.Value.Equals(m.ActorRef)).Select(kv => kv.Key).ToArray()) Forget(id);
        });
        Receive<Tick>(_ =>
        {
            Handle(_state.ExpireLeases(DateTimeOffset.UtcNow));
            Dispatch();
        });
        Receive<GetDispatcherStatus>(_ => Sender.Tell(_state.Status()));
    }

    private IEnumerable<string> WorkersAt(Address address) =>
        _workers.Where(kv => kv.Value.Path.Address.Equals(address)).Select(kv => kv.Key).ToArray();

    private void Lost(Address address, bool forget)
    {
        var ids = WorkersAt(address);
        if (ids.Any()) _log.Info(forget ? "worker node {0} removed from the cluster" : "worker node {0} unreachable", address);
        foreach (var id in ids)
        {
            if (forget) Forget(id);
            else Handle(_state.WorkerLost(id));
        }
        Dispatch();
    }

    private void Forget(string id)
    {
        Handle(_state.WorkerLost(id, forget: true));
        if (_workers.Remove(id, out var worker)) Context.Unwatch(worker);
        _infos.Remove(id);
    }

    private void Handle(Revoked revoked)
    {
        if (revoked.Requeued.Count > 0) _log.Info("re-queued item(s) {0}", string.Join(", ", revoked.Requeued.Select(i => i.ItemId)));
        foreach (var item in revoked.Abandoned)
            if (_submitted.Remove(item.ItemId, out var s))
                s.Requester.Tell(new WorkCompleted(item, WorkResult.Abandoned(item,
                    $"abandoned: lost or timed out on {_state.Options.MaxAttempts} workers")));
    }

    private void Dispatch()
    {
        var grants = _state.Assign(DateTimeOffset.UtcNow);
        foreach (var group in grants.GroupBy(g => g.WorkerId))
            _workers[group.Key].Tell(new WorkGranted(group.Select(g => g.Lease).ToArray()));
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _tick);
        AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);
}
