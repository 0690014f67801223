using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Actors.Search;
using Tuner.Actors.Settings;
using Tuner.Actors.Space;
using Tuner.Actors.Space.Rules;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Tuner.Ir.Targets;
using Tuner.Ir.Workloads;

namespace Tuner.Actors.Tests.Space;

/// <summary>
/// The design-space rules of ours (ParallelizeBySize, VectorizeReduction): when they apply, their golden traces,
/// every sampled candidate postprocessed, VerifyStrict-clean and equal to the untuned function in the interpreter
/// and compiled, and their HOCON switches (off: TVM's space exactly).
/// </summary>
public class OurRulesTests
{
    private static readonly SpaceSettings Ours = new(new(true, 262_144, 16_777_216, 65_536), new(true, [16, 8, 4], 4));

    /// <summary>dense NT, T_matmul_NT[i, j] = Σ_k A[i, k]·W[j, k] (+ bias, relu), 4×8×16.</summary>
    private static PrimFunc DenseNt() => WorkloadLibrary.Func("DBR", [4, 8, 16], "main");

    private static PrimFunc TransposedBatchMatmul() => WorkloadLibrary.Func("TBG", [1, 8, 2, 8], "main");

    private static IReadOnlyList<TracedSchedule> Spaces(PrimFunc f, SpaceSettings? s, int cores = 2) =>
        SpaceGenerators.Cpu(s).Generate(new TuneContext(f, "t", cores));

    private static string[] Kinds(TracedSchedule s) => s.Trace.Instructions.Select(i => i.Kind.Name).ToArray();

    [Fact]
    public void ParallelizeBySize_leaves_a_tiny_kernel_serial_offers_both_for_a_small_one_and_caps_jobs_by_work()
    {
        // 16³ matmul: 8 kFLOP < min-flops-to-fork: the three TVM spaces, none with a parallel annotation.
        var tiny = Spaces(Workloads.Matmul(16), Ours);
        Assert.Equal(3, tiny.Count);
        Assert.All(tiny, s => Assert.DoesNotContain(s.Trace.Instructions, i => i.Kind.Name == "Annotate" && i.Attrs[0] as string == "meta_schedule.parallel"));
        // 64³: 524 kFLOP, between the thresholds: each TVM space twice, serial and parallel; 524288 / 65536 = 8 jobs.
        var small = Spaces(Workloads.Matmul(64), Ours);
        Assert.Equal(6, small.Count);
        var limits = small.Select(s => s.Trace.Instructions.SingleOrDefault(i => i.Kind.Name == "Annotate" && i.Attrs[0] as string == "meta_schedule.parallel")?.Inputs[1]).ToList();
        Assert.Equal(3, limits.Count(l => l is null));
        Assert.Equal(3, limits.Count(l => l is 8L));
        // Large (GMM-512 counted, not built): TVM's num_cores · 16.
        var rule = new ParallelizeBySize(262_144, 16_777_216, 65_536);
        var ctx = new TuneContext(Workloads.Matmul(8), "t", 2);
        Assert.Equal(32, rule.ParallelLimit(ctx, 2.0 * 512 * 512 * 512));
        Assert.Equal(2, rule.ParallelLimit(ctx, 70_000)); // never under the core count
    }

    [Fact]
    public void VectorizeReduction_applies_to_NT_matmul_and_row_reductions_but_not_to_NN_matmul()
    {
        var rule = new VectorizeReduction([16, 8, 4]);
        bool Applies(PrimFunc f, string block)
        {
            var sch = new TracedSchedule(f, 1);
            return rule.Plan(sch.State, BlockAnalysis.Realize(sch, sch.GetBlock(block))) is not null;
        }
        Assert.True(Applies(DenseNt(), "T_matmul_NT"));
        Assert.True(Applies(Workloads.Softmax(), "T_softmax_maxelem"));
        Assert.False(Applies(Workloads.Matmul(16), "C")); // B[k, j] is contiguous along j: TVM's space vectorizes it
        (int, int)? Plan(PrimFunc f)
        {
            var sch = new TracedSchedule(f, 1);
            return rule.Plan(sch.State, BlockAnalysis.Realize(sch, sch.GetBlock("T_matmul_NT")));
        }
        Assert.Equal((2, 16), Plan(DenseNt()));
        Assert.Equal((2, 4), Plan(WorkloadLibrary.Func("DBR", [4, 8, 12], "main"))); // 16 and 8 do not divide K = 12
    }

