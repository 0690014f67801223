namespace Tuner.Actors.Cluster;

/// <summary>How long a worker may hold an item before it returns to the queue, and how often an item may be lost.</summary>
/// <param name="MaxAttempts">Leases of one item that may be lost or expire before the item is abandoned (a candidate
/// that kills every worker it reaches must not go round forever).</param>
public sealed record DispatcherOptions(TimeSpan BuildLease, TimeSpan MeasureLease, int MaxAttempts = 3)
{
    public static readonly DispatcherOptions Default = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120));

    public TimeSpan LeaseFor(WorkKind kind) => kind == WorkKind.Build ? BuildLease : MeasureLease;
}

/// <summary>An item handed to one worker until <see cref="Deadline"/>; its result counts only under this lease.</summary>
public sealed record Lease(long LeaseId, WorkItem Item, DateTimeOffset Deadline);

/// <summary>A lease given to a worker by <see cref="DispatcherState.Assign"/>.</summary>
public sealed record Grant(string WorkerId, Lease Lease);

/// <summary>What a worker is doing, for the progress output.</summary>
public enum WorkerState { Idle, Building, Measuring, Lost }

/// <summary>One worker as the dispatcher sees it.</summary>
public sealed record WorkerView(string WorkerId, WorkerInfo Info, WorkerState State, int InFlight, int Completed, int Demand);

/// <summary>What became of a result handed to <see cref="DispatcherState.Complete"/>.</summary>
public enum ResultOutcome
{
    /// <summary>The first result under the item's current lease: count it.</summary>
    Accepted,
    /// <summary>The item already has a result (or was abandoned): dropped.</summary>
    Duplicate,
    /// <summary>The lease was revoked (expired, worker lost, declined) and the item went back to the queue: dropped.</summary>
    Stale,
}

/// <summary>Items whose leases were revoked: back in the queue, or abandoned after too many attempts.</summary>
public sealed record Revoked(IReadOnlyList<WorkItem> Requeued, IReadOnlyList<WorkItem> Abandoned)
{
    public static readonly Revoked None = new([], []);
}

/// <summary>Counters and workers of a dispatcher at one moment.</summary>
/// <param name="Requeued">Leases revoked because they expired or their worker was lost (declined ones are counted in <paramref name="Declined"/>).</param>
public sealed record DispatcherStatus(int Pending, int InFlight, int Done, int Requeued, int Declined, int DroppedLate, int Abandoned, IReadOnlyList<WorkerView> Workers);

/// <summary>
/// The work-pulling bookkeeping of one tuner node, without actors or clocks (time is passed in), so every rule is
/// unit-tested alone; <see cref="WorkDispatcher"/> is its thin actor. Rules:
/// <list type="bullet">
/// <item>Workers pull: an item goes only to a worker that asked for work (<see cref="AddDemand"/>), never blindly.</item>
/// <item>Every grant is a lease with a deadline; a lease that expires, is declined or whose worker is lost is revoked
/// exactly once and its item goes back to the front of the queue (or is abandoned after
/// <see cref="DispatcherOptions.MaxAttempts"/> lost leases).</item>
/// <item>A result counts once: only under the item's current lease, and never after the item has a result.</item>
/// <item>Measure items go only to workers whose fingerprint key is the item's <see cref="WorkItem.RequiredFingerprint"/>.</item>
/// <item>Measurement is exclusive per host: a host measures one item at a time and builds nothing meanwhile; a host
/// that a waiting measure item could use gets no new build items in that pass (it drains).</item>
/// </list>
/// Items are dispatched first in, first out. Not thread-safe: one actor owns it.
/// </summary>
public sealed class DispatcherState(DispatcherOptions options)
{
    private sealed class Worker(string id, WorkerInfo info, int order)
    {
        public string Id { get; } = id;
        public WorkerInfo Info { get; set; } = info;
        public int Order { get; } = order;
        public int Demand { get; set; }
        public long Epoch { get; set; }
        public bool Lost { get; set; }
        public int Completed { get; set; }
        public HashSet<long> Leases { get; } = [];
    }

    private sealed class Entry(WorkItem item)
    {
        public WorkItem Item { get; } = item;
        public int Attempts { get; set; }
    }

    private sealed record Held(Entry Entry, string WorkerId, Lease Lease);

