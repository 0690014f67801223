using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// TVM's ParallelizeVectorizeUnroll rule with the CPU defaults (max_jobs_per_core 16, max_vectorize_extent 64,
/// unroll_max_steps [0, 16, 64, 512], unroll_explicit true). Only the root block is touched: it is annotated
/// "meta_schedule.parallel" = num_cores · 16, "meta_schedule.vectorize" = 64 and — unless every block is spatial —
/// "meta_schedule.unroll_explicit" = a uniform SampleCategorical over the unroll steps. The postprocessor
/// RewriteParallelVectorizeUnroll turns these into loop transformations.
/// </summary>
public sealed class ParallelizeVectorizeUnroll(
    int maxJobsPerCore = 16,
    int maxVectorizeExtent = 64,
    IReadOnlyList<long>? unrollMaxSteps = null,
    bool unrollExplicit = true) : IScheduleRule
{
    private readonly IReadOnlyList<long> _unrollMaxSteps = unrollMaxSteps ?? [0, 16, 64, 512];

    public string Name => "ParallelizeVectorizeUnroll";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        if (!BlockAnalysis.IsRoot(sch, BlockAnalysis.Realize(sch, block))) return [sch];
        if (maxJobsPerCore != -1) sch.Annotate(block, BlockAnalysis.Parallel, BlockAnalysis.MaxParallelExtent(ctx, maxJobsPerCore));
        if (maxVectorizeExtent != -1) sch.Annotate(block, BlockAnalysis.Vectorize, (long)maxVectorizeExtent);
        if (_unrollMaxSteps.Count > 0 && !BlockAnalysis.IsSpatialFunc(sch.Func))
        {
            int n = _unrollMaxSteps.Count;
            var step = sch.SampleCategorical(_unrollMaxSteps, Enumerable.Repeat(1.0 / n, n).ToList());
            sch.Annotate(block, unrollExplicit ? BlockAnalysis.UnrollExplicit : BlockAnalysis.UnrollImplicit, step);
        }
        return [sch];
    }
}