    [Fact]
    public void VectorizeReduction_adds_an_rfactor_space_whose_lanes_are_the_contiguous_innermost_axis()
    {
        var sch = new TracedSchedule(DenseNt(), 1);
        var result = new VectorizeReduction().Apply(new TuneContext(DenseNt(), "t", 2), sch, sch.GetBlock("T_matmul_NT"));
        Assert.Equal(2, result.Count);
        Assert.DoesNotContain(result[0].Trace.Instructions, i => i.Kind.Name == "RFactor");
        var rf = result[1];
        Assert.Equal(["GetBlock", "GetLoops", "Split", "RFactor", "GetLoops", "SamplePerfectTile", "Split", "SamplePerfectTile", "Split", "Reorder", "ReverseComputeAt"], Kinds(rf));
        var rfBlock = rf.State.TryFindBlock("T_matmul_NT_rf");
        Assert.NotNull(rfBlock);
        var write = rfBlock!.Block.Writes.Single();
        Assert.Equal([4L, 8L, 16L], write.Buffer.Shape.Select(e => E.AsConst(e)!.Value).ToArray()); // lanes last
        // Loops of the partial sums: i_0, j_0, k_0, i_1, j_1, lanes — the tile's accumulators inside the k loop.
        var loops = rf.State.LoopsAbove(rfBlock).Select(l => l.LoopVar.Name).ToArray();
        Assert.Equal(["i_0", "j_0", "k_0", "i_1", "j_1", "k_1"], loops);
        Assert.All(rf.Trace.Instructions.Where(i => i.Kind.Name == "SamplePerfectTile"), i => Assert.Equal(new object?[] { 2L, 4L }, i.Attrs));
        CandidateChecks.AssertSameOutputs(DenseNt(), rf.Func, 3, "rfactored dense NT");
    }

