using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Ir;

namespace Tuner.Actors.Tests.Space;

public class SpaceSamplerTests
{
    public static IEnumerable<object[]> WorkloadNames() => Workloads.All().Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    /// <summary>
    /// The 128³ example matmul costs the interpreter ≈ 0.5 s a run: every candidate is postprocessed and verified,
    /// every fourth is also run (5 per design space). The other workloads run all 20.
    /// </summary>
    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Twenty_sampled_candidates_per_design_space_pass_postprocessing_verify_and_compute_the_untuned_outputs(string name)
    {
        var f = Workloads.All()[name];
        int runEvery = name == "matmul_handle" ? 4 : 1;
        CheckSamples(f, name, runEvery);
    }

    [Fact]
    public void Padded_conv2d_candidates_with_the_padding_computed_inside_the_tiles_parallelize() =>
        CheckSamples(Workloads.Conv2dNhwcPadded(), "conv2d_nhwc_padded", 1);

    private static void CheckSamples(PrimFunc f, string name, int runEvery)
    {
        var ctx = new TuneContext(f, name, NumCores: 2);
        var space = SpaceGenerators.Cpu();
        var spaces = space.Generate(ctx);
        Assert.NotEmpty(spaces);
        for (int s = 0; s < spaces.Count; s++)
            for (int k = 0; k < 20; k++)
            {
                var (cand, why) = SpaceSampler.TrySample(ctx, space, spaces[s].Trace, seed: 1000 * s + k + 1);
                Assert.True(cand is not null, $"{name} space {s} sample {k}: {why}");
                Assert.Empty(Tuner.Ir.Analysis.Verifier.VerifyStrict(cand!.Func));
                if (k % runEvery == 0) CandidateChecks.AssertSameOutputs(f, cand.Func, k, $"{name} space {s} sample {k}");
            }
    }

    [Fact]
    public void The_same_seed_reproduces_the_same_candidate_and_another_seed_draws_other_decisions()
    {
        var f = Workloads.Matmul(64);
        var ctx = new TuneContext(f, "mm", 2);
        var space = SpaceGenerators.Cpu();
        var design = space.Generate(ctx)[0].Trace;
        var a = SpaceSampler.Sample(ctx, space, design, 42)!;
        var b = SpaceSampler.Sample(ctx, space, design, 42)!;
        Assert.Equal(a.Trace.ToJson(), b.Trace.ToJson());
        Assert.True(Tuner.Ir.Analysis.StructuralEqual.Equal(a.Func, b.Func));
        var others = Enumerable.Range(43, 10).Select(seed => SpaceSampler.Sample(ctx, space, design, seed)!.Trace.ToJson(removePostproc: true));
        Assert.Contains(others, o => o != a.Trace.ToJson(removePostproc: true));
    }
}
