using Tuner.Ir;
using Tuner.Ir.Analysis;

namespace Tuner.Actors.Tests.Space;

/// <summary>What every sampled candidate must satisfy: well-formed IR and the untuned function's outputs.</summary>
internal static class CandidateChecks
{
    /// <summary>Float32 sums of at most a few hundred products of values in [−1, 1): 1e-4 absolute + 1e-4 relative.</summary>
    public const double AbsTol = 1e-4, RelTol = 1e-4;

    public static void AssertSameOutputs(PrimFunc untuned, PrimFunc scheduled, int seed, string what)
    {
        Assert.Empty(Verifier.VerifyStrict(scheduled));
        var inputs = Workloads.Inputs(untuned, seed);
        var expected = Workloads.Run(untuned, inputs);
        var actual = Workloads.Run(scheduled, inputs);
        for (int a = 0; a < expected.Count; a++)
            for (long i = 0; i < expected[a].Size; i++)
            {
                double e = expected[a].GetDouble(i), x = actual[a].GetDouble(i);
                if (Math.Abs(e - x) > AbsTol + RelTol * Math.Abs(e))
                    Assert.Fail($"{what}: argument {a} element {i}: expected {e}, got {x}");
            }
    }
}