    private readonly Dictionary<string, Worker> _workers = [];
    private readonly LinkedList<Entry> _queue = new();
    private readonly Dictionary<long, Held> _leases = [];
    private readonly HashSet<string> _open = [];
    private readonly HashSet<string> _done = [];
    private long _nextLease = 1;
    private long _epochs;
    private int _order, _requeued, _declined, _droppedLate, _abandoned;

    public DispatcherOptions Options { get; } = options;

    /// <summary>Items waiting for a worker.</summary>
    public int Pending => _queue.Count;

    /// <summary>Items under a lease.</summary>
    public int InFlight => _leases.Count;

    /// <summary>Queues an item; false (and nothing changes) when its id is queued, leased or done already.</summary>
    public bool Enqueue(WorkItem item)
    {
        if (_done.Contains(item.ItemId) || !_open.Add(item.ItemId)) return false;
        _queue.AddLast(new Entry(item));
        return true;
    }

    /// <summary>
    /// Adds a worker, or brings a lost one back (with new info). Each registration starts a new epoch with zero
    /// demand: requests of an earlier epoch (still in flight when it registered again) are ignored, so a worker that
    /// registers twice is never credited twice.
    /// </summary>
    /// <returns>The epoch the worker's <see cref="AddDemand"/> calls must carry.</returns>
    public long Register(string workerId, WorkerInfo info)
    {
        if (!_workers.TryGetValue(workerId, out var w)) _workers[workerId] = w = new Worker(workerId, info, _order++);
        w.Info = info;
        w.Lost = false;
        w.Demand = 0;
        return w.Epoch = ++_epochs;
    }

    public bool IsKnown(string workerId) => _workers.ContainsKey(workerId);

    /// <summary>
    /// The worker asks for <paramref name="slots"/> more items (credit: each grant uses one). Ignored for unknown or
    /// lost workers and for an epoch other than the worker's current one.
    /// </summary>
    public void AddDemand(string workerId, int slots, long epoch)
    {
        if (_workers.TryGetValue(workerId, out var w) && !w.Lost && slots > 0 && epoch == w.Epoch) w.Demand += slots;
    }

    /// <summary>Hands out queued items to workers with demand, under the rules above; each grant is one lease.</summary>
    public IReadOnlyList<Grant> Assign(DateTimeOffset now)
    {
        var grants = new List<Grant>();
        var draining = new HashSet<string>();
        for (var node = _queue.First; node is not null && _workers.Values.Any(w => w.Demand > 0 && !w.Lost);)
        {
            var next = node.Next;
            var worker = Pick(node.Value.Item, draining);
            if (worker is not null)
            {
                _queue.Remove(node);
                var lease = new Lease(_nextLease++, node.Value.Item, now + Options.LeaseFor(node.Value.Item.Kind));
                _leases[lease.LeaseId] = new Held(node.Value, worker.Id, lease);
                worker.Leases.Add(lease.LeaseId);
                worker.Demand--;
                grants.Add(new Grant(worker.Id, lease));
            }
            node = next;
        }
        return grants;
    }

    private Worker? Pick(WorkItem item, HashSet<string> draining)
    {
        IEnumerable<Worker> able = _workers.Values.Where(w => !w.Lost && w.Demand > 0);
        if (item.Kind == WorkKind.Build)
            able = able.Where(w => !draining.Contains(w.Info.HostId) && !HostMeasuring(w.Info.HostId));
        else
        {
            able = able.Where(w => item.RequiredFingerprint is null || w.Info.Fingerprint.Key == item.RequiredFingerprint).ToArray();
            foreach (var w in able.Where(w => HostBusy(w.Info.HostId))) draining.Add(w.Info.HostId);
            able = able.Where(w => !HostBusy(w.Info.HostId));
        }
        return able.OrderByDescending(w => w.Demand).ThenBy(w => w.Order).FirstOrDefault();
    }

    private IEnumerable<Held> LeasesOnHost(string hostId) =>
        _workers.Values.Where(w => w.Info.HostId == hostId).SelectMany(w => w.Leases).Select(id => _leases[id]);

    private bool HostBusy(string hostId) => LeasesOnHost(hostId).Any();

    private bool HostMeasuring(string hostId) => LeasesOnHost(hostId).Any(h => h.Lease.Item.Kind == WorkKind.Measure);

