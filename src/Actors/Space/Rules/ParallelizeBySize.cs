using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// Ours, not TVM's: ParallelizeVectorizeUnroll whose parallel part follows the kernel's size (its FLOP count, as
/// <see cref="FlopCounter"/>). TVM always annotates "meta_schedule.parallel" = num_cores · 16, so a microsecond
/// kernel still pays an OpenMP fork and join that costs about as much as the kernel. Here, on the root block:
/// below <paramref name="minFlopsToFork"/> no parallel annotation at all (one thread); from there up to
/// <paramref name="serialChoiceBelowFlops"/> two design spaces, one serial and one parallel, so the search measures
/// which wins; above it, parallel only. The parallel limit is num_cores · max_jobs_per_core capped so that each job
/// gets at least <paramref name="minFlopsPerJob"/> (never under num_cores): fewer, larger outer iterations for small
/// kernels. A function whose FLOPs cannot be counted (symbolic extents) is treated as large. Vectorize and unroll
/// annotations are TVM's (<see cref="ParallelizeVectorizeUnroll"/>).
/// </summary>
public sealed class ParallelizeBySize(
    long minFlopsToFork,
    long serialChoiceBelowFlops,
    long minFlopsPerJob,
    int maxJobsPerCore = 16,
    int maxVectorizeExtent = 64,
    IReadOnlyList<long>? unrollMaxSteps = null) : IScheduleRule
{
    // The TVM rule without its parallel part: vectorize and unroll exactly as TVM annotates them.
    private readonly ParallelizeVectorizeUnroll _vectorizeUnroll = new(maxJobsPerCore: -1, maxVectorizeExtent, unrollMaxSteps);

    public string Name => "ParallelizeBySize";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        if (!BlockAnalysis.IsRoot(sch, BlockAnalysis.Realize(sch, block))) return [sch];
        double flops = Flops(ctx.Func);
        long limit = ParallelLimit(ctx, flops);
        var results = new List<TracedSchedule>();
        if (flops < serialChoiceBelowFlops)
        {
            var serial = (TracedSchedule)sch.Copy();
            serial.Seed(sch.ForkSeed());
            results.AddRange(_vectorizeUnroll.Apply(ctx, serial, block));
        }
        if (flops >= minFlopsToFork)
        {
            sch.Annotate(block, BlockAnalysis.Parallel, limit);
            results.AddRange(_vectorizeUnroll.Apply(ctx, sch, block));
        }
        return results;
    }

    /// <summary>num_cores · max_jobs_per_core, lowered so that each job does at least min_flops_per_job (not under num_cores).</summary>
    public long ParallelLimit(TuneContext ctx, double flops)
    {
        long max = BlockAnalysis.MaxParallelExtent(ctx, maxJobsPerCore);
        long byWork = minFlopsPerJob <= 0 ? max : (long)Math.Min(max, Math.Floor(flops / minFlopsPerJob));
        return Math.Max(Math.Min(ctx.NumCores, max), byWork);
    }

    /// <summary>The function's FLOPs; +∞ when they cannot be counted (a loop of symbolic extent).</summary>
    public static double Flops(PrimFunc f)
    {
        try { return FlopCounter.Count(f); }
        catch (ArgumentException) { return double.PositiveInfinity; }
    }
}
