using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Tests.Tuning;
using Tuner.Actors.Transforms;
using Tuner.Ir;
using Tuner.Ir.Targets;
using Tuner.Ir.Transforms;
using static Tuner.Actors.Tests.Transforms.PassModules;

namespace Tuner.Actors.Tests.Transforms;

[Collection(TimingCollection.Name)]
public class MetaScheduleTuneTirPassTests(Xunit.Abstractions.ITestOutputHelper output) : TuneTestSupport
{
    [Fact]
    public void The_tuning_pass_records_every_PrimFunc_in_TVMs_format_within_the_global_budget_and_returns_the_module_unchanged()
    {
        var module = TwoMatmulsAndRelax();
        var pass = Transform.MetaScheduleTuneTIR(WorkDir, maxTrialsGlobal: 8);
        IRModule result;
        var table = new StringWriter();
        using (Cpu.Enter())
        using (With((TuneTirConfig.Options, Quick() with { Output = table }), (TuneTirConfig.NumTrialsPerIter, 4)).Enter())
            result = pass.Apply(module);
        output.WriteLine(table.ToString());

        Assert.Same(module, result);
        Assert.Equal(new PassInfo("MetaScheduleTuneTIR", 0, Seq<string>.Empty, Traceable: true), pass.Info);

        // database_workload.json: [shash as a decimal string, workload], one line per PrimFunc.
        var workloads = File.ReadAllLines(Path.Combine(WorkDir, "database_workload.json"));
        Assert.Equal(2, workloads.Length);
        Assert.All(workloads, l => Assert.True(ulong.TryParse(JsonNode.Parse(l)!.AsArray()[0]!.GetValue<string>(), out _), l));
        // database_tuning_record.json: [workload index, [trace, run_secs, target, args_info]].
        var lines = File.ReadAllLines(Path.Combine(WorkDir, "database_tuning_record.json"));
        var targetJson = JsonNode.Parse(Cpu.ToJson())!;
        foreach (var line in lines)
        {
            var a = JsonNode.Parse(line)!.AsArray();
            Assert.InRange(a[0]!.GetValue<int>(), 0, 1);
            var r = a[1]!.AsArray();
            Assert.Equal(4, r.Count);
            Assert.Equal(2, r[0]!.AsArray().Count); // [instructions, decisions]
            Assert.All(r[1]!.AsArray(), s => Assert.True(s!.GetValue<double>() > 0));
            Assert.True(JsonNode.DeepEquals(targetJson, r[2]), r[2]!.ToJsonString());
            Assert.All(r[3]!.AsArray(), arg => Assert.Equal("TENSOR", arg![0]!.GetValue<string>()));
        }
        var records = JsonDatabase.OpenReadOnly(WorkDir).Records.Select(r => r.Record).ToList();
        var trials = records.Where(r => !r.IsUntuned).ToList();
        Assert.Equal(8, trials.Count); // the whole budget, never more
        Assert.Equal(2, records.Count(r => r.IsUntuned)); // one baseline per PrimFunc, not a trial
        Assert.Equal([0, 1], JsonDatabase.OpenReadOnly(WorkDir).Records.Select(r => r.Workload).Distinct().Order());
    }

    [Fact]
    public void Config_keys_set_the_per_task_cap_and_a_second_run_resumes_without_measuring_again()
    {
        var module = TwoMatmulsAndRelax();
        var context = With((TuneTirConfig.Options, Quick() with { MeasureBaseline = false }), (TuneTirConfig.NumTrialsPerIter, 2),
            (TuneTirConfig.MaxTrialsPerTask, 2), (TuneTirConfig.Strategy, "replay-trace"));
        using (Cpu.Enter())
        using (context.Enter())
        {
            Transform.MetaScheduleTuneTIR(WorkDir, maxTrialsGlobal: 100).Apply(module);
            var first = JsonDatabase.OpenReadOnly(WorkDir).Records.ToList();
            Assert.Equal(4, first.Count); // 2 per task although the global budget is 100
            Assert.All(first.GroupBy(r => r.Workload), g => Assert.Equal(2, g.Count()));

            Transform.MetaScheduleTuneTIR(WorkDir, maxTrialsGlobal: 100).Apply(module);
            Assert.Equal(4, JsonDatabase.OpenReadOnly(WorkDir).Records.Count);
        }
    }

