namespace Tuner.Actors.Cluster;

/// <summary>
/// Marker of every message that crosses nodes in the work-pulling protocol; bound in hocon/cluster.conf to
/// <see cref="ClusterMessageSerializer"/> (JSON with versioned manifests, never CLR type names).
/// </summary>
public interface IClusterMessage;

/// <summary>Worker → dispatcher: here I am (sent when a tuner node is up, again after the dispatcher lost it).
/// Reply: <see cref="WorkerRegistered"/>.</summary>
public sealed record RegisterWorker(string WorkerId, WorkerInfo Info) : IClusterMessage;

/// <summary>Dispatcher → worker: registered in <see cref="Epoch"/>; any earlier demand is forgotten, ask again with
/// <see cref="RequestWork"/> carrying this epoch (an answer to an older registration is ignored).</summary>
public sealed record WorkerRegistered(string DispatcherId, long Epoch) : IClusterMessage;

/// <summary>Worker → dispatcher: I can take <see cref="Slots"/> more items (added to what I asked before). Replies come
/// as <see cref="WorkGranted"/> whenever work is there, possibly much later.</summary>
public sealed record RequestWork(string WorkerId, int Slots, long Epoch) : IClusterMessage;

/// <summary>Dispatcher → worker: items under leases; each answer is a <see cref="WorkDone"/> (or <see cref="LeaseDeclined"/>).</summary>
public sealed record WorkGranted(IReadOnlyList<Lease> Leases) : IClusterMessage;

/// <summary>Worker → dispatcher: the result of a leased item. Counted once, dropped when the lease was revoked meanwhile.</summary>
public sealed record WorkDone(string WorkerId, long LeaseId, WorkResult Result) : IClusterMessage;

/// <summary>Worker → dispatcher: a lease I hold more than I can do (several dispatchers asked at once); re-queue it.</summary>
public sealed record LeaseDeclined(string WorkerId, long LeaseId) : IClusterMessage;

/// <summary>Session → its node's dispatcher (local): dispatch these items; each result comes back once as
/// <see cref="WorkCompleted"/> to the sender.</summary>
public sealed record SubmitWork(IReadOnlyList<WorkItem> Items);

/// <summary>Dispatcher → session (local): the counted result of one submitted item (a failure when it was abandoned).</summary>
public sealed record WorkCompleted(WorkItem Item, WorkResult Result);

/// <summary>Anyone → dispatcher (local): reply with <see cref="DispatcherStatus"/>.</summary>
public sealed record GetDispatcherStatus
{
    public static readonly GetDispatcherStatus Instance = new();
}
