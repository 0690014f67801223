using Akka.Actor;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Runner;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tests.Tuning;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// FAULT INJECTION: fake Build and Measure children (and a cost model) that throw, hang or fail on purpose, in an
/// otherwise real engine run (real compiler, runner and journal). Each fault must fail only its own step — its
/// candidates recorded as failed trials, or a search step retried — never the session, and the budget is spent exactly.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class FaultInjectionTests : EngineTestSupport
{
    private sealed class Calls { public int Build, Measure, Predict; }

    [Fact]
    public void A_throwing_build_a_throwing_measure_and_a_hanging_measure_fail_only_their_batches()
    {
        var calls = new Calls();
        var faults = new EngineFaults(
            Build: ctx => Props.Create(() => new FaultyBuild(ctx, calls)),
            Measure: ctx => Props.Create(() => new FaultyMeasure(ctx, calls)),
            MeasureTimeout: TimeSpan.FromSeconds(5));
        var module = Workloads.Matmul(16);

        var summary = TuningEngine.Run(module, Cpu, WorkDir, 20, Quick(4) with { MeasureBaseline = false, Error = TextWriter.Null },
            CancellationToken.None, faults);

        Assert.Equal(20, summary.TrialsThisRun);
        var task = Assert.Single(summary.Tasks);
        Assert.Equal(20, task.Trials);
        Assert.True(task.Failed >= 12, $"{task.Failed} failed: the three faulty batches should have failed");
        Assert.True(task.Valid >= 8, $"{task.Valid} valid: the healthy batches should have measured\n" + File.ReadAllText(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_0_*.log").Single()));
        Assert.Equal(20, JsonDatabase.OpenReadOnly(WorkDir).Records.Count);
        var kinds = summary.Failures!;
        Assert.True(kinds.GetValueOrDefault(FailureKind.Build) >= 4 && kinds.GetValueOrDefault(FailureKind.Run) >= 8, string.Join(", ", kinds));
        var s = Session();
        Assert.Equal((20, 0), (s.Trials, s.Pending));
    }

    [Fact]
    public void A_search_step_that_throws_returns_its_grant_and_the_next_one_spends_it()
    {
        var calls = new Calls();
        var summary = Actors.Tuning.Tuning.TuneTir(Workloads.Matmul(16), Cpu, WorkDir, 12,
            Quick(4) with { MeasureBaseline = false, CostModel = new ThrowingOnce(calls), Error = TextWriter.Null });

        Assert.Equal(12, summary.TrialsThisRun);
        Assert.True(calls.Predict > 1);
        Assert.Contains("search step failed: InvalidOperationException: fault injection",
            File.ReadAllText(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_0_*.log").Single()));
    }

    /// <summary>Build child that throws on its fourth request and builds for real otherwise.</summary>
    private sealed class FaultyBuild : ReceiveActor
    {
        public FaultyBuild(EngineContext ctx, Calls calls)
        {
            var real = Context.ActorOf(Props.Create(() => new BuildActor(ctx)), "real");
            Receive<BuildRequest>(r =>
            {
                if (Interlocked.Increment(ref calls.Build) == 4) throw new InvalidOperationException("fault injection: build crashed");
                real.Forward(r);
            });
        }
    }

    /// <summary>Measure child that throws on its second request, hangs past the step timeout on its third, measures otherwise.</summary>
    private sealed class FaultyMeasure : ReceiveActor
    {
        public FaultyMeasure(EngineContext ctx, Calls calls)
        {
            var workloads = new Dictionary<string, Tuner.Ir.PrimFunc>();
            Receive<MeasureRequest>(r =>
            {
                int n = Interlocked.Increment(ref calls.Measure);
                if (n == 2) throw new InvalidOperationException("fault injection: runner crashed");
                if (n == 3) Thread.Sleep(TimeSpan.FromSeconds(7)); // the session must not wait for it
                var results = ctx.Measurer.Run(WorkloadCache.Parse(workloads, r.Workload), r.Built, ctx.Cancel, r.SlowCutoffSecs);
                Sender.Tell(new MeasureReply(r.RequestId, results));
            });
        }
    }

    /// <summary>A random cost model whose second prediction throws (a search step that fails).</summary>
    private sealed class ThrowingOnce(Calls calls) : ICostModel
    {
        private readonly RandomCostModel _random = new(1);

        public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs) { }

        public double[] Predict(string workload, IReadOnlyList<float[][]> candidates) =>
            Interlocked.Increment(ref calls.Predict) == 2 ? throw new InvalidOperationException("fault injection: search step") : _random.Predict(workload, candidates);
    }
}
