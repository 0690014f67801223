using Tuner.Actors.Search;
using Tuner.Actors.Space.Mutators;
using Tuner.Actors.Space.Postprocs;
using Tuner.Actors.Space.Rules;

namespace Tuner.Actors.Space;

/// <summary>The design spaces TVM builds by default, per target kind.</summary>
public static class SpaceGenerators
{
    /// <summary>
    /// TVM's CPU ("llvm") space: rules AutoInline, AddRFactor, MultiLevelTiling (SSRSRS), ParallelizeVectorizeUnroll,
    /// RandomComputeLocation; postprocessors DisallowDynamicLoop, RewriteParallelVectorizeUnroll,
    /// RewriteReductionBlock; mutators TileSize 0.9, ComputeLocation 0.05, Unroll 0.03, Parallel 0.02 — all with TVM's defaults.
    /// <paramref name="rewriteLayout"/> adds <see cref="RewriteLayout"/> first among the postprocessors (before loops are
    /// fused, so the loop nest it reads is the tiled one); off by default because the packing it adds runs in every call.
    /// </summary>
    public static PostOrderApply Cpu(bool rewriteLayout = false) => new(
        [new AutoInline(), new AddRFactor(), new MultiLevelTiling(), new ParallelizeVectorizeUnroll(), new RandomComputeLocation()],
        rewriteLayout
            ? [new RewriteLayout(), new DisallowDynamicLoop(), new RewriteParallelVectorizeUnroll(), new RewriteReductionBlock()]
            : [new DisallowDynamicLoop(), new RewriteParallelVectorizeUnroll(), new RewriteReductionBlock()],
        [(new MutateTileSize(), 0.9), (new MutateComputeLocation(), 0.05), (new MutateUnroll(), 0.03), (new MutateParallel(), 0.02)]);
}