    [Fact]
    public void Without_a_target_in_scope_both_passes_fail_naming_the_fix_and_write_nothing()
    {
        var module = TwoMatmulsAndRelax();
        Assert.Null(Target.Current);

        var tune = Assert.Throws<InvalidOperationException>(() => Transform.MetaScheduleTuneTIR(WorkDir, 8).Apply(module));
        var apply = Assert.Throws<InvalidOperationException>(() => Transform.MetaScheduleApplyDatabase(WorkDir).Apply(module));

        Assert.StartsWith("MetaScheduleTuneTIR needs a target in scope", tune.Message);
        Assert.StartsWith("MetaScheduleApplyDatabase needs a target in scope", apply.Message);
        Assert.Contains("Target.Parse(\"llvm -num-cores 2\").Enter()", tune.Message);
        Assert.False(Directory.Exists(WorkDir));
    }

    [Fact]
    public void A_cancelled_token_in_the_config_stops_the_pipeline_after_the_tuning_pass_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ran = new List<string>();
        var seq = new Sequential(Transform.MetaScheduleTuneTIR(WorkDir, 8), Pass.CreateModulePass((m, _) => { ran.Add("next"); return m; }, 0, "Next"));
        var context = With((TuneTirConfig.Options, Quick() with { MeasureBaseline = false }), (TuneTirConfig.CancellationToken, cts.Token));

        using (Cpu.Enter())
        using (context.Enter())
        {
            var e = Assert.Throws<OperationCanceledException>(() => seq.Apply(TwoMatmulsAndRelax()));
            Assert.Equal("MetaScheduleTuneTIR interrupted after 0 of 8 trials; applying the pass again resumes", e.Message);
        }
        Assert.Empty(ran);
        Assert.Empty(JsonDatabase.OpenReadOnly(WorkDir).Records);
    }

    [Fact]
    public void A_module_without_PrimFuncs_is_returned_without_touching_the_work_dir()
    {
        var module = new IRModule([new OpaqueEntry("main", Relax)]);
        using (Cpu.Enter())
            Assert.Same(module, Transform.MetaScheduleTuneTIR(WorkDir, 8).Apply(module));
        Assert.False(Directory.Exists(WorkDir));
    }

    [Theory]
    [InlineData("meta_schedule.num_trials_per_itr", 8, "unknown key 'meta_schedule.num_trials_per_itr'")]
    [InlineData(TuneTirConfig.NumTrialsPerIter, "8", "'meta_schedule.num_trials_per_iter' must be an integer, got String 8")]
    [InlineData(TuneTirConfig.NumTrialsPerIter, 0, "'meta_schedule.num_trials_per_iter' must be positive, got Int32 0")]
    [InlineData(TuneTirConfig.Strategy, "random", "'meta_schedule.strategy': unknown search strategy 'random'")]
    [InlineData(TuneTirConfig.TaskScheduler, "fifo", "'meta_schedule.task_scheduler': unknown task scheduler 'fifo'")]
    [InlineData(TuneTirConfig.Verify, "yes", "'meta_schedule.runner.verify' must be a bool, got String yes")]
    public void A_bad_config_value_fails_before_tuning_naming_its_key(string key, object value, string message)
    {
        using (Cpu.Enter())
        using (With((key, value)).Enter())
        {
            var e = Assert.Throws<ArgumentException>(() => Transform.MetaScheduleTuneTIR(WorkDir, 8).Apply(TwoMatmulsAndRelax()));
            Assert.Contains(message, e.Message);
        }
        Assert.False(Directory.Exists(WorkDir));
    }

    [Fact]
    public void Config_keys_override_the_given_options_and_leave_the_rest()
    {
        var context = With((TuneTirConfig.Options, Quick() with { Verify = true }), (TuneTirConfig.Seed, 7L), (TuneTirConfig.Number, 5),
            (TuneTirConfig.MinRepeatMs, 0), (TuneTirConfig.EnableCpuCacheFlush, true), (TuneTirConfig.Verify, false),
            (TuneTirConfig.TaskScheduler, "round-robin"));

        var o = TuneTirConfig.Read(context);

        Assert.Equal(7, o.Seed);
        Assert.Equal(new Actors.Runner.EvaluatorConfig(5, 1, 0, true), o.Evaluator);
        Assert.False(o.Verify);
        Assert.Equal(Actors.Scheduling.TrialSchedulerKind.RoundRobin, o.Scheduler);
        Assert.IsType<Search.TestSpace>(o.Space);
        Assert.Equal(Actors.Tuning.TuneOptions.Default, TuneTirConfig.Read(new PassContext()));
    }
}
