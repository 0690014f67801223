using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Xunit.Abstractions;

namespace Tuner.Ir.Tests.Schedule.Property;

/// <summary>
/// Property test (design §3.3): random sequences of schedule primitives with random arguments. Every schedule
/// that applies without a ScheduleError must compute what the original computes (interpreter, relative
/// tolerance 1e-4: reassociated float32 sums over at most 54 terms), pass the verifier, and its trace must
/// round-trip through JSON and replay to a structurally equal function. Seeded: a failure prints seed and trace.
/// </summary>
public sealed class RandomTraceTests(ITestOutputHelper output)
{
    private const int TracesPerWorkload = 200; // 5 workloads → 1000 random traces per run (about 400 000, in six seed ranges with up to 12 steps, passed once while fixing)
    private const double Tolerance = 1e-4;

    public static IEnumerable<object[]> Workloads() => FuzzWorkloads.All().Select(w => new object[] { w.Name });

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Random_schedules_that_apply_compute_the_same_outputs(string name)
    {
        var original = FuzzWorkloads.All().Single(w => w.Name == name).Func;
        var inputs = TestArgs(original);
        var expected = Run(original, inputs);
        int applied = 0, steps = 0;
        for (int t = 0; t < TracesPerWorkload; t++)
        {
            int seed = name.Length * 100_003 + t;
            var sch = new TracedSchedule(original, seed: seed + 1);
            var rng = new Random(seed);
            int len = 1 + rng.Next(8);
            int ok = 0;
            for (int s = 0; s < len; s++)
            {
                try { if (RandomSchedules.RandomStep(sch, rng)) ok++; }
                catch (ScheduleError) { /* rejected: the schedule is unchanged, try the next step */ }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"primitive crashed ({e.GetType().Name}: {e.Message}) on workload {name}, seed {seed}\ntrace so far: {sch.Trace.ToJson()}\n{e.StackTrace}");
                }
            }
            steps += ok;
            if (ok == 0) continue;
            applied++;
            string Context() => $"workload {name}, seed {seed}\ntrace: {sch.Trace.ToJson()}\n{TvmScript.Print(sch.Func)}";
            var problems = Verifier.VerifyStrict(sch.Func);
            Assert.True(problems.Count == 0, $"verifier: {string.Join("; ", problems)}\n{Context()}");
            List<NDArray> actual;
            try { actual = Run(sch.Func, inputs); }
            catch (InterpreterException e) { throw new Xunit.Sdk.XunitException($"interpreter: {e.Message}\n{Context()}"); }
            for (int i = 0; i < expected.Count; i++)
                for (long k = 0; k < expected[i].Size; k++)
                {
                    double a = expected[i].GetDouble(k), b = actual[i].GetDouble(k);
                    if (!(Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Abs(a))))
                        throw new Xunit.Sdk.XunitException($"output {i} element {k}: expected {a}, got {b}\n{Context()}");
                }
            var replay = new Tuner.Ir.Schedule.Schedule(original, seed: 1);
            Trace.FromJson(sch.Trace.ToJson()).ApplyTo(replay);
            Assert.True(StructuralEqual.Equal(sch.Func, replay.Func), $"replay differs\n{Context()}");
        }
        output.WriteLine($"{name}: {applied} of {TracesPerWorkload} random traces applied ({steps} primitives)");
        Assert.True(applied >= TracesPerWorkload / 2, $"only {applied} traces applied a primitive");
    }

    private static List<NDArray> TestArgs(PrimFunc f) =>
        f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 100 + i)).ToList();

    private static List<NDArray> Run(PrimFunc f, List<NDArray> inputs)
    {
        var args = inputs.Select(a => a.Clone()).ToList();
        Interpreter.Run(f, args, new InterpreterOptions(CheckRegions: true));
        return args;
    }
}
