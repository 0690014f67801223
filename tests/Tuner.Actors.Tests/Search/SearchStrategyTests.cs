using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Search;
using Tuner.Ir.Analysis;

namespace Tuner.Actors.Tests.Search;

public class SearchStrategyTests
{
    private static readonly EvolutionaryOptions Small = new(PopulationSize: 64, InitMinUnmeasured: 8);

    private static TuneContext Context(int n, long seed = 1) =>
        new(Workload.FromFunc(Workloads.MatmulFunc(n)).Func, "matmul", NumCores: 2, Seed: seed);

    [Fact]
    public void Evolutionary_never_proposes_a_program_measured_in_an_earlier_run_or_an_earlier_round()
    {
        var ctx = Context(64);
        var space = new TestSpace();
        // An "earlier run": 30 programs measured and stored as trace JSON, also the database's best records.
        var earlier = new ReplayTraceStrategy(ctx with { Seed = 7 }, space, new MeasuredPrograms()).GenerateMeasureCandidates(30)!;
        var stored = earlier.Select(c => c.Trace.ToJson()).ToArray();
        var earlierHashes = earlier.Select(c => StructuralHash.Hash(c.Scheduled)).ToHashSet();
        var (measured, unreadable) = MeasuredPrograms.FromTraces(new TraceApplier(ctx, space), ctx.Func, stored);
        Assert.Equal(0, unreadable);
        var evo = new EvolutionaryStrategy(ctx, space, new RandomCostModel(3), measured,
            k => stored.Take(k).Select(Tuner.Ir.Schedule.Trace.FromJson).ToArray(), Small);

        var seen = new HashSet<ulong>();
        for (int round = 0; round < 4; round++)
        {
            var batch = evo.GenerateMeasureCandidates(16)!;
            Assert.Equal(16, batch.Count);
            foreach (var c in batch)
            {
                ulong h = StructuralHash.Hash(c.Scheduled);
                Assert.DoesNotContain(h, earlierHashes);
                Assert.True(seen.Add(h), $"round {round}: a program was proposed twice");
            }
            evo.NotifyRunnerResults(batch, batch.Select(_ => new RunnerResult([1e-3], null)).ToArray());
        }
        Assert.Equal(30, earlierHashes.Count);
    }

    [Fact]
    public void Stored_traces_replay_to_the_structural_hashes_of_the_programs_they_came_from()
    {
        var ctx = Context(32);
        var space = new TestSpace();
        var batch = new ReplayTraceStrategy(ctx, space, new MeasuredPrograms()).GenerateMeasureCandidates(20)!;

        var (set, unreadable) = MeasuredPrograms.FromTraces(new TraceApplier(ctx, space), ctx.Func, batch.Select(c => c.Trace.ToJson()));

        Assert.Equal(0, unreadable);
        Assert.Equal(20, set.Count);
        Assert.All(batch, c => Assert.True(set.Contains(StructuralHash.Hash(c.Scheduled))));
    }

    [Fact]
    public void ReplayTrace_enumerates_a_tiny_space_without_repeats_and_then_reports_it_exhausted()
    {
        // 2×2×2: i and j have 3 tilings each (3 levels), k has 2, the unroll step 3 values: 54 programs at most.
        var ctx = Context(2);
        var strategy = new ReplayTraceStrategy(ctx, new TestSpace(), new MeasuredPrograms());
        var hashes = new List<ulong>();
        for (int round = 0; round < 10; round++)
        {
            var batch = strategy.GenerateMeasureCandidates(16);
            if (batch is null) break;
            hashes.AddRange(batch.Select(c => StructuralHash.Hash(c.Scheduled)));
        }

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        Assert.InRange(hashes.Count, 40, 54);
        Assert.Null(strategy.GenerateMeasureCandidates(16));
    }

    [Fact]
    public void Evolutionary_on_an_exhausted_tiny_space_proposes_only_what_replay_did_not_find_and_then_nothing()
    {
        var ctx = Context(2);
        var space = new TestSpace();
        var measured = new MeasuredPrograms();
        var replay = new ReplayTraceStrategy(ctx, space, measured);
        var found = new HashSet<ulong>();
        while (replay.GenerateMeasureCandidates(16) is { } batch) found.UnionWith(batch.Select(c => StructuralHash.Hash(c.Scheduled)));
        var evo = new EvolutionaryStrategy(ctx, space, new RandomCostModel(1), measured, _ => [], Small);

        var more = new List<ulong>();
        for (int round = 0; round < 5 && evo.GenerateMeasureCandidates(16) is { } batch; round++)
            more.AddRange(batch.Select(c => StructuralHash.Hash(c.Scheduled)));

        Assert.DoesNotContain(more, found.Contains);
        Assert.Equal(more.Count, more.Distinct().Count());
        Assert.InRange(found.Count + more.Count, found.Count, 54);
        Assert.Null(evo.GenerateMeasureCandidates(16));
    }

    [Fact]
    public void Both_strategies_report_the_search_done_when_no_program_of_the_space_survives_postprocessing()
    {
        var ctx = Context(8);
        var space = new RejectingSpace(new TestSpace());
        Assert.Null(new ReplayTraceStrategy(ctx, space, new MeasuredPrograms()).GenerateMeasureCandidates(8));
        var evo = new EvolutionaryStrategy(ctx, space, new RandomCostModel(1), new MeasuredPrograms(), _ => [], Small);
        Assert.Null(evo.GenerateMeasureCandidates(8));
        Assert.Contains("init_min_unmeasured", evo.LastRound);
        Assert.Contains("reject", evo.Applier.Failures.First);
    }

    /// <summary>A space whose only postprocessor rejects every candidate.</summary>
    private sealed class RejectingSpace(ISpaceGenerator inner) : ISpaceGenerator, IPostproc
    {
        public string Name => "test.RejectAll";
        public bool Apply(TuneContext ctx, Tuner.Ir.Schedule.TracedSchedule sch) => false;
        public IReadOnlyList<Tuner.Ir.Schedule.TracedSchedule> Generate(TuneContext ctx) => inner.Generate(ctx);
        public IReadOnlyList<IPostproc> Postprocs => [this];
        public IReadOnlyList<(IMutator Mutator, double Probability)> Mutators => inner.Mutators;
    }
}