    [Theory]
    [InlineData("parallelize_by_size_matmul64.json", "MM64", 1)]
    [InlineData("vectorize_reduction_dense_nt.json", "DBR", 0)]
    public void Our_rules_design_space_traces_match_their_golden_JSON_and_replay_to_the_same_IR(string golden, string workload, int index)
    {
        var f = workload == "MM64" ? Workloads.Matmul(64) : DenseNt();
        var spaces = Spaces(f, Ours);
        var space = workload == "MM64" ? spaces[index] : spaces.First(s => s.Trace.Instructions.Any(i => i.Kind.Name == "RFactor"));
        var path = Workloads.Golden(golden);
        var json = space.Trace.ToJson();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, json + "\n");
        Assert.Equal(File.ReadAllText(path).Trim(), json);
        var replayed = new Schedule(f, seed: 5);
        Trace.FromJson(json).ApplyTo(replayed);
        Assert.True(StructuralEqual.Equal(space.Func, replayed.Func));
    }

    public static IEnumerable<object[]> SampledWorkloads() => new[] { "dense_nt", "tbg", "softmax", "matmul64" }.Select(n => new object[] { n });

    private static PrimFunc ByName(string name) => name switch
    {
        "dense_nt" => DenseNt(),
        "tbg" => TransposedBatchMatmul(),
        "softmax" => Workloads.Softmax(),
        _ => Workloads.Matmul(64),
    };

    /// <summary>Sampled candidates of the spaces with our rules on, postprocessed, verified, run in the interpreter.</summary>
    private static List<(string What, PrimFunc Func)> Sample(PrimFunc f, string name, int perSpace)
    {
        var ctx = new TuneContext(f, name, NumCores: 2);
        var space = SpaceGenerators.Cpu(Ours);
        var spaces = space.Generate(ctx);
        var list = new List<(string, PrimFunc)>();
        for (int s = 0; s < spaces.Count; s++)
            for (int k = 0; k < perSpace; k++)
            {
                var (cand, why) = SpaceSampler.TrySample(ctx, space, spaces[s].Trace, seed: 1000 * s + k + 1);
                Assert.True(cand is not null, $"{name} space {s} sample {k}: {why}");
                Assert.Empty(Verifier.VerifyStrict(cand!.Func));
                list.Add(($"{name} space {s} sample {k}", cand.Func));
            }
        return list;
    }

    [Theory]
    [MemberData(nameof(SampledWorkloads))]
    public void Sampled_candidates_with_our_rules_pass_postprocessing_verify_and_compute_the_untuned_outputs(string name)
    {
        var f = ByName(name);
        var cands = Sample(f, name, name == "matmul64" ? 2 : 8);
        foreach (var (what, func) in cands) CandidateChecks.AssertSameOutputs(f, func, 7, what);
        // TBG materializes its transposes (query_T, value_T): its matmul reads value_T[b, h, k, j], contiguous along j.
        if (name is "dense_nt" or "softmax") Assert.True(cands.Any(c => HasRfBlock(c.Func)), $"{name}: no candidate with an rfactor block");
    }

    private static bool HasRfBlock(PrimFunc f)
    {
        bool found = false;
        NodeWalker.Walk(f.Body, s => { if (s is Block b && b.Name.Contains("_rf", StringComparison.Ordinal)) found = true; });
        return found;
    }

    [Fact]
    public void Sampled_candidates_with_our_rules_compiled_compute_what_the_interpreter_computes()
    {
        using var runner = new LocalRunner(RunnerOptions.Default);
        var measurer = new CandidateMeasurer(new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 2"))), runner, new EvaluatorConfig(1, 1, 0), interpreterReference: true);
        foreach (var name in new[] { "dense_nt", "softmax" })
        {
            var f = ByName(name);
            var cands = Sample(f, name, 2);
            Assert.True(cands.Any(c => HasRfBlock(c.Func)), $"{name}: no candidate with an rfactor block");
            var results = measurer.Measure(f, cands.Select(c => c.Func).ToList());
            for (int i = 0; i < results.Count; i++)
                Assert.True(results[i].Ok && results[i].Verified, $"{cands[i].What}: {results[i].Error}");
        }
    }

    [Fact]
    public void Reference_HOCON_keeps_TVM_space_and_a_user_file_switches_our_rules_on()
    {
        var reference = TunerSettings.Load();
        Assert.False(reference.Space.ParallelizeBySize.Enabled);
        Assert.False(reference.Space.VectorizeReduction.Enabled);
        var f = DenseNt();
        var tvm = Spaces(f, null).Select(s => s.Trace.ToJson()).ToList();
        Assert.Equal(tvm, Spaces(f, reference.Space).Select(s => s.Trace.ToJson()).ToList());
        var on = TunerSettings.Load("""
            tuner.space.parallelize-by-size { enabled = true, min-flops-to-fork = 1000, serial-choice-below-flops = 1000000, min-flops-per-job = 100 }
            tuner.space.vectorize-reduction { enabled = true, lanes = [8], max-tile = 2 }
            """).Space;
        Assert.Equal(new ParallelizeBySizeSettings(true, 1000, 1_000_000, 100), on.ParallelizeBySize);
        Assert.Equal([8], on.VectorizeReduction.Lanes);
        Assert.Equal(2, on.VectorizeReduction.MaxTile);
        var ours = Spaces(f, on);
        Assert.True(ours.Count > tvm.Count);
        Assert.Contains(ours, s => s.Trace.Instructions.Any(i => i.Kind.Name == "RFactor"));
        Assert.IsType<PostOrderApply>(Tuner.Actors.Tuning.TuneOptions.FromSettings(TunerSettings.Load()).Space);
    }
}
