using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Xunit.Abstractions;

namespace Tuner.Ir.Tests.Schedule.Property;

/// <summary>
/// Property test of the layout primitives: random schedules (<see cref="RandomSchedules"/>) interleaved with random
/// TransformLayout (split a dimension, swap two, fuse two neighbours — on allocated buffers, so the signature
/// stays), ReIndex, AddUnitLoop and StorageAlign steps. Every schedule that applies computes what the original computes
/// (interpreter), passes VerifyStrict, and its trace round-trips through TVM's JSON and replays to an equal function.
/// </summary>
public sealed class LayoutPropertyTests(ITestOutputHelper output)
{
    private const int TracesPerWorkload = 60;

    public static IEnumerable<object[]> Workloads() => FuzzWorkloads.All().Select(w => new object[] { w.Name });

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Random_layout_transformations_keep_the_outputs(string name)
    {
        var original = FuzzWorkloads.All().Single(w => w.Name == name).Func;
        var inputs = original.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 300 + i)).ToList();
        var expected = Run(original, inputs);
        int withLayout = 0;
        for (int t = 0; t < TracesPerWorkload; t++)
        {
            int seed = name.Length * 7919 + t;
            var sch = new TracedSchedule(original, seed: seed + 1);
            var rng = new Random(seed);
            int layouts = 0;
            for (int s = 0, len = 2 + rng.Next(6); s < len; s++)
            {
                try
                {
                    if (rng.Next(2) == 0) RandomSchedules.RandomStep(sch, rng);
                    else if (RandomLayoutStep(sch, rng)) layouts++;
                }
                catch (ScheduleError) { /* rejected: unchanged */ }
            }
            if (layouts == 0) continue;
            withLayout++;
            string Context() => $"workload {name}, seed {seed}\ntrace: {sch.Trace.ToJson()}\n{TvmScript.Print(sch.Func)}";
            var problems = Verifier.VerifyStrict(sch.Func);
            Assert.True(problems.Count == 0, $"verifier: {string.Join("; ", problems)}\n{Context()}");
            var actual = Run(sch.Func, inputs);
            for (int i = 0; i < expected.Count; i++)
                for (long k = 0; k < expected[i].Size; k++)
                {
                    double a = expected[i].GetDouble(k), b = actual[i].GetDouble(k);
                    if (!(Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Abs(a))))
                        throw new Xunit.Sdk.XunitException($"output {i} element {k}: expected {a}, got {b}\n{Context()}");
                }
            var replay = new Sched(original, seed: 1);
            Trace.FromJson(sch.Trace.ToJson()).ApplyTo(replay);
            Assert.True(StructuralEqual.Equal(sch.Func, replay.Func), $"replay differs\n{Context()}");
        }
        output.WriteLine($"{name}: {withLayout} of {TracesPerWorkload} traces applied a layout primitive");
        Assert.True(withLayout >= TracesPerWorkload / 3, $"only {withLayout} traces applied a layout primitive");
    }

    /// <summary>One random layout step; false when there was nothing to apply it to.</summary>
    private static bool RandomLayoutStep(TracedSchedule sch, Random rng)
    {
        var blocks = sch.State.BlockRealizes().Where(b => b.Block.Name != "root").ToList();
        if (blocks.Count == 0) return false;
        var br = blocks[rng.Next(blocks.Count)];
        var block = sch.GetBlock(br.Block.Name);
        switch (rng.Next(5))
        {
            case 4:
            {
                bool isWrite = rng.Next(2) == 0;
                int count = (isWrite ? br.Block.Writes : br.Block.Reads).Count;
                if (count == 0) return false;
                sch.ReIndex(block, rng.Next(count), isWrite);
                return true;
            }
            case 0:
            {
                var loops = sch.GetLoops(block);
                if (rng.Next(2) == 0 || loops.Count == 0) sch.AddUnitLoop(block); else sch.AddUnitLoop(loops[rng.Next(loops.Count)]);
                return true;
            }
            case 1:
                sch.StorageAlign(block, 0, rng.Next(2), 8 << rng.Next(3), rng.Next(3));
                return true;
            default:
            {
                bool isWrite = rng.Next(2) == 0;
                var regions = isWrite ? br.Block.Writes : br.Block.Reads;
                if (regions.Count == 0) return false;
                int index = rng.Next(regions.Count);
                var buf = regions[index].Buffer;
                if (sch.State.Func.ParamBuffers.Any(p => ReferenceEquals(p, buf)) || buf.ConstShape() is not { } shape) return false;
                sch.TransformLayout(block, index, isWrite, RandomMap(shape, buf.Shape[0].Dtype, rng));
                return true;
            }
        }
    }

    /// <summary>Splits a dimension by 2, 3 or 4 (padding when it does not divide), swaps two, or fuses two neighbours.</summary>
    private static IndexMap RandomMap(long[] shape, DataType dtype, Random rng)
    {
        int r = shape.Length, d = rng.Next(r);
        switch (rng.Next(r > 1 ? 3 : 1))
        {
            case 0:
            {
                long f = 2 + rng.Next(3);
                return IndexMap.FromFunc(r, v =>
                {
                    var o = v.Cast<Expr>().ToList();
                    o[d] = E.FloorDiv(v[d], E.Int(f, dtype));
                    o.Insert(rng.Next(o.Count + 1), E.FloorMod(v[d], E.Int(f, dtype)));
                    return o;
                }, dtype);
            }
            case 1:
            {
                int e = (d + 1 + rng.Next(r - 1)) % r;
                return IndexMap.FromFunc(r, v =>
                {
                    var o = v.Cast<Expr>().ToList();
                    (o[d], o[e]) = (o[e], o[d]);
                    return o;
                }, dtype);
            }
            default:
            {
                int a = Math.Min(d, r - 2);
                return IndexMap.FromFunc(r, v =>
                {
                    var o = v.Cast<Expr>().ToList();
                    o[a] = v[a] * E.Int(shape[a + 1], dtype) + v[a + 1];
                    o.RemoveAt(a + 1);
                    return o;
                }, dtype);
            }
        }
    }

    private static List<NDArray> Run(PrimFunc f, List<NDArray> inputs)
    {
        var args = inputs.Select(a => a.Clone()).ToList();
        Interpreter.Run(f, args, new InterpreterOptions(CheckRegions: true));
        return args;
    }
}
