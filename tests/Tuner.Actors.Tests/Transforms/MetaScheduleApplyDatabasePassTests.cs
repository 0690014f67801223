using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Tests.Tuning;
using Tuner.Actors.Transforms;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;
using Tuner.Ir.Targets;
using Tuner.Ir.Transforms;
using static Tuner.Actors.Tests.Transforms.PassModules;

namespace Tuner.Actors.Tests.Transforms;

[Collection(TimingCollection.Name)]
public class MetaScheduleApplyDatabasePassTests(TunedWorkDir tuned) : TuneTestSupport, IClassFixture<TunedWorkDir>
{
    [Fact]
    public void In_a_Sequential_with_instruments_apply_gives_each_PrimFunc_its_best_schedule_with_the_untuned_outputs_and_writes_nothing()
    {
        var module = TwoMatmulsAndRelax();
        tuned.CopyTo(WorkDir); // already tuned with this budget: the tuning pass resumes and has nothing left to measure
        var log = new RecordingInstrument(WorkDir);
        var seq = new Sequential(
            Transform.MetaScheduleTuneTIR(WorkDir, maxTrialsGlobal: 8),
            Pass.CreateModulePass((m, _) => m, 1, "Identity"),
            Transform.MetaScheduleApplyDatabase(WorkDir));
        var context = With((TuneTirConfig.Options, Quick() with { MeasureBaseline = false }), (TuneTirConfig.NumTrialsPerIter, 4))
            with { OptLevel = 0, Instruments = [log] };

        IRModule result;
        using (Cpu.Enter())
        using (context.Enter())
            result = seq.Apply(module);

        // Opt level 0: the MetaSchedule passes (level 0) ran, the level-1 pass did not; hooks in order.
        Assert.Equal(["enter", "before sequential", "before MetaScheduleTuneTIR", "after MetaScheduleTuneTIR",
            "before MetaScheduleApplyDatabase", "after MetaScheduleApplyDatabase", "after sequential", "exit"], log.Events);
        Assert.Same(module.Functions[2], result.Functions[2]); // the Relax function, verbatim
        Assert.Equal(module.Functions.Select(f => f.Name), result.Functions.Select(f => f.Name));
        var db = JsonDatabase.OpenReadOnly(WorkDir);
        Assert.Equal(8, db.Records.Count); // nothing measured again
        var target = JsonNode.Parse(Cpu.ToJson())!;
        foreach (var (name, original) in module.PrimFuncs.Select(p => (p.Name, p.Func)))
        {
            var applied = result.Lookup(name)!;
            Assert.True(applied.Attrs["tir.is_scheduled"] is IntImm { Value: 1 });
            Assert.Equal(original.Attrs["tir.noalias"], applied.Attrs["tir.noalias"]);
            Assert.False(StructuralEqual.Equal(original.Body, applied.Body), $"{name} was not scheduled");

            // It is the best record's schedule: that trace replayed on the original gives the same function.
            var best = db.GetTopK(db.FindWorkload(original), target, 1).Single();
            var sch = new Schedule(original, seed: 1);
            Trace.FromJson(best.Trace.ToJsonString()).ApplyTo(sch);
            Assert.True(StructuralEqual.Equal(sch.Func.Body, applied.Body));

            // Compiled, it computes what the interpreter computes for the unscheduled function (float32 tolerance
            // 1e-5·sqrt(K) + 1e-5, K the reduction length: OutputVerifier).
            var inputs = ArgInfo.Random(ArgInfo.Of(original), seed: 3);
            var expected = inputs.Select(a => a.Clone()).ToArray();
            Interpreter.Run(original, expected);
            var actual = LocalExecution.RunOnce(applied, inputs, Cpu);
            Assert.Null(OutputVerifier.Compare(original, expected, actual));
        }
        Assert.Equal(log.BeforeApply, Snapshot(WorkDir)); // apply read the work_dir, byte for byte as it was
    }

    [Fact]
    public void A_function_whose_untuned_baseline_beats_every_record_is_kept_as_it_is()
    {
        var module = TwoMatmulsAndRelax();
        tuned.CopyTo(WorkDir);
        // Fault injection: mm16's untuned baseline (an empty trace) recorded faster than any of its schedules.
        var db = JsonDatabase.OpenReadOnly(WorkDir);
        int mm16 = db.FindWorkload(module.Lookup("mm16")!);
        var some = db.Records.First(r => r.Workload == mm16).Record;
        var baseline = some with { Trace = JsonNode.Parse("[[],[]]")!, RunSecs = [1e-12] };
        File.AppendAllLines(Path.Combine(WorkDir, "database_tuning_record.json"), [new JsonArray(mm16, baseline.ToJson()).ToJsonString()]);

        IRModule result;
        using (Cpu.Enter())
            result = Transform.MetaScheduleApplyDatabase(WorkDir).Apply(module);

        Assert.Same(module.Lookup("mm16"), result.Lookup("mm16"));
        Assert.True(result.Lookup("mm32")!.Attrs["tir.is_scheduled"] is IntImm { Value: 1 });
        Assert.Same(module.Functions[2], result.Functions[2]);
    }

