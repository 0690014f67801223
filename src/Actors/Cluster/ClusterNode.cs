using Akka.Actor;
using Akka.Configuration;
using Tuner.Actors.Settings;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Actors.Cluster;

/// <summary>How to start a node: its roles, the seeds to join (none: it is the first seed and joins itself), the
/// interface and port remoting binds to, and the user's HOCON layered over hocon/cluster.conf.</summary>
public sealed record NodeOptions(IReadOnlyList<string> Roles, IReadOnlyList<string> SeedNodes, string? Hostname = null, int? Port = null, string? UserHocon = null);

/// <summary>
/// One cluster node in this process: an actor system named <see cref="ClusterNodeSettings.SystemName"/> with the
/// actors of its roles — a <see cref="WorkDispatcher"/> on a tuner node, a <see cref="ClusterWorker"/> (with the
/// builder and runner behind it) on a worker node. Disposing leaves the cluster gracefully.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private ClusterNode(ActorSystem system, ClusterNodeSettings settings, HostFingerprint fingerprint, IActorRef? dispatcher)
    {
        System = system;
        Settings = settings;
        Fingerprint = fingerprint;
        Dispatcher = dispatcher;
    }

    public ActorSystem System { get; }
    public ClusterNodeSettings Settings { get; }

    /// <summary>This host's fingerprint, with the compiler of the configuration (tuner.compiler.cc).</summary>
    public HostFingerprint Fingerprint { get; }

    /// <summary>The dispatcher of a tuner node; null on a worker-only node.</summary>
    public IActorRef? Dispatcher { get; }

    public Address Address => AkkaCluster.Get(System).SelfAddress;

    /// <summary>Completes when the actor system stops: left, downed by the cluster, or shut down.</summary>
    public Task WhenTerminated => System.WhenTerminated;

    /// <summary>Checks the roles and seed addresses (a <see cref="FormatException"/> names the bad one) and builds the configuration.</summary>
    public static Config Configure(NodeOptions o)
    {
        if (o.Roles.Count == 0) throw new FormatException("give at least one role: worker or tuner");
        foreach (var role in o.Roles)
            if (role is not (ClusterWorker.WorkerRole or ClusterWorker.TunerRole))
                throw new FormatException($"unknown role '{role}' (roles: worker, tuner)");
        foreach (var seed in o.SeedNodes) CheckSeed(seed);
        if (o.Port is < 0 or > 65535) throw new FormatException($"port {o.Port} is not between 0 and 65535");
        return ClusterNodeSettings.NodeConfig(o.Roles, o.SeedNodes, o.Hostname, o.Port, o.UserHocon);
    }

    private static void CheckSeed(string seed)
    {
        Address a;
        try { a = Address.Parse(seed); }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new FormatException($"seed node '{seed}' is not an address like akka.tcp://{ClusterNodeSettings.SystemName}@127.0.0.1:4053");
        }
        if (a.Protocol is not ("akka.tcp" or "akka.ssl.tcp") || a.Host is null || a.Port is not > 0)
            throw new FormatException($"seed node '{seed}' needs akka.tcp:// (akka.ssl.tcp:// with TLS), a host and a port, as in akka.tcp://{ClusterNodeSettings.SystemName}@127.0.0.1:4053");
        if (a.System != ClusterNodeSettings.SystemName)
            throw new FormatException($"seed node '{seed}' names actor system '{a.System}'; every tuner node is '{ClusterNodeSettings.SystemName}'");
    }

    /// <param name="executor">Replaces the builder and runner of a worker (tests inject faults with it).</param>
    public static ClusterNode Start(NodeOptions o, Func<ClusterNodeSettings, HostFingerprint, IWorkExecutor>? executor = null)
    {
        var config = Configure(o);
        var settings = ClusterNodeSettings.FromConfig(config);
        var compiler = TunerSettings.FromConfig(config).Compiler.Cc;
        var fingerprint = HostFingerprint.Detect(compiler);
        var system = ActorSystem.Create(ClusterNodeSettings.SystemName, ClusterTls.Setup(config));
        var cluster = AkkaCluster.Get(system);
        if (o.SeedNodes.Count == 0) cluster.Join(cluster.SelfAddress);
        IActorRef? dispatcher = null;
        if (o.Roles.Contains(ClusterWorker.TunerRole))
            dispatcher = system.ActorOf(WorkDispatcher.Props(settings.Dispatcher, settings.Tick), WorkDispatcher.Name);
        if (o.Roles.Contains(ClusterWorker.WorkerRole))
        {
            var exec = executor?.Invoke(settings, fingerprint) ?? new LocalWorkExecutor(settings.HostId, fingerprint, compiler);
            system.ActorOf(ClusterWorker.Props(new WorkerInfo(settings.HostId, fingerprint, settings.Capacity), exec, settings.Tick), ClusterWorker.Name);
        }
        return new ClusterNode(system, settings, fingerprint, dispatcher);
    }

    /// <summary>Completes when this node is Up in the cluster (false when <paramref name="timeout"/> passed first).</summary>
    public async Task<bool> WhenUp(TimeSpan timeout)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AkkaCluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        return await Task.WhenAny(up.Task, Task.Delay(timeout)) == up.Task;
    }

    /// <summary>Leaves the cluster (its leases are re-queued by the dispatchers at once) and stops the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await System.WhenTerminated;
    }
}
