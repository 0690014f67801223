using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using Tuner.Ir;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Engine;

/// <summary>
/// Runs a tuning session on the actor engine and waits for it: locks the work_dir, opens the record log (moving a
/// torn tail aside), extracts the tasks, starts an actor system whose journal is work_dir/journal.db, and lets a
/// <see cref="TuningSession"/> (resumed when the same workloads and target were tuned there before) spend the
/// budget. <see cref="Tuning.Tuning.TuneTir"/> delegates here, so the CLI and the passes both run on it.
/// </summary>
public static class TuningEngine
{
    public static TuneSummary Run(IRModule module, Target target, string workDir, int maxTrialsGlobal, TuneOptions options, CancellationToken ct = default) =>
        Run(module, target, workDir, maxTrialsGlobal, options, ct, faults: null);

    /// <param name="faults">Tests only: fake Build / Measure children (fault injection).</param>
    internal static TuneSummary Run(IRModule module, Target target, string workDir, int maxTrialsGlobal, TuneOptions options, CancellationToken ct,
        EngineFaults? faults)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrialsGlobal);
        StartupTrace.Mark("engine run");
        using var workDirLock = WorkDirLock.Acquire(workDir, options.WaitForLock, m => options.Error?.WriteLine(m), ct);
        using var log = new TuneLog(workDir);
        // The record lines load while the actor system starts and the journal recovers (a long session's log takes a second or more).
        var db = JsonDatabase.Open(workDir, m => { log.Scheduler(m); options.Error?.WriteLine(m); }, recordsInBackground: true);
        StartupTrace.Mark("db open");
        var targetJson = JsonNode.Parse(target.ToJson())!;
        var tasks = TuneTask.Extract(module, db, WorkloadNames.Read(workDir), options.Functions, m => { log.Scheduler(m); options.Error?.WriteLine($"note: {m}"); });
        StartupTrace.Mark("tasks extracted");
        if (tasks.Count == 0)
        {
            // Every function was left out (symbolic shapes): nothing to measure, and no session to journal.
            log.Scheduler("no PrimFunc to tune");
            options.Error?.WriteLine("note: no PrimFunc to tune; the module is kept as it is");
            return new TuneSummary([], 0, new TuneTimings(0, 0, 0, 0, 0));
        }
        var ownModel = options.CostModel is null ? new GbtCostModel(TaskSetup.SeedOf(options.Seed)) : null;
        using var runner = new LocalRunner(new RunnerOptions(options.RunTimeout, target.NumCores, options.Compiler ?? RunnerOptions.Default.Compiler));
        int perTask = options.MaxTrialsPerTask ?? maxTrialsGlobal;
        var plan = TuneMessages.Start(tasks.Select(t => t.Name).ToArray(), target, workDir, log.Dir, maxTrialsGlobal, perTask, options.NumTrialsPerIter);
        log.Scheduler(plan + $", strategy {options.Strategy}");
        StartupTrace.Mark("plan");
        var extraHocon = string.IsNullOrWhiteSpace(options.EngineHocon) ? null : Akka.Configuration.ConfigurationFactory.ParseString(options.EngineHocon);
        // A clustered session is a tuner node: its actor system joins the cluster and runs the dispatcher.
        var sessionId = SessionId(tasks, targetJson);
        var node = options.Cluster is { } cluster ? Cluster.ClusterSession.Start(cluster, workDir, extraHocon, sessionId, options, log) : null;
        var system = node?.System ?? ActorSystem.Create("tuner", EngineConfig.ForWorkDir(workDir, extraHocon));
        StartupTrace.Mark("actor system created");
        var remote = node?.Remote;
        using var workers = remote is null ? null : new Cluster.ClusterProgress(remote.Dispatcher, line =>
        {
            log.Scheduler(line);
            options.Output?.WriteLine(line);
        }, TimeSpan.FromSeconds(5));
        var ctx = new EngineContext
        {
            SnapshotEvery = Math.Max(1, system.Settings.Config.GetInt("tuner.engine.snapshot-every", 500)),
            PretrainLimit = Math.Max(0, system.Settings.Config.GetInt("tuner.engine.pretrain-limit", 256)),
            OverlapSearch = system.Settings.Config.GetBoolean("tuner.engine.overlap-search", false),
            EarlyBaselineBuilds = system.Settings.Config.GetBoolean("tuner.engine.early-baseline-builds", true),
            Remote = remote,
            SessionId = sessionId,
            Owner = node?.Owner ?? EngineContext.EmbeddedOwner,
            JournalName = node?.JournalName ?? EngineConfig.JournalFile,
            Tasks = tasks,
            Database = db,
            Log = log,
            Options = options,
            Target = target,
            TargetJson = targetJson,
            Budget = maxTrialsGlobal,
            PerTask = perTask,
            Space = options.Space ?? Space.SpaceGenerators.Cpu(),
            Model = options.CostModel ?? ownModel!,
            Measurer = new CandidateMeasurer(new Build.Builder(TaskSetup.BuilderOptions(target, options)), runner, options.Evaluator, options.Verify, options.DataSeed),
            Failures = new FailureReporter(options.Error),
            Cancel = ct,
            Progress = options.Progress ?? new TableProgress(options.Output),
            Faults = faults,
            // A last-resort watchdog over one step: every compile and every run have their own, shorter timeouts.
            StepTimeout = options.NumTrialsPerIter * (options.BuildTimeout + options.RunTimeout) + TimeSpan.FromMinutes(5),
            Completion = new TaskCompletionSource<SessionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        ctx.Gate.Observer = faults?.GateObserver;
        StartupTrace.Mark("context");
        try
        {
            // The session recovers its journal while the record log loads; it begins once the plan is shown (ctx.PlanShown).
            var session = Props.Create(() => new TuningSession(ctx));
            IActorRef? local = null;
            if (node is null) { local = system.ActorOf(session, "session"); StartupTrace.Mark("session actor created"); }
            else
            {
                node.StartSession(session, sessionId);
                node.EndWhenRemoved(ctx);
            }
            ctx.Progress.Started(new TunePlan(plan, [.. tasks.Select(t => new TunePlanTask(t.Id, t.Name, t.Flops, t.Weight))], target.ToString(), maxTrialsGlobal,
                tasks.Sum(t => db.RecordsOf(t.WorkloadIndex, targetJson).Count(r => !r.IsUntuned))));
            ctx.EarlyBaselines = BaselinePrebuild.Start(ctx);
            StartupTrace.Mark("plan shown");
            ctx.PlanShown.TrySetResult();
            using var onCancel = ct.Register(() =>
            {
                if (node is null) local!.Tell(new InterruptSession());
                else node.Interrupt(ctx);
            });
            SessionOutcome outcome;
            try { outcome = ctx.Completion.Task.GetAwaiter().GetResult(); }
            catch (Exception) when (node?.Downed == true) { throw new TuningFailedException(Cluster.ClusterSession.DownedMessage); } // its session actor stopped with it
            if (outcome.FailedBecause is { } why) throw new TuningFailedException(why);
            return outcome.Summary;
        }
        finally
        {
            // A tuner node leaves the cluster first, so its workers see it go at once.
            if (remote is not null) CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).Wait(TimeSpan.FromSeconds(10));
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            ctx.EarlyBaselines?.Finish();
            ownModel?.Dispose();
        }
    }

    /// <summary>"session-" and 16 hex digits of SHA-256 over the target and the workloads' structural hashes, in task order.</summary>
    internal static string SessionId(IReadOnlyList<TuneTask> tasks, JsonNode target)
    {
        var key = TvmJson.Write(target) + "|" + string.Join(",", tasks.Select(t => t.Workload.Hash));
        return "session-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
