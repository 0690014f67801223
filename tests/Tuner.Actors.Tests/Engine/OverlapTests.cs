using System.Collections.Concurrent;
using Akka.Actor;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tests.Tuning;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// tuner.engine.overlap-search in real engine runs (real compiler, runner, journal), watched through the host gate
/// and the cost model: with overlap on, a task's next batch is searched while its current batch builds, never while a
/// timing holds the gate, with the cost model from before the current batch's results, and the budget is spent
/// exactly; with overlap off, search and build never overlap. FAULT INJECTION (labelled): the build child holds the
/// gate for 0.5 s before building for real and the cost model sleeps in each prediction, so that the steps last long
/// enough to overlap on any machine.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class OverlapTests : EngineTestSupport
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_next_batch_is_searched_while_the_current_one_builds_never_during_a_timing_and_the_budget_stays_exact(bool overlap)
    {
        var log = new ConcurrentQueue<string>();
        var faults = new EngineFaults(Build: ctx => Props.Create(() => new SlowBuild(ctx)),
            GateObserver: u => log.Enqueue($"{u.Who}{(u.Enter ? "+" : "-")}"));
        var options = Quick(4) with
        {
            MeasureBaseline = false, CostModel = new SlowRecordingModel(log), Error = TextWriter.Null,
            EngineHocon = $"tuner.engine.overlap-search = {(overlap ? "on" : "off")}",
        };

        var summary = TuningEngine.Run(Workloads.Matmul(16), Cpu, WorkDir, 10, options, CancellationToken.None, faults);

        // Budget: 4 + 4 + 2 trials, each journaled once and in the record log; nothing searched ahead is left over in it.
        Assert.Equal(10, summary.TrialsThisRun);
        var s = Session();
        Assert.Equal((10, 0), (s.Trials, s.Pending));
        Assert.Equal(JournalTraces(s).Order(), RecordTraces().Order());
        Assert.Equal(10, JsonDatabase.OpenReadOnly(WorkDir).Records.Count);

        var events = log.ToArray();
        var open = new HashSet<string>();
        int searchDuringBuild = 0, updates = 0;
        var updatesBeforeSearch = new List<int>();
        foreach (var e in events)
        {
            var who = e.TrimEnd('+', '-');
            // Training holds the gate too: with another task's timing beside it, a 2-thread kernel measured 1000× slow.
            if (e == "update") { Assert.Contains("learn", open); updates++; continue; }
            if (e == "predict") { Assert.Contains("search", open); continue; }
            if (e.EndsWith('-')) { open.Remove(who); continue; }
            // The gate's promise, as observed: a timing never shares the host, and nothing enters during one.
            Assert.True(who == "measure" ? open.Count == 0 : !open.Contains("measure"), $"{who} entered while {string.Join(",", open)} held the gate:\n{string.Join(" ", events)}");
            if (who == "search") updatesBeforeSearch.Add(updates);
            if ((who == "search" && open.Any(o => o.Contains("build"))) || (who.Contains("build") && open.Contains("search"))) searchDuringBuild++;
            open.Add(who);
        }
        var trace = string.Join(" ", events);
        if (overlap)
        {
            // Batches 2 and 3 are searched while batches 1 and 2 build, each with the model from before that batch's results.
            Assert.True(searchDuringBuild >= 2, $"the search did not overlap the builds:\n{trace}");
            Assert.Equal([0, 0, 1], updatesBeforeSearch);
            Assert.InRange(summary.Timings.SearchAheadSecs, 0.04, summary.Timings.SearchSecs); // two searches ahead of >= 1 prediction of 20 ms
            var taskLog = File.ReadAllText(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_0_*.log").Single());
            Assert.Contains("proposing 4 candidate(s) searched while the last batch built", taskLog);
            Assert.Contains("proposing 2 candidate(s) searched while the last batch built", taskLog);
        }
        else
        {
            Assert.True(searchDuringBuild == 0, $"overlap is off, yet search and build overlapped:\n{trace}");
            Assert.Equal([0, 1, 2], updatesBeforeSearch);
            Assert.Equal(0, summary.Timings.SearchAheadSecs);
        }
    }

    [Fact]
    public void No_task_searches_ahead_while_another_has_not_had_its_first_batch()
    {
        // Two tasks, 4 trials each: the first round spends the budget, so a search ahead would be wasted.
        var module = Tuner.Ir.Script.TvmScript.ParseModule(Workloads.MatmulScript(16, "mm16") + "\n" +
            Workloads.MatmulScript(32, "mm32").Split("class Module:\n")[1]);
        Assert.Equal(2, module.PrimFuncs.Count());

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { MeasureBaseline = false });

        Assert.Equal(8, summary.TrialsThisRun);
        Assert.Equal(0, summary.Timings.SearchAheadSecs);
        Assert.All(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_*.log"),
            f => Assert.DoesNotContain("of the next batch while this one built", File.ReadAllText(f)));
    }

    /// <summary>FAULT INJECTION: holds the host gate 0.5 s as a build, then builds for real.</summary>
    private sealed class SlowBuild : ReceiveActor
    {
        public SlowBuild(EngineContext ctx)
        {
            var real = Context.ActorOf(Props.Create(() => new BuildActor(ctx)), "real");
            Receive<BuildRequest>(r =>
            {
                using (ctx.Gate.Shared("slow-build")) Thread.Sleep(500);
                real.Forward(r);
            });
        }
    }

    /// <summary>FAULT INJECTION: a random cost model that takes 20 ms per prediction and logs its calls.</summary>
    private sealed class SlowRecordingModel(ConcurrentQueue<string> log) : ICostModel
    {
        private readonly RandomCostModel _random = new(1);

        public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs) => log.Enqueue("update");

        public double[] Predict(string workload, IReadOnlyList<float[][]> candidates)
        {
            log.Enqueue("predict");
            Thread.Sleep(20);
            return _random.Predict(workload, candidates);
        }
    }
}
