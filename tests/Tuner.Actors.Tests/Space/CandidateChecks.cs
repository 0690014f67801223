using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Tuner.Ir.Targets;

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

    /// <summary>
    /// <paramref name="perSpace"/> candidates sampled from each design space that <paramref name="keep"/> accepts,
    /// each postprocessed (a failure names the space and sample) and VerifyStrict-clean.
    /// </summary>
    public static List<(string What, PrimFunc Func)> Sample(PostOrderApply gen, PrimFunc f, string name, int perSpace, Func<TracedSchedule, bool>? keep = null)
    {
        var ctx = new TuneContext(f, name, NumCores: 2);
        var spaces = gen.Generate(ctx);
        var list = new List<(string, PrimFunc)>();
        for (int s = 0; s < spaces.Count; s++)
        {
            if (keep is not null && !keep(spaces[s])) continue;
            for (int k = 0; k < perSpace; k++)
            {
                var (cand, why) = SpaceSampler.TrySample(ctx, gen, spaces[s].Trace, seed: 1000 * s + k + 1);
                Assert.True(cand is not null, $"{name} space {s} sample {k}: {why}");
                Assert.Empty(Verifier.VerifyStrict(cand!.Func));
                list.Add(($"{name} space {s} sample {k}", cand.Func));
            }
        }
        Assert.NotEmpty(list);
        return list;
    }

    /// <summary>Compiles the candidates with cc, runs them in a worker and compares them with the interpreter's outputs of <paramref name="untuned"/>.</summary>
    public static void AssertCompiledAgree(PrimFunc untuned, IReadOnlyList<(string What, PrimFunc Func)> cands)
    {
        using var runner = new LocalRunner(RunnerOptions.Default);
        var measurer = new CandidateMeasurer(new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 2"))), runner, new EvaluatorConfig(1, 1, 0), interpreterReference: true);
        var results = measurer.Measure(untuned, cands.Select(c => c.Func).ToList());
        for (int i = 0; i < results.Count; i++)
            Assert.True(results[i].Ok && results[i].Verified, $"{cands[i].What}: {results[i].Error}");
    }
}
