using Tuner.Actors.Search;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Mutators;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tests.Space;

/// <summary>
/// Property tests: over many seeds, a sampled candidate's trace is mutated; the mutation changes exactly one decision
/// (or the parallel annotation), the result replays without any repair of that decision, passes the postprocessors,
/// and — for every tenth seed — still computes the untuned outputs.
/// </summary>
public class MutatorTests
{
    private sealed record Mutated(Trace Original, Trace Mutation, TracedSchedule Replayed, int ChangedIndex);

    private static IEnumerable<Mutated> Mutations(PrimFunc f, IMutator mutator, int seeds, int cores = 2)
    {
        var ctx = new TuneContext(f, "t", cores);
        var space = SpaceGenerators.Cpu();
        var designs = space.Generate(ctx);
        int produced = 0;
        for (int seed = 1; seed <= seeds; seed++)
        {
            var cand = SpaceSampler.Sample(ctx, space, designs[seed % designs.Count].Trace, seed)!;
            Assert.NotNull(cand);
            var mutation = mutator.Apply(ctx, cand.Trace, new RandomEngine(seed));
            if (mutation is null) continue;
            produced++;
            Assert.DoesNotContain(mutation.Instructions, i => i.Kind.IsPostproc);
            var replayed = SpaceSampler.ApplyWithPostprocs(ctx, space, mutation, seed);
            Assert.True(replayed is not null, $"seed {seed}: the mutated trace does not replay through the postprocessors");
            int changed = ChangedIndex(cand.Trace, mutation);
            if (seed % 10 == 0) CandidateChecks.AssertSameOutputs(f, replayed!.Func, seed, $"{mutator.Name} seed {seed}");
            yield return new Mutated(cand.Trace, mutation, replayed!, changed);
        }
        Assert.True(produced >= seeds / 2, $"{mutator.Name} mutated only {produced} of {seeds} candidates");
    }

    /// <summary>The one instruction whose decision or inputs differ (instructions before EnterPostproc, by position).</summary>
    private static int ChangedIndex(Trace original, Trace mutation)
    {
        var changed = new List<int>();
        for (int i = 0; i < mutation.Instructions.Count; i++)
        {
            var a = original.Instructions[i];
            var b = mutation.Instructions[i];
            bool same = ReferenceEquals(a, b) && Raw(original.GetDecision(a)) == Raw(mutation.GetDecision(b));
            if (!same) changed.Add(i);
        }
        return Assert.Single(changed);
    }

    private static string Raw(object? decision)
    {
        var sb = new System.Text.StringBuilder();
        TraceJson.WriteRaw(sb, decision);
        return sb.ToString();
    }

    [Fact]
    public void MutateTileSize_keeps_the_product_and_the_innermost_limit_and_replays_unrepaired()
    {
        foreach (var m in Mutations(Workloads.Matmul(32), new MutateTileSize(), 200))
        {
            var inst = m.Mutation.Instructions[m.ChangedIndex];
            Assert.Equal("SamplePerfectTile", inst.Kind.Name);
            var before = (long[])m.Original.GetDecision(inst)!;
            var after = (long[])m.Mutation.GetDecision(inst)!;
            Assert.NotEqual(before, after);
            Assert.Equal(before.Aggregate(1L, (x, y) => x * y), after.Aggregate(1L, (x, y) => x * y));
            Assert.All(after, x => Assert.True(x >= 1));
            Assert.True(after[^1] <= 64);
            Assert.Equal(after, (long[])m.Replayed.Trace.GetDecision(m.Replayed.Trace.Instructions[m.ChangedIndex])!);
        }
    }

    [Fact]
    public void MutateComputeLocation_picks_another_valid_location()
    {
        foreach (var m in Mutations(Workloads.Softmax(), new MutateComputeLocation(), 60))
        {
            var inst = m.Mutation.Instructions[m.ChangedIndex];
            Assert.Equal("SampleComputeLocation", inst.Kind.Name);
            long before = (long)m.Original.GetDecision(inst)!, after = (long)m.Mutation.GetDecision(inst)!;
            Assert.NotEqual(before, after);
            // Replaying keeps a valid decision and repairs an invalid one: the decision must survive, and be a candidate.
            var check = new TracedSchedule(Workloads.Softmax(), 1);
            long? seen = null;
            bool valid = false;
            m.Mutation.ApplyTo(check, decisionOverride: (i, inputs, _, d) =>
            {
                if (ReferenceEquals(i, inst))
                {
                    seen = (long)d!;
                    valid = SampleComputeLocationPrimitive.Candidates(check.State, check.Get((BlockRV)inputs[0]!)).Any(c => c.Index == after);
                }
                return d;
            });
            Assert.Equal(after, seen);
            Assert.True(valid, $"location {after} is not a candidate");
            Assert.Equal(after, (long)m.Replayed.Trace.GetDecision(m.Replayed.Trace.Instructions[m.ChangedIndex])!);
        }
    }

    [Fact]
    public void MutateUnroll_picks_another_unroll_candidate()
    {
        foreach (var m in Mutations(Workloads.Matmul(16), new MutateUnroll(), 60))
        {
            var inst = m.Mutation.Instructions[m.ChangedIndex];
            Assert.Equal("SampleCategorical", inst.Kind.Name);
            long before = (long)m.Original.GetDecision(inst)!, after = (long)m.Mutation.GetDecision(inst)!;
            Assert.NotEqual(before, after);
            Assert.InRange(after, 0, 3);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MutateParallel_picks_another_parallel_plan_within_sixteen_jobs_per_core(int cores)
    {
        foreach (var m in Mutations(Workloads.Matmul(32), new MutateParallel(), 60, cores))
        {
            var inst = m.Mutation.Instructions[m.ChangedIndex];
            Assert.Equal("Annotate", inst.Kind.Name);
            Assert.Equal("meta_schedule.parallel", inst.Attrs[0]);
            long before = (long)m.Original.Instructions[m.ChangedIndex].Inputs[1]!, after = (long)inst.Inputs[1]!;
            Assert.NotEqual(before, after);
            Assert.InRange(after, 1, 16 * cores);
        }
    }
}
