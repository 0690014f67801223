using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tuning;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Xunit.Abstractions;

namespace Tuner.Actors.Tests.Tuning;

[Collection(TimingCollection.Name)]
public class TuneTirTests(ITestOutputHelper output) : TuneTestSupport
{
    [Fact]
    public void Tuning_a_128_cubed_matmul_for_32_trials_in_the_CPU_space_gives_a_faster_function_with_the_same_outputs()
    {
        var module = Workloads.Matmul(128);
        var table = new StringWriter();
        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 32,
            Quick(16) with { Space = null, Output = table, Evaluator = new EvaluatorConfig(Number: 3, Repeat: 1, MinRepeatMs: 20) });
        output.WriteLine(table.ToString());

        Assert.Equal(32, summary.TrialsThisRun);
        var task = Assert.Single(summary.Tasks);
        Assert.True(task.Valid > 0, $"no valid candidate among {task.Trials}");
        Assert.Contains("Total trials: 32", table.ToString());
        var untuned = module.PrimFuncs.Single().Func;
        var tuned = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, _ => { }).PrimFuncs.Single().Func;
        Assert.True(tuned.Attrs["tir.is_scheduled"] is IntImm { Value: 1 });
        Assert.Equal(untuned.Attrs["tir.noalias"], tuned.Attrs["tir.noalias"]);

        // Side by side, same runner settings, the untuned and tuned functions on the same inputs.
        // One OpenMP thread: the comparison must not depend on whether the host's second vCPU is free right now.
        var steady = new EvaluatorConfig(Number: 3, Repeat: 5, MinRepeatMs: 20);
        var oneCore = Tuner.Ir.Targets.Target.Parse("llvm -num-cores 1");
        var before = LocalExecution.Bench(untuned, oneCore, steady);
        var after = LocalExecution.Bench(tuned, oneCore, steady);
        output.WriteLine($"untuned {before.MinSecs * 1e6:F1} us ({before.Flops / before.MinSecs / 1e9:F2} GFLOP/s), tuned {after.MinSecs * 1e6:F1} us " +
            $"({after.Flops / after.MinSecs / 1e9:F2} GFLOP/s): {before.MinSecs / after.MinSecs:F1}x faster; best record {task.BestSecs * 1e6:F1} us");
        Assert.True(after.MinSecs < before.MinSecs, $"tuned {after.MinSecs} s is not faster than untuned {before.MinSecs} s");

        var inputs = ArgInfo.Random(ArgInfo.Of(untuned), seed: 5);
        var expected = LocalExecution.RunOnce(untuned, inputs, Cpu);
        var actual = LocalExecution.RunOnce(tuned, inputs.Select(a => a.Clone()).ToArray(), Cpu);
        Assert.Null(OutputVerifier.Compare(untuned, expected, actual));
    }

    [Fact]
    public void A_resumed_run_measures_nothing_within_the_same_budget_and_only_new_programs_with_a_larger_one()
    {
        var module = Workloads.Matmul(32);
        var first = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 16, Quick());
        Assert.Equal(16, first.TrialsThisRun);

        var again = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 16, Quick());
        Assert.Equal(0, again.TrialsThisRun);
        Assert.Equal(16, Records().Count);

        var more = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 40, Quick());
        Assert.Equal(24, more.TrialsThisRun);
        Assert.Equal(40, more.Tasks.Single().Trials);
        var records = Records();
        Assert.Equal(40, records.Count);
        var func = Workload.FromFunc(module.PrimFuncs.Single().Func).Func;
        var hashes = records.Select(r =>
        {
            var sch = new Schedule(func, 1);
            Trace.FromJson(r.Trace.ToJsonString()).ApplyTo(sch);
            return StructuralHash.Hash(sch.Func);
        }).ToList();
        Assert.Equal(40, hashes.Distinct().Count());
    }

    [Fact]
    public void A_resumed_evolutionary_run_first_teaches_the_cost_model_every_earlier_record()
    {
        var module = Workloads.Matmul(32);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 16, Quick());
        var earlier = JsonDatabase.OpenReadOnly(WorkDir).Records.Select(r => r.Record).Select(r => r.IsValid ? r.MeanRunSecs : double.PositiveInfinity).Order().ToArray();

        using var gbt = new Actors.CostModel.GbtCostModel(seed: 1, warmupSamples: 8);
        var model = new RecordingCostModel(gbt);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 24, Quick() with { CostModel = model });
        Assert.Equal(2, model.Updates.Count); // the earlier records, then the one new round of 8
        Assert.Equal(earlier, model.Updates[0].Order().ToArray());
        Assert.Equal(8, model.Updates[1].Count);
        Assert.True(model.PredictionsBeforeNewData > 0, "the resumed search never consulted the pre-trained model");
    }

    /// <summary>Passes everything to the real model and notes what it was taught (and whether it predicted before new data).</summary>
    private sealed class RecordingCostModel(Actors.CostModel.ICostModel inner) : Actors.CostModel.ICostModel
    {
        public List<IReadOnlyList<double>> Updates { get; } = [];
        public int PredictionsBeforeNewData { get; private set; }

        public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs)
        {
            Updates.Add(meanRunSecs.ToArray());
            inner.Update(workload, candidates, meanRunSecs);
        }

        public double[] Predict(string workload, IReadOnlyList<float[][]> candidates)
        {
            if (Updates.Count == 1 && candidates.Any(c => c.Length > 0)) PredictionsBeforeNewData++;
            return inner.Predict(workload, candidates);
        }
    }

    [Fact]
    public void Structurally_equal_functions_are_one_task_whose_weight_is_their_count_and_both_get_its_schedule()
    {
        var text = Workloads.MatmulScript(16).Replace("def matmul(", "def mm_a(");
        var second = text[text.IndexOf("    @T.prim_func", StringComparison.Ordinal)..].Replace("def mm_a(", "def mm_b(");
        var module = Tuner.Ir.Script.TvmScript.ParseModule(text + "\n" + second);
        Assert.Equal(2, module.PrimFuncs.Count());

        // No baseline: this test is about replaying the tuned record on both functions.
        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick() with { MeasureBaseline = false });

        var task = Assert.Single(summary.Tasks);
        Assert.Equal(2, task.Weight);
        Assert.Equal("mm_a", task.Name);
        var warnings = new List<string>();
        var applied = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, warnings.Add);
        Assert.Empty(warnings);
        Assert.All(applied.PrimFuncs, f => Assert.NotNull(f.Func.Attrs["tir.is_scheduled"]));
        Assert.True(StructuralEqual.Equal(applied.Lookup("mm_a")!.Body, applied.Lookup("mm_b")!.Body));
    }

    [Fact]
    public void Applying_leaves_functions_without_a_record_unchanged_and_warns_naming_them()
    {
        Actors.Tuning.Tuning.TuneTir(Workloads.Matmul(16), Cpu, WorkDir, 8, Quick() with { MeasureBaseline = false });
        var other = Workloads.MatmulScript(8, "small");
        var tuned = Workloads.MatmulScript(16);
        var module = Tuner.Ir.Script.TvmScript.ParseModule(tuned + "\n" + other[other.IndexOf("    @T.prim_func", StringComparison.Ordinal)..]);
        var warnings = new List<string>();

        var applied = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, warnings.Add);

        Assert.Equal(module.Lookup("small"), applied.Lookup("small"));
        Assert.NotEqual(module.Lookup("matmul"), applied.Lookup("matmul"));
        var warning = Assert.Single(warnings);
        Assert.Contains("small", warning);
        Assert.DoesNotContain("matmul", warning);
    }

    [Fact]
    public void Records_of_another_target_neither_count_towards_the_budget_nor_get_applied()
    {
        var module = Workloads.Matmul(16);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick());
        var other = Tuner.Ir.Targets.Target.Parse("llvm -num-cores 1");

        var warnings = new List<string>();
        var applied = Actors.Tuning.Tuning.ApplyDatabase(module, other, WorkDir, warnings.Add);
        Assert.Equal(module, applied);
        Assert.Single(warnings);
        var summary = Actors.Tuning.Tuning.TuneTir(module, other, WorkDir, 8, Quick());
        Assert.Equal(8, summary.TrialsThisRun);
        Assert.Equal(16, Records().Count);
    }

    [Fact]
    public void The_ReplayTrace_baseline_measures_its_granted_trials_as_distinct_programs()
    {
        var module = Workloads.Matmul(32);

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 12, Quick() with { Strategy = Actors.Search.SearchStrategyKind.ReplayTrace });

        Assert.Equal(12, summary.TrialsThisRun);
        var task = Assert.Single(summary.Tasks);
        Assert.True(task.Valid > 0);
        Assert.True(double.IsFinite(task.BestSecs));
        var func = Workload.FromFunc(module.PrimFuncs.Single().Func).Func;
        Assert.Equal(12, Records().Select(r =>
        {
            var sch = new Schedule(func, 1);
            Trace.FromJson(r.Trace.ToJsonString()).ApplyTo(sch);
            return StructuralHash.Hash(sch.Func);
        }).Distinct().Count());
    }

    [Fact]
    public void The_untuned_function_is_measured_once_as_a_baseline_that_is_no_trial_and_apply_keeps_it_when_no_record_beats_it()
    {
        var module = Workloads.Matmul(16);
        var first = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick());
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 16, Quick());

        var all = JsonDatabase.OpenReadOnly(WorkDir).Records.Select(r => r.Record).ToList();
        var baseline = Assert.Single(all, r => r.IsUntuned);
        Assert.True(baseline.IsValid);
        Assert.Equal(16, all.Count(r => !r.IsUntuned));
        Assert.Equal(8, first.TrialsThisRun);
        Assert.Equal(baseline.MeanRunSecs, first.Tasks.Single().BaselineSecs);

        // Fault injection: every tuned record made slower (1 s) than the untuned function.
        var file = Path.Combine(WorkDir, JsonDatabase.RecordFile);
        File.WriteAllLines(file, File.ReadAllLines(file).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsArray();
            if (!TuningRecord.FromJson(row[1]!).IsUntuned) row[1]![1] = new JsonArray(1.0);
            return TvmJson.Write(row);
        }));
        var notes = new List<string>();
        var applied = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, notes.Add);

        Assert.Equal(module, applied);
        Assert.Contains(notes, n => n.Contains("kept as is: matmul"));
    }

    [Fact]
    public void A_measured_baseline_does_not_skip_a_tasks_first_round()
    {
        var other = Workloads.MatmulScript(8, "small");
        var module = Tuner.Ir.Script.TvmScript.ParseModule(Workloads.MatmulScript(16) + "\n" + other[other.IndexOf("    @T.prim_func", StringComparison.Ordinal)..]);

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 16, Quick());

        Assert.All(summary.Tasks, t => Assert.True(double.IsFinite(t.BaselineSecs), $"{t.Name}: no baseline"));
        Assert.Equal([8, 8], summary.Tasks.Select(t => t.Trials));
    }

    /// <summary>The records of tuned candidates (not the untuned baselines).</summary>
    private List<TuningRecord> Records() => JsonDatabase.OpenReadOnly(WorkDir).Records.Select(r => r.Record).Where(r => !r.IsUntuned).ToList();
}
