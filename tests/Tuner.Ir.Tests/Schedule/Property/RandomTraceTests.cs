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
                try { if (RandomStep(sch, rng)) ok++; }
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

    private static T Pick<T>(Random rng, IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

    /// <summary>Applies one random primitive with random arguments; false when there was nothing to apply it to.</summary>
    private static bool RandomStep(TracedSchedule sch, Random rng)
    {
        var blocks = sch.State.BlockRealizes().Select(b => b.Block.Name).Where(n => n != "root").ToList();
        if (blocks.Count == 0) return false;
        var block = sch.GetBlock(Pick(rng, blocks));
        var loops = sch.GetLoops(block);
        switch (rng.Next(15))
        {
            case 0 or 1:
            {
                if (loops.Count == 0) return false;
                var loop = Pick(rng, loops);
                long f = Pick(rng, new long[] { 2, 3, 4, 5, 8 });
                sch.Split(loop, rng.Next(2) == 0 ? new long?[] { null, f } : new long?[] { f, null });
                return true;
            }
            case 2:
            {
                if (loops.Count == 0) return false;
                var loop = Pick(rng, loops);
                var tiles = sch.SamplePerfectTile(loop, 2 + rng.Next(2), maxInnermostFactor: 8);
                sch.Split(loop, tiles.Cast<ExprRV?>().ToList());
                return true;
            }
            case 3:
            {
                if (loops.Count < 2) return false;
                int a = rng.Next(loops.Count - 1);
                sch.Fuse([loops[a], loops[a + 1]]);
                return true;
            }
            case 4:
            {
                if (loops.Count < 2) return false;
                sch.Reorder(loops.OrderBy(_ => rng.Next()).Take(2 + rng.Next(loops.Count - 1)).ToList());
                return true;
            }
            case 5:
                if (loops.Count == 0) return false;
                switch (rng.Next(3))
                {
                    case 0: sch.Parallel(Pick(rng, loops)); break;
                    case 1: sch.Vectorize(Pick(rng, loops)); break;
                    default: sch.Unroll(Pick(rng, loops)); break;
                }
                return true;
            case 6:
                if (loops.Count == 0) return false;
                sch.Annotate(Pick(rng, loops), "pragma_auto_unroll_max_step", (long)Pick(rng, new[] { 0, 16, 64 }));
                return true;
            case 7:
                sch.CacheRead(block, rng.Next(3), Pick(rng, new[] { "global", "local" }));
                return true;
            case 8:
                sch.CacheWrite(block, 0, Pick(rng, new[] { "global", "local" }));
                return true;
            case 9:
            {
                var consumers = sch.GetConsumers(block);
                if (consumers.Count == 0) return false;
                var at = sch.GetLoops(Pick(rng, consumers));
                if (at.Count == 0) return false;
                sch.ComputeAt(block, Pick(rng, at), rng.Next(2) == 0);
                return true;
            }
            case 10:
            {
                var producers = sch.GetProducers(block);
                if (producers.Count == 0) return false;
                var at = sch.GetLoops(Pick(rng, producers));
                if (at.Count == 0) return false;
                sch.ReverseComputeAt(block, Pick(rng, at), rng.Next(2) == 0);
                return true;
            }
            case 11:
                if (rng.Next(2) == 0) sch.ComputeInline(block); else sch.ReverseComputeInline(block);
                return true;
            case 12:
                if (loops.Count == 0) return false;
                sch.DecomposeReduction(block, Pick(rng, loops));
                return true;
            case 13:
                if (loops.Count == 0) return false;
                sch.RFactor(Pick(rng, loops), 0);
                return true;
            default:
            {
                var location = sch.SampleComputeLocation(block);
                sch.ComputeAt(block, location);
                return true;
            }
        }
    }
}