    [Fact]
    public void The_target_in_scope_when_a_pass_is_created_wins_over_the_one_in_scope_when_it_runs_as_in_TVM()
    {
        var module = TwoMatmulsAndRelax();
        tuned.CopyTo(WorkDir);
        var oneCore = Target.Parse("llvm -num-cores 1");
        Pass forCpu, forOneCore;
        using (Cpu.Enter()) forCpu = Transform.MetaScheduleApplyDatabase(WorkDir);
        using (oneCore.Enter()) forOneCore = Transform.MetaScheduleApplyDatabase(WorkDir);
        Pass created = Transform.MetaScheduleApplyDatabase(WorkDir);

        using (oneCore.Enter())
        {
            Assert.All(forCpu.Apply(module).PrimFuncs, p => Assert.True(p.Func.Attrs["tir.is_scheduled"] is IntImm { Value: 1 }));
            Assert.Same(module, created.Apply(module)); // none when created: the one in scope now, without records
        }
        using (Cpu.Enter())
        {
            Assert.Same(module, forOneCore.Apply(module)); // the records are for 'llvm -num-cores 2'
            Assert.All(created.Apply(module).PrimFuncs, p => Assert.True(p.Func.Attrs["tir.is_scheduled"] is IntImm { Value: 1 }));
        }
    }

    [Fact]
    public void Without_records_for_the_module_every_function_is_left_alone_and_no_work_dir_is_created()
    {
        var module = TwoMatmulsAndRelax();
        using (Cpu.Enter())
            Assert.Same(module, Transform.MetaScheduleApplyDatabase(WorkDir, enableWarning: true).Apply(module));
        Assert.False(Directory.Exists(WorkDir));
    }

    [Fact]
    public void Disabled_in_the_context_or_skipped_by_an_instrument_the_passes_do_not_run()
    {
        var module = TwoMatmulsAndRelax();
        var seq = new Sequential(Transform.MetaScheduleTuneTIR(WorkDir, 8), Transform.MetaScheduleApplyDatabase(WorkDir));
        using var scope = Cpu.Enter();

        var disabled = new PassContext() with { DisabledPasses = ["MetaScheduleTuneTIR", "MetaScheduleApplyDatabase"] };
        Assert.Same(module, seq.Apply(module, disabled));
        var skipping = new PassContext() with { Instruments = [new RecordingInstrument(WorkDir, skip: "MetaScheduleTuneTIR")] };
        Assert.Same(module, seq.Apply(module, skipping));

        Assert.False(Directory.Exists(WorkDir));
    }

    /// <summary>Notes every hook; snapshots the work_dir before the apply pass; skips the pass named <c>skip</c>.</summary>
    private sealed class RecordingInstrument(string workDir, string? skip = null) : IPassInstrument
    {
        public List<string> Events { get; } = [];
        public SortedDictionary<string, string>? BeforeApply { get; private set; }
        public string Name => "recording";
        public void EnterPassContext() => Events.Add("enter");
        public void ExitPassContext() => Events.Add("exit");
        public bool ShouldRun(IRModule module, PassInfo info) => info.Name != skip;
        public void RunBeforePass(IRModule module, PassInfo info)
        {
            Events.Add("before " + info.Name);
            if (info.Name == "MetaScheduleApplyDatabase") BeforeApply = Snapshot(workDir);
        }
        public void RunAfterPass(IRModule module, PassInfo info) => Events.Add("after " + info.Name);
    }
}

/// <summary>A work_dir where <see cref="PassModules.TwoMatmulsAndRelax"/> was tuned once by the pass: 8 trials, 4 per task, no baseline (so every function's best record is a schedule, whatever the timings).</summary>
public sealed class TunedWorkDir : TuneTestSupport
{
    public TunedWorkDir()
    {
        using (Cpu.Enter())
        using (With((TuneTirConfig.Options, Quick() with { MeasureBaseline = false }), (TuneTirConfig.NumTrialsPerIter, 4)).Enter())
            Transform.MetaScheduleTuneTIR(WorkDir, maxTrialsGlobal: 8).Apply(TwoMatmulsAndRelax());
    }

    /// <summary>Copies the tuned work_dir's database files to <paramref name="dir"/>.</summary>
    public void CopyTo(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(WorkDir, "database_*.json")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
    }
}
