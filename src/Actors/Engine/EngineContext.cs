using System.Text.Json.Nodes;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Engine;

/// <summary>
/// What the actors of one engine run share, handed down through Props (local objects, never messages): the tasks
/// (their standing and strategy: a restarted TaskTuner takes its state from here), the database the RecordLog
/// writes, the logs, the measurer with its one runner per host and the <see cref="HostGate"/>, the cost model, the
/// failure reporter, the run's cancellation and the time split.
/// </summary>
internal sealed class EngineContext
{
    public required string SessionId { get; init; }
    /// <summary>Who runs the session, journaled with each start (`tuner sessions` shows it): a node address or "embedded …".</summary>
    public string Owner { get; init; } = EmbeddedOwner;
    /// <summary>The journal as messages name it (the work_dir's SQLite file, or the cluster's PostgreSQL journal).</summary>
    public string JournalName { get; init; } = EngineConfig.JournalFile;
    public required IReadOnlyList<TuneTask> Tasks { get; init; }
    public required JsonDatabase Database { get; init; }
    public required TuneLog Log { get; init; }
    public required TuneOptions Options { get; init; }
    public required Target Target { get; init; }
    public required JsonNode TargetJson { get; init; }
    public required int Budget { get; init; }
    public required int PerTask { get; init; }
    public required ISpaceGenerator Space { get; init; }
    public required ICostModel Model { get; init; }
    public required CandidateMeasurer Measurer { get; init; }
    public required FailureReporter Failures { get; init; }
    public HostGate Gate { get; } = new();
    public required CancellationToken Cancel { get; init; }
    public required ITuneProgress Progress { get; init; }
    public required TaskCompletionSource<SessionOutcome> Completion { get; init; }
    /// <summary>
    /// Set once the plan is shown and the early baseline builds have started: the session recovers meanwhile (the
    /// record log loads in the background, and both of those read it) and begins only after it.
    /// </summary>
    public TaskCompletionSource PlanShown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Seconds in search (of which ahead, during builds) and in cost-model updates (the measurer keeps build and run).</summary>
    public double SearchSecs, SearchAheadSecs, CostModelSecs, JournalSecs;
    /// <summary>The session actor runs in this process (a clustered node may stand by while another node runs it).</summary>
    public volatile bool Running;
    public int SnapshotEvery { get; init; } = 500;
    /// <summary>The most results a resumed task's cost model learns before its first search (tuner.engine.pretrain-limit).</summary>
    public int PretrainLimit { get; init; } = 256;
    /// <summary>tuner.engine.early-baseline-builds: compile the untuned functions while the session recovers (<see cref="BaselinePrebuild"/>).</summary>
    public bool EarlyBaselineBuilds { get; init; } = true;
    /// <summary>Untuned functions compiled while the session recovers (null: each TaskTuner builds its own).</summary>
    public BaselinePrebuild? EarlyBaselines { get; set; }
    /// <summary>
    /// tuner.engine.overlap-search: a task searches its next batch while its current batch builds (see
    /// <see cref="TaskTuner"/>); off: search, build and measure strictly one after the other, as TVM does.
    /// </summary>
    public bool OverlapSearch { get; init; }
    /// <summary>A clustered session: builds and measurements go to the dispatcher (null: this process builds and measures).</summary>
    public Cluster.RemoteWork? Remote { get; init; }
    /// <summary>Fault injection for tests only: replacement Build / Measure children (null: the real ones).</summary>
    public EngineFaults? Faults { get; init; }
    /// <summary>Timeout of one step (a search, a build, a measurement) before the session counts it failed.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Timeout of one measurement step (by default <see cref="StepTimeout"/>).</summary>
    public TimeSpan MeasureTimeout => Faults?.MeasureTimeout ?? StepTimeout;

    /// <summary>The owner of a session run by this process without a cluster.</summary>
    public static string EmbeddedOwner => $"embedded {Environment.MachineName} pid {Environment.ProcessId}";
}

/// <summary>
/// Test-only fault injection: Props of fake Build / Measure children that fail, throw, hang or are slow, and an
/// observer of the <see cref="HostGate"/> (who held it when).
/// </summary>
internal sealed record EngineFaults(Func<EngineContext, Akka.Actor.Props>? Build = null, Func<EngineContext, Akka.Actor.Props>? Measure = null,
    TimeSpan? MeasureTimeout = null, Action<HostGateUse>? GateObserver = null);
