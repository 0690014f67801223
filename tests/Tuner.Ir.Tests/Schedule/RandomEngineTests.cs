using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule;

public class RandomEngineTests
{
    [Fact]
    public void Seed_42_gives_the_LCG_sequence_computed_from_the_formula()
    {
        // state' = state * 48271 mod (2^31 - 1): 42*48271 = 2027382; 2027382*48271 mod m = 1226992407; ...
        var r = new RandomEngine(42);
        Assert.Equal([2027382L, 1226992407L, 551494037L, 961371815L, 1404753842L], Enumerable.Range(0, 5).Select(_ => r.Next()).ToArray());
    }

    [Fact]
    public void Fork_seed_is_next_times_32767_mod_1999999973()
    {
        var r = new RandomEngine(42);
        Assert.Equal(2027382L * 32767 % 1999999973, r.ForkSeed());
        Assert.Equal(431226885L, new RandomEngine(42).ForkSeed());
    }

    [Fact]
    public void Seed_zero_becomes_one_and_large_seeds_wrap_modulo_the_modulus()
    {
        Assert.Equal(1, new RandomEngine(0).State);
        Assert.Equal(1, new RandomEngine(RandomEngine.Modulus).State);
        Assert.Equal(5, new RandomEngine(RandomEngine.Modulus + 5).State);
        var random = new RandomEngine(-1).State;
        Assert.InRange(random, 1, RandomEngine.Modulus - 1);
    }

    [Fact]
    public void Negative_seeds_other_than_minus_one_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomEngine(-2));

    // The expected draws below were produced by libstdc++ (g++ 12) distributions over TVM's engine, seed 42.
    [Fact]
    public void Uniform_ints_match_libstdcxx_uniform_int_distribution()
    {
        var r = new RandomEngine(42);
        Assert.Equal([0, 5, 2, 4, 6, 9, 6, 7, 0, 2], Enumerable.Range(0, 10).Select(_ => r.UniformInt(0, 9)).ToArray());
        r = new RandomEngine(42);
        Assert.Equal([0, 1, 0, 0, 1, 1, 1, 1, 0, 0], Enumerable.Range(0, 10).Select(_ => r.UniformInt(0, 1)).ToArray());
    }

    [Fact]
    public void Categorical_draws_match_libstdcxx_discrete_distribution()
    {
        var r = new RandomEngine(42);
        Assert.Equal([2, 1, 3, 2, 0, 2, 0, 1, 3, 2], Enumerable.Range(0, 10).Select(_ => r.Discrete([0.25, 0.25, 0.25, 0.25])).ToArray());
        r = new RandomEngine(42);
        Assert.Equal([2, 1, 2, 2, 1, 2, 0, 1, 2, 2], Enumerable.Range(0, 10).Select(_ => r.Discrete([1.0, 2.0, 3.0])).ToArray());
        Assert.Equal(1283502110, r.State);
    }

    [Fact]
    public void A_single_weight_draws_nothing()
    {
        var r = new RandomEngine(42);
        Assert.Equal(0, r.Discrete([3.0]));
        Assert.Equal(42, r.State);
    }
}
