using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class SamplingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(210)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(131074)] // 2 * 65537: a prime beyond TVM's prime table
    public void Perfect_tiles_multiply_to_the_extent_and_respect_the_innermost_limit(int extent)
    {
        foreach (int n in new[] { 1, 2, 3, 4, 5 })
            foreach (int max in new[] { -1, 1, 4, 16 })
            {
                if (n == 1 && max != -1) continue;
                for (int seed = 1; seed <= 20; seed++)
                {
                    var sch = new Sched(TestFuncs.Vector(extent), seed);
                    var tiles = sch.SamplePerfectTile(sch.GetLoops(sch.GetBlock("B"))[0], n, max).Select(sch.Get).ToArray();
                    Assert.Equal(n, tiles.Length);
                    Assert.Equal(extent, tiles.Aggregate(1L, (a, b) => a * b));
                    Assert.All(tiles, t => Assert.True(t >= 1));
                    if (max != -1) Assert.True(tiles[^1] <= max, $"innermost {tiles[^1]} > {max} for extent {extent}, n {n}, seed {seed}");
                }
            }
    }

    [Fact]
    public void Perfect_tile_sampling_is_reproducible_from_the_seed_and_varies_across_seeds()
    {
        long[] Draw(long seed)
        {
            var sch = new Sched(TestFuncs.Vector(512), seed);
            return sch.SamplePerfectTile(sch.GetLoops(sch.GetBlock("B"))[0], 4, 64).Select(sch.Get).ToArray();
        }
        Assert.Equal(Draw(5), Draw(5));
        var distinct = Enumerable.Range(1, 30).Select(s => string.Join(",", Draw(s))).Distinct().Count();
        Assert.True(distinct > 10, $"only {distinct} distinct tilings over 30 seeds");
    }

    // Expected draws from a C++ transcription of TVM's sampling.cc (prime table, SampleInt, SampleWithoutReplacement,
    // redraw loop) compiled with g++ 12 / libstdc++ over TVM's engine, state 1000003, three consecutive samples each.
    [Theory]
    [InlineData(512, 4, 64, "[32,1,2,8] [32,2,8,1] [16,4,8,1]")]
    [InlineData(512, 4, 16, "[32,1,2,8] [32,2,8,1] [16,4,8,1]")]
    [InlineData(1024, 2, 16, "[128,8] [1024,1] [64,16]")]
    [InlineData(96, 3, 8, "[8,6,2] [8,12,1] [1,24,4]")]
    [InlineData(210, 4, -1, "[1,10,3,7] [1,15,14,1] [5,1,21,2]")]
    [InlineData(131074, 2, -1, "[1,131074] [1,131074] [131074,1]")]
    [InlineData(131074, 3, -1, "[1,2,65537] [1,2,65537] [1,131074,1]")]
    [InlineData(64, 5, 4, "[16,1,2,2,1] [2,4,2,1,4] [2,1,16,2,1]")]
    public void Perfect_tile_draws_match_tvms_algorithm_over_libstdcxx(int extent, int n, int max, string expected)
    {
        var sch = new Sched(TestFuncs.Vector(extent), 1000003);
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        var draws = Enumerable.Range(0, 3).Select(_ => "[" + string.Join(",", sch.SamplePerfectTile(loop, n, max).Select(sch.Get)) + "]");
        Assert.Equal(expected, string.Join(" ", draws));
    }

    [Fact]
    public void A_stale_perfect_tile_decision_is_repaired_innermost_first()
    {
        Assert.Equal([2L, 4, 32, 2], SamplePerfectTilePrimitive.Repair(512, [2, 4, 32, 2]));
        Assert.Equal([1L, 4, 32, 2], SamplePerfectTilePrimitive.Repair(256, [2, 4, 32, 2]));
        Assert.Equal([1L, 1, 48, 2], SamplePerfectTilePrimitive.Repair(96, [2, 4, 32, 2]));
        var sch = new TracedSchedule(TestFuncs.Vector(96), 1);
        var tiles = sch.SamplePerfectTile(sch.GetLoops(sch.GetBlock("B"))[0], 4, 64, decision: [2, 4, 32, 2]);
        Assert.Equal([1L, 1, 48, 2], tiles.Select(sch.Get).ToArray());
        Assert.Equal([1L, 1, 48, 2], (long[])sch.Trace.GetDecision(sch.Trace.Instructions[^1])!);
    }

    [Fact]
    public void SamplePerfectTile_rejects_bad_arguments()
    {
        var sch = new Sched(TestFuncs.Vector(64), 1);
        var loop = sch.GetLoops(sch.GetBlock("B"))[0];
        Assert.Throws<ScheduleError>(() => sch.SamplePerfectTile(loop, 0, -1));
        Assert.Throws<ScheduleError>(() => sch.SamplePerfectTile(loop, 3, 0));
        Assert.Throws<ScheduleError>(() => sch.SamplePerfectTile(loop, 1, 16));
        var e = Assert.Throws<ScheduleError>(() => sch.SamplePerfectTile(loop, 3, 16, decision: [4, 16]));
        Assert.Equal("SamplePerfectTile: loop 'i': decision has 2 factors, expected 3", e.Message);
    }

    [Fact]
    public void SampleCategorical_returns_the_candidate_of_the_drawn_index_and_records_the_index()
    {
        // libstdc++ discrete_distribution over TVM's engine with seed 42 draws index 2 first for equal weights.
        var sch = new TracedSchedule(TestFuncs.Vector(4), 42);
        var v = sch.SampleCategorical([0, 16, 64, 512], [0.25, 0.25, 0.25, 0.25]);
        Assert.Equal(64, sch.Get(v));
        Assert.Equal(2L, sch.Trace.GetDecision(sch.Trace.Instructions[0]));
    }

    [Fact]
    public void SampleCategorical_never_draws_a_zero_probability_candidate()
    {
        var sch = new Sched(TestFuncs.Vector(4), 9);
        for (int i = 0; i < 200; i++) Assert.NotEqual(7, sch.Get(sch.SampleCategorical([7, 8, 9], [0, 0.5, 0.5])));
    }

    [Fact]
    public void SampleCategorical_rejects_mismatched_lists_and_out_of_range_decisions()
    {
        var sch = new Sched(TestFuncs.Vector(4), 1);
        var e = Assert.Throws<ScheduleError>(() => sch.SampleCategorical([1, 2], [1.0]));
        Assert.Equal("SampleCategorical: 2 candidates but 1 probabilities", e.Message);
        Assert.Throws<ScheduleError>(() => sch.SampleCategorical([1, 2], [0.5, 0.5], decision: 2));
        Assert.Throws<ScheduleError>(() => sch.SampleCategorical([1, 2], [-1.0, 2.0]));
        Assert.Throws<ScheduleError>(() => sch.SampleCategorical([], []));
    }

    [Fact]
    public void SampleComputeLocation_offers_root_and_the_consumer_loops_with_their_indices()
    {
        var sch = new Sched(TestFuncs.Elementwise(), 1);
        var cands = SampleComputeLocationPrimitive.Candidates(sch.State, "B");
        Assert.Contains((Sched.RootMark, -1L), cands);
        var cLoops = sch.GetLoops(sch.GetBlock("C")).Select(sch.Get).ToList();
        Assert.Contains((cLoops[0], 0L), cands);
        Assert.Contains((cLoops[1], 1L), cands);
        // A block without consumers can only stay at root (or be inlined).
        Assert.DoesNotContain(SampleComputeLocationPrimitive.Candidates(sch.State, "C"), c => c.Index >= 0);
    }

    [Fact]
    public void SampleComputeLocation_samples_among_candidates_and_replays_decisions_as_tvm()
    {
        var seen = new HashSet<long>();
        for (int seed = 1; seed <= 40; seed++)
        {
            // Spread seeds: the LCG's first value from a small seed is small, so it would always pick index 0.
            var sch = new TracedSchedule(TestFuncs.Elementwise(), seed * 1_000_003L);
            var loc = sch.SampleComputeLocation(sch.GetBlock("B"));
            var d = (long)sch.Trace.GetDecision(sch.Trace.Instructions[^1])!;
            seen.Add(d);
            var expected = d == -1 ? Sched.RootMark : d == -2 ? Sched.InlineMark : sch.Get(sch.GetLoops(sch.GetBlock("C"))[(int)d]);
            Assert.Same(expected, sch.Get(loc));
        }
        Assert.Contains(-1L, seen);
        Assert.Contains(0L, seen);
        Assert.Contains(1L, seen);

        var replay = new TracedSchedule(TestFuncs.Elementwise(), 1);
        var b = replay.GetBlock("B");
        Assert.Equal("j", replay.Get(replay.SampleComputeLocation(b, decision: 1)).Name);
        // Index 5 is not a candidate: the nearest valid one below it (1) is taken and recorded.
        Assert.Equal("j", replay.Get(replay.SampleComputeLocation(b, decision: 5)).Name);
        Assert.Equal(1L, replay.Trace.GetDecision(replay.Trace.Instructions[^1]));
        // Below every candidate: root.
        Assert.Same(Sched.RootMark, replay.Get(replay.SampleComputeLocation(b, decision: -3)));
    }

    [Fact]
    public void Sampling_skips_unit_loops_of_the_consumer()
    {
        var sch = new Sched(TestFuncs.Elementwise(1, 8), 1);
        var cands = SampleComputeLocationPrimitive.Candidates(sch.State, "B");
        Assert.DoesNotContain(cands, c => c.Index == 0);
        Assert.Contains(cands, c => c.Index == 1);
    }
}
