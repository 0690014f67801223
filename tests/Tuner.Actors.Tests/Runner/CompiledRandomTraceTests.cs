using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Script;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.Schedule.Property;
using Xunit.Abstractions;

namespace Tuner.Actors.Tests.Runner;

/// <summary>
/// Compiled code equals the interpreter: the random schedules of the schedule property test (same generator,
/// linked from Tuner.Ir.Tests) and every PrimFunc of the shipped examples are lowered, compiled with cc, run in a
/// worker and compared with the interpreter's outputs of the untuned function on the same seeded inputs
/// (OutputVerifier tolerance: atol = rtol = 1e-5·sqrt(K) + 1e-5 for float32, K the longest reduction).
/// </summary>
public sealed class CompiledRandomTraceTests(ITestOutputHelper output)
{
    private const int SchedulesPerWorkload = 50; // 5 workloads → 250 compiled random schedules per run

    private static CandidateMeasurer Measurer(LocalRunner runner) =>
        new(new Builder(CompilerOptions.For(Target.Parse("llvm -num-cores 2"))), runner, new EvaluatorConfig(1, 1, 0), interpreterReference: true);

    public static IEnumerable<object[]> Workloads() => FuzzWorkloads.All().Select(w => new object[] { w.Name });

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Random_schedules_compiled_compute_what_the_interpreter_computes(string name)
    {
        var original = FuzzWorkloads.All().Single(w => w.Name == name).Func;
        var schedules = new List<(int Seed, Tuner.Ir.Schedule.TracedSchedule Sch)>();
        for (int seed = 0; schedules.Count < SchedulesPerWorkload && seed < SchedulesPerWorkload * 4; seed++)
            if (RandomSchedules.Generate(original, 7_000 + seed) is { } s) schedules.Add((7_000 + seed, s));
        using var runner = new LocalRunner(RunnerOptions.Default);
        var results = Measurer(runner).Measure(original, schedules.Select(s => s.Sch.Func).ToList());
        for (int i = 0; i < results.Count; i++)
            Assert.True(results[i].Ok && results[i].Verified,
                $"{name}, seed {schedules[i].Seed}: {results[i].Error}\ntrace: {schedules[i].Sch.Trace.ToJson()}\n{TvmScript.Print(schedules[i].Sch.Func)}");
        output.WriteLine($"{name}: {results.Count} compiled random schedules verified");
        Assert.True(results.Count >= SchedulesPerWorkload * 3 / 4);
    }

    [Fact]
    public void Every_example_PrimFunc_compiled_computes_what_the_interpreter_computes()
    {
        var dir = Path.Combine(RepoRoot(), "examples");
        using var runner = new LocalRunner(RunnerOptions.Default);
        var measurer = Measurer(runner);
        int checkedFuncs = 0;
        foreach (var file in Directory.GetFiles(dir, "*.py"))
            foreach (var f in TvmScript.ParseModule(File.ReadAllText(file), file).PrimFuncs)
            {
                var r = measurer.Measure(f.Func, [f.Func]).Single();
                Assert.True(r.Ok && r.Verified, $"{Path.GetFileName(file)}:{f.Name}: {r.Error}");
                checkedFuncs++;
            }
        Assert.True(checkedFuncs >= 5, $"only {checkedFuncs} example PrimFuncs found");
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