    /// <summary>
    /// A worker's result for <paramref name="itemId"/> under <paramref name="leaseId"/>. Accepted once; a result after
    /// the item is done, or under a revoked lease, is dropped (counted in <see cref="DispatcherStatus.DroppedLate"/>).
    /// </summary>
    public ResultOutcome Complete(string workerId, long leaseId, string itemId)
    {
        if (_done.Contains(itemId)) { _droppedLate++; return ResultOutcome.Duplicate; }
        if (!_leases.TryGetValue(leaseId, out var held) || held.WorkerId != workerId || held.Entry.Item.ItemId != itemId)
        {
            _droppedLate++;
            return ResultOutcome.Stale;
        }
        _leases.Remove(leaseId);
        var w = _workers[workerId];
        w.Leases.Remove(leaseId);
        w.Completed++;
        _open.Remove(itemId);
        _done.Add(itemId);
        return ResultOutcome.Accepted;
    }

    /// <summary>The worker gives a lease back unstarted (it holds more than it can do): the item goes to the front of the
    /// queue without counting an attempt, and the worker's remaining demand is dropped.</summary>
    public bool Decline(string workerId, long leaseId)
    {
        if (!_leases.TryGetValue(leaseId, out var held) || held.WorkerId != workerId) return false;
        Release(held);
        _queue.AddFirst(held.Entry);
        _declined++;
        _workers[workerId].Demand = 0;
        return true;
    }

    /// <summary>
    /// The worker is unreachable, gone or dead: each of its leases is revoked once and its item re-queued (or
    /// abandoned); it gets nothing until it registers again. With <paramref name="forget"/> (it left the cluster) it
    /// is removed from the status too.
    /// </summary>
    public Revoked WorkerLost(string workerId, bool forget = false)
    {
        if (!_workers.TryGetValue(workerId, out var w)) return Revoked.None;
        var revoked = Revoke(w.Leases.Select(id => _leases[id]).ToArray());
        w.Lost = true;
        w.Demand = 0;
        if (forget) _workers.Remove(workerId);
        return revoked;
    }

    /// <summary>Revokes every lease whose deadline is at or before <paramref name="now"/>.</summary>
    public Revoked ExpireLeases(DateTimeOffset now) => Revoke(_leases.Values.Where(h => h.Lease.Deadline <= now).ToArray());

    /// <summary>The earliest deadline of a held lease (when the owner should next call <see cref="ExpireLeases"/>).</summary>
    public DateTimeOffset? NextDeadline => _leases.Count == 0 ? null : _leases.Values.Min(h => h.Lease.Deadline);

    private Revoked Revoke(IReadOnlyList<Held> held)
    {
        if (held.Count == 0) return Revoked.None;
        var requeued = new List<WorkItem>();
        var abandoned = new List<WorkItem>();
        // Re-queued to the front in their lease order, so the oldest work goes out first again.
        foreach (var h in held.OrderByDescending(h => h.Lease.LeaseId))
        {
            Release(h);
            h.Entry.Attempts++;
            if (h.Entry.Attempts >= Options.MaxAttempts)
            {
                _open.Remove(h.Entry.Item.ItemId);
                _done.Add(h.Entry.Item.ItemId);
                _abandoned++;
                abandoned.Add(h.Entry.Item);
                continue;
            }
            _queue.AddFirst(h.Entry);
            _requeued++;
            requeued.Add(h.Entry.Item);
        }
        requeued.Reverse();
        abandoned.Reverse();
        return new Revoked(requeued, abandoned);
    }

    private void Release(Held h)
    {
        _leases.Remove(h.Lease.LeaseId);
        if (_workers.TryGetValue(h.WorkerId, out var w)) w.Leases.Remove(h.Lease.LeaseId);
    }

    /// <summary>Counters and one view per worker, in registration order.</summary>
    public DispatcherStatus Status() => new(
        _queue.Count, _leases.Count, _done.Count, _requeued, _declined, _droppedLate, _abandoned,
        _workers.Values.OrderBy(w => w.Order).Select(View).ToArray());

    private WorkerView View(Worker w)
    {
        var kinds = w.Leases.Select(id => _leases[id].Lease.Item.Kind).ToArray();
        var state = w.Lost ? WorkerState.Lost
            : kinds.Contains(WorkKind.Measure) ? WorkerState.Measuring
            : kinds.Length > 0 ? WorkerState.Building : WorkerState.Idle;
        return new WorkerView(w.Id, w.Info, state, kinds.Length, w.Completed, w.Demand);
    }
}
