using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Tuner.Actors.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Actors.Tests.Cluster;

/// <summary>
/// Real actor systems in one process, clustered over loopback TCP with the hocon/cluster.conf profile: the first
/// node started is the seed (it joins itself; the others join its bound address, so no port is guessed). Tests get a
/// tuner node with a dispatcher and worker nodes with their executors; everything is terminated on dispose.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // generous: the machine is shared

    private readonly List<ActorSystem> _systems = [];
    private Address? _seed;

    // Faster housekeeping than production; the resolver waits less so a test does not idle for 7 s.
    private const string TestOverrides = """
        tuner.cluster.tick = 200ms
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    public ActorSystem Start(string role, string? extraHocon = null)
    {
        var cfg = ClusterNodeSettings.NodeConfig([role], [], "127.0.0.1", 0, TestOverrides + "\n" + (extraHocon ?? ""));
        var system = ActorSystem.Create(ClusterNodeSettings.SystemName, cfg);
        _systems.Add(system);
        var cluster = AkkaCluster.Get(system);
        _seed ??= cluster.SelfAddress;
        cluster.Join(_seed);
        return system;
    }

    /// <summary>A tuner node with its dispatcher; results of submitted items land in <see cref="Collector.Results"/>.</summary>
    public (ActorSystem System, IActorRef Dispatcher, Collector Results) StartTuner(DispatcherOptions options)
    {
        var system = Start(ClusterWorker.TunerRole);
        var dispatcher = system.ActorOf(WorkDispatcher.Props(options, TimeSpan.FromMilliseconds(200)), WorkDispatcher.Name);
        return (system, dispatcher, new Collector(system));
    }

    public ActorSystem StartWorker(WorkerInfo info, IWorkExecutor executor)
    {
        var system = Start(ClusterWorker.WorkerRole);
        system.ActorOf(ClusterWorker.Props(info, executor, TimeSpan.FromMilliseconds(200)), ClusterWorker.Name);
        return system;
    }

    /// <summary>Waits until every live node sees <paramref name="count"/> members Up.</summary>
    public async Task AwaitUp(int count)
    {
        await Eventually(() => _systems.Where(s => !s.WhenTerminated.IsCompleted)
            .All(s => AkkaCluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == count), $"{count} members up");
    }

    public static async Task Eventually(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {(within ?? Patience).TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }

    public static async Task<DispatcherStatus> StatusOf(IActorRef dispatcher) =>
        await dispatcher.Ask<DispatcherStatus>(GetDispatcherStatus.Instance, TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _systems) _ = s.Terminate();
        await Task.WhenAll(_systems.Select(s => s.WhenTerminated)).WaitAsync(Patience);
    }

    /// <summary>Collects the <see cref="WorkCompleted"/> messages sent to <see cref="Ref"/>.</summary>
    public sealed class Collector
    {
        public ConcurrentQueue<WorkCompleted> Results { get; } = new();
        public IActorRef Ref { get; }

        public Collector(ActorSystem system) => Ref = system.ActorOf(Props.Create(() => new Sink(Results)));

        private sealed class Sink : ReceiveActor
        {
            public Sink(ConcurrentQueue<WorkCompleted> into) => Receive<WorkCompleted>(into.Enqueue);
        }
    }
}

/// <summary>
/// Fault injection (a fake, on purpose): an executor that takes <see cref="Delay"/> per item and answers with fixed
/// run_secs, standing for a slow, hung or healthy worker without a compiler in the loop.
/// </summary>
public sealed class DelayExecutor(string hostId, HostFingerprint fingerprint, TimeSpan delay) : IWorkExecutor
{
    private int _started;

    public TimeSpan Delay { get; } = delay;

    /// <summary>Items this executor began (whether or not their results were counted).</summary>
    public int Started => _started;

    public WorkResult Execute(WorkItem item, CancellationToken ct)
    {
        Interlocked.Increment(ref _started);
        try { Task.Delay(Delay, ct).Wait(ct); }
        catch (OperationCanceledException) { }
        return new WorkResult(item.ItemId, [1e-3], null, null, true, 0, hostId, fingerprint.Key);
    }

    public void Dispose() { }
}
