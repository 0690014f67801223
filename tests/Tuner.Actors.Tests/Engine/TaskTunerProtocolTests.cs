using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Runner;
using Tuner.Actors.Settings;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tests.Tuning;
using Tuner.Actors.Tuning;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// A real TaskTuner (real search, compiler and runner) with a TestProbe as its session: with overlap on, the batch it
/// searches while the current one builds is held, proposed only under the next grant, cut to that grant (the rest
/// kept for the grant after), and topped up by a new search when it falls short; no program is proposed twice.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TaskTunerProtocolTests() : TestKit(TunerSettings.HoconFile("engine.conf")), IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-tasktuner-" + Guid.NewGuid().ToString("N")[..12]);
    private long _nextId = 1;

    [Fact]
    public void A_batch_searched_ahead_is_proposed_only_under_the_next_grant_and_never_beyond_it()
    {
        using var ctx = Context(out var tuner);

        tuner.Tell(new StartTask(0, []));
        Assert.Equal(0, ExpectMsg<TaskReady>(TimeSpan.FromSeconds(60)).Trials);

        tuner.Tell(new GrantTrials(0, 4));
        var first = ExpectMsg<ProposeCandidates>(TimeSpan.FromSeconds(60));
        Assert.Equal(4, first.Candidates.Count);
        Measure(tuner, first, searchAhead: 4);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // four candidates are searched ahead, but nothing is proposed without a grant

        tuner.Tell(new GrantTrials(0, 3));
        var second = ExpectMsg<ProposeCandidates>(TimeSpan.FromSeconds(10));
        Assert.Equal(3, second.Candidates.Count); // cut to the grant; the fourth is kept
        Measure(tuner, second, searchAhead: 0);

        tuner.Tell(new GrantTrials(0, 4));
        var third = ExpectMsg<ProposeCandidates>(TimeSpan.FromSeconds(60));
        Assert.Equal(4, third.Candidates.Count); // the kept one and three newly searched

        var hashes = first.Candidates.Concat(second.Candidates).Concat(third.Candidates).Select(c => c.Hash).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(_dir, "logs"), "task_0_*.log").Single());
        Assert.Contains("searched 4 candidate(s) of the next batch while this one built", log);
        Assert.Contains("proposing 3 candidate(s) searched while the last batch built", log);
    }

    /// <summary>Plays the session for one batch: journals it (ids), has it built and measured, commits the results.</summary>
    private void Measure(IActorRef tuner, ProposeCandidates p, int searchAhead)
    {
        var batch = new CandidatesProposed(p.Task, "w", p.Candidates.Select(c => new ProposedCandidate(_nextId++, c.Trace, c.Hash)).ToArray());
        tuner.Tell(new MeasureBatch(batch, SearchAhead: searchAhead));
        var measured = ExpectMsg<BatchMeasured>(TimeSpan.FromSeconds(120));
        Assert.Equal(p.Candidates.Count, measured.Events.Count);
        tuner.Tell(new BatchCommitted(p.Task, measured.Events));
        Assert.Equal(p.Candidates.Count, ExpectMsg<BatchDone>(TimeSpan.FromSeconds(60)).Measured);
    }

    /// <summary>What TuningEngine.Run would hand the actors for Matmul(16) on the test space (no journal: the probe is the session).</summary>
    private Owned Context(out IActorRef tuner)
    {
        var db = JsonDatabase.Open(_dir);
        var tasks = TuneTask.Extract(Workloads.Matmul(16), db);
        var target = Target.Parse("llvm -num-cores 2");
        var options = new TuneOptions
        {
            Space = new TestSpace(), NumTrialsPerIter = 4, MeasureBaseline = false, Output = null, Error = TextWriter.Null,
            Evolutionary = new Actors.Search.EvolutionaryOptions(PopulationSize: 64, InitMinUnmeasured: 8),
            Evaluator = new EvaluatorConfig(Number: 1, Repeat: 1, MinRepeatMs: 1), BuildTimeout = TimeSpan.FromSeconds(10),
        };
        var runner = new LocalRunner(new RunnerOptions(options.RunTimeout, 2));
        var log = new TuneLog(_dir);
        var ctx = new EngineContext
        {
            SessionId = "session-test", Tasks = tasks, Database = db, Log = log, Options = options, Target = target,
            TargetJson = JsonNode.Parse(target.ToJson())!, Budget = 100, PerTask = 100, Space = options.Space, Model = new RandomCostModel(1),
            Measurer = new CandidateMeasurer(new Builder(TaskSetup.BuilderOptions(target, options)), runner, options.Evaluator, options.Verify, options.DataSeed),
            Failures = new FailureReporter(null), Cancel = CancellationToken.None, Progress = new TableProgress(null),
            Completion = new TaskCompletionSource<SessionOutcome>(), OverlapSearch = true,
        };
        var testActor = TestActor;
        tuner = Sys.ActorOf(Props.Create(() => new TaskTuner(tasks[0], ctx, testActor)), "task-0");
        return new Owned(runner, log);
    }

    private sealed class Owned(IDisposable runner, IDisposable log) : IDisposable
    {
        public void Dispose() { runner.Dispose(); log.Dispose(); }
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}
