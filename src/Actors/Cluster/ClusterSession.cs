using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Tuner.Actors.Engine;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The tuner node of `tuner tune --cluster`: an actor system that joins the cluster and runs the dispatcher its
/// session's work goes to. With a shared PostgreSQL journal (<see cref="ClusterTuneOptions.Journal"/>) the session is
/// a cluster singleton among the tuner nodes started for it (each has the role named by the session id): the oldest
/// runs it, and when that node dies or leaves the next oldest recovers it from the journal and goes on. Without one it
/// journals to the work_dir and runs here only.
/// </summary>
internal sealed class ClusterSession
{
    private const string OwnerName = "session-owner";
    private const string SessionName = "session";

    private ClusterSession(ActorSystem system, RemoteWork remote, bool failover)
    {
        System = system;
        Remote = remote;
        Failover = failover;
    }

    public ActorSystem System { get; }
    public RemoteWork Remote { get; }

    /// <summary>The session is a singleton on the shared journal (it may run on another tuner node).</summary>
    public bool Failover { get; }

    public string Owner => AkkaCluster.Get(System).SelfAddress.ToString();

    public string JournalName => Failover ? ClusterJournal.DisplayName : EngineConfig.JournalFile;

    /// <summary>Starts the node: its configuration (the user's HOCON over hocon/cluster.conf, the journal), the join, the dispatcher.</summary>
    public static ClusterSession Start(ClusterTuneOptions cluster, string workDir, Config? userHocon, string sessionId, TuneOptions options, TuneLog log)
    {
        var nodeConfig = ClusterNode.Configure(cluster.Node);
        // Akka's own warnings go to logs/akka.log: the console has the node's progress lines (ClusterProgress).
        var logging = ConfigurationFactory.ParseString($$"""
            akka.loggers = ["{{typeof(WorkDirLogger).AssemblyQualifiedName}}"]
            akka.stdout-loglevel = OFF
            tuner.cluster.akka-log = "{{Path.Combine(log.Dir, "akka.log").Replace("\\", "/", StringComparison.Ordinal)}}"
            """);
        var top = (userHocon is null ? logging : userHocon.WithFallback(logging)).WithFallback(nodeConfig);
        Config config;
        if (cluster.Journal is { } connection)
        {
            ClusterJournal.CheckReachable(connection);
            // The session's own role marks the nodes that can run it: a singleton runs on the oldest node of its role.
            top = ConfigurationFactory.ParseString($"akka.cluster.roles = [\"{ClusterWorker.TunerRole}\", \"{sessionId}\"]").WithFallback(top);
            config = EngineConfig.ForJournal(ClusterJournal.Postgres(connection), top);
        }
        else config = EngineConfig.ForWorkDir(workDir, top);
        var system = ActorSystem.Create(ClusterNodeSettings.SystemName, ClusterTls.Setup(config));
        var settings = ClusterNodeSettings.FromConfig(nodeConfig);
        var joined = AkkaCluster.Get(system);
        if (cluster.SeedNodes.Count == 0) joined.Join(joined.SelfAddress);
        var dispatcher = system.ActorOf(WorkDispatcher.Props(settings.Dispatcher, settings.Tick), WorkDispatcher.Name);
        var fingerprint = HostFingerprint.Detect(options.Compiler ?? RunnerOptions.Default.Compiler);
        var node = new ClusterSession(system, new RemoteWork(dispatcher, settings.RequiredFingerprint(fingerprint), workDir), cluster.Journal is not null);
        var required = node.Remote.RequiredFingerprint ?? "any";
        log.Scheduler($"tuner node {joined.SelfAddress}; measure items need fingerprint {required}");
        options.Output?.WriteLine($"cluster: tuner node {joined.SelfAddress}, measuring on workers with fingerprint {required}" +
            (cluster.SeedNodes.Count == 0 ? $" (start workers with --seed-nodes {joined.SelfAddress})" : ""));
        if (node.Failover)
            options.Output?.WriteLine($"cluster: {sessionId} journals to PostgreSQL; the oldest tuner node started for it runs it, " +
                "and another one resumes it from the journal if that node dies");
        return node;
    }

    /// <summary>Starts the session: here, or as a singleton that runs on the oldest tuner node of its role.</summary>
    public void StartSession(Props session, string sessionId)
    {
        if (!Failover)
        {
            System.ActorOf(session, SessionName);
            return;
        }
        System.Settings.InjectTopLevelFallback(ClusterSingleton.DefaultConfig());
        var settings = ClusterSingletonManagerSettings.Create(System).WithRole(sessionId).WithSingletonName(SessionName);
        System.ActorOf(ClusterSingletonManager.Props(session, PoisonPill.Instance, settings), OwnerName);
    }

    /// <summary>Why the run of a tuner node that the cluster downed ends (exit 1).</summary>
    public const string DownedMessage = "error: this tuner node was removed from the cluster (downed) before the session finished; " +
        "what was measured is journaled, and the same command resumes the session";

    /// <summary>The cluster downed this node (its split-brain resolver, e.g. when two nodes are lost within stable-after).</summary>
    public bool Downed => AkkaCluster.Get(System) is var c && (c.IsTerminated || c.SelfMember.Status is MemberStatus.Down or MemberStatus.Removed);

    /// <summary>
    /// A downed tuner node stops its actor system: a node standing by then ends its run with <see cref="DownedMessage"/>
    /// instead of waiting for a session that can no longer run here (the owner's session actor stops and says so itself).
    /// </summary>
    public void EndWhenRemoved(EngineContext ctx) =>
        System.WhenTerminated.ContinueWith(_ => ctx.Completion.TrySetResult(new SessionOutcome(Stopped(ctx), DownedMessage)), TaskScheduler.Default);

    private static TuneSummary Stopped(EngineContext ctx) =>
        new(ctx.Tasks.Select(t => t.Summary()).ToArray(), 0, new TuneTimings(0, 0, 0, 0, 0), Interrupted: true, ctx.Failures.Counts);

    /// <summary>
    /// Ctrl-C: the session stops after its step in flight when it runs here; a node standing by (the session runs
    /// elsewhere) just ends its run, interrupted, with nothing measured.
    /// </summary>
    public void Interrupt(EngineContext ctx)
    {
        System.ActorSelection(Failover ? $"/user/{OwnerName}/{SessionName}" : $"/user/{SessionName}").Tell(new InterruptSession());
        if (ctx.Running) return;
        ctx.Completion.TrySetResult(new SessionOutcome(Stopped(ctx), null));
    }
}
