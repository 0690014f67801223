using Tuner.Actors.Search;
using Tuner.Actors.Settings;
using Tuner.Actors.Space.Mutators;
using Tuner.Actors.Space.Postprocs;
using Tuner.Actors.Space.Rules;

namespace Tuner.Actors.Space;

/// <summary>The design spaces TVM builds by default, per target kind, and ours beside them.</summary>
public static class SpaceGenerators
{
    /// <summary>
    /// TVM's CPU ("llvm") space: rules AutoInline, AddRFactor, MultiLevelTiling (SSRSRS), ParallelizeVectorizeUnroll,
    /// RandomComputeLocation; postprocessors RewriteLayout, DisallowDynamicLoop, RewriteParallelVectorizeUnroll,
    /// RewriteReductionBlock; mutators TileSize 0.9, ComputeLocation 0.05, Unroll 0.03, Parallel 0.02 — all with TVM's
    /// defaults. With <paramref name="ours"/>, our rules that it enables join: VectorizeReduction after AddRFactor,
    /// PackReusedOperand after MultiLevelTiling, and ParallelizeBySize in place of ParallelizeVectorizeUnroll. Null or
    /// all disabled: TVM's space exactly.
    /// <see cref="RewriteLayout"/> (<c>ours.RewriteLayout</c>, HOCON <c>tuner.space.rewrite-layout.enabled</c>, on as in
    /// TVM; <paramref name="rewriteLayout"/> forces it on) comes first among the postprocessors (TVM runs it last): before
    /// loops are fused, so the loop nest it reads is the tiled one.
    /// </summary>
    public static PostOrderApply Cpu(SpaceSettings? ours = null, bool rewriteLayout = false)
    {
        ours ??= SpaceSettings.Tvm;
        var rules = new List<IScheduleRule> { new AutoInline(), new AddRFactor() };
        if (ours.VectorizeReduction.Enabled) rules.Add(new VectorizeReduction(ours.VectorizeReduction.Lanes, ours.VectorizeReduction.MaxTile));
        rules.Add(new MultiLevelTiling());
        if (ours.PackOperand.Enabled) rules.Add(new PackReusedOperand(levels: ours.PackOperand.Levels));
        var p = ours.ParallelizeBySize;
        rules.Add(p.Enabled ? new ParallelizeBySize(p.MinFlopsToFork, p.SerialChoiceBelowFlops, p.MinFlopsPerJob) : new ParallelizeVectorizeUnroll());
        rules.Add(new RandomComputeLocation());
        IPostproc[] postprocs = [new DisallowDynamicLoop(), new RewriteParallelVectorizeUnroll(), new RewriteReductionBlock()];
        return new(rules,
            rewriteLayout || ours.RewriteLayout ? [new RewriteLayout(), .. postprocs] : postprocs,
            [(new MutateTileSize(), 0.9), (new MutateComputeLocation(), 0.05), (new MutateUnroll(), 0.03), (new MutateParallel(), 0.02)]);
    }
}
