using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule.Property;

/// <summary>
/// Random schedule steps for property tests: one random primitive with random arguments per call (a ScheduleError
/// leaves the schedule unchanged). Shared with the compiled-code property test in Tuner.Actors.Tests (linked file).
/// </summary>
internal static class RandomSchedules
{
    private static T Pick<T>(Random rng, IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

    /// <summary>Applies one random primitive with random arguments; false when there was nothing to apply it to.</summary>
    public static bool RandomStep(TracedSchedule sch, Random rng)
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

    /// <summary>A seeded random schedule of 1..maxSteps steps; null when no step applied.</summary>
    public static TracedSchedule? Generate(PrimFunc original, int seed, int maxSteps = 8)
    {
        var sch = new TracedSchedule(original, seed: seed + 1);
        var rng = new Random(seed);
        int len = 1 + rng.Next(maxSteps), ok = 0;
        for (int s = 0; s < len; s++)
        {
            try { if (RandomStep(sch, rng)) ok++; }
            catch (ScheduleError) { /* rejected: unchanged */ }
        }
        return ok > 0 ? sch : null;
    }
}
