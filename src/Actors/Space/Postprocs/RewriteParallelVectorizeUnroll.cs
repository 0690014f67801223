using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Postprocs;

/// <summary>
/// TVM's RewriteParallelVectorizeUnroll: reads (and Unannotates) the root block's "meta_schedule.parallel",
/// ".vectorize", ".unroll_explicit"/".unroll_implicit"; then for each child block of the root with loops, plans with
/// <see cref="ParallelVectorizePlan"/> and applies, in TVM's instruction order: Fuse + Split(None, vec) + Parallel +
/// Vectorize when every loop qualifies for both; else Fuse + Parallel of the outer loops and Fuse + Vectorize of the
/// inner ones; and, for blocks that are not purely spatial with a positive step, loop annotations
/// "pragma_auto_unroll_max_step" and "pragma_unroll_explicit" on the outermost loop.
/// </summary>
public sealed class RewriteParallelVectorizeUnroll : IPostproc
{
    public string Name => "RewriteParallelVectorizeUnroll";

    public bool Apply(TuneContext ctx, TracedSchedule sch)
    {
        while (FindAnnotatedRoot(sch) is var (root, parsedRoot))
        {
            foreach (var block in sch.GetChildBlocks(root))
            {
                var loopRvs = sch.GetLoops(block).ToList();
                if (loopRvs.Count == 0) continue;
                var realize = BlockAnalysis.Realize(sch, block);
                var loops = loopRvs.Select(l => sch.State.FindLoop(sch.Get(l), Name)).ToList();
                var parsed = ParallelVectorizePlan.Adjust(sch, realize, loops, parsedRoot);
                int n = loopRvs.Count;
                if (parsed.NumParallelLoops == n && parsed.NumVectorizeLoops == n)
                {
                    var fused = sch.Fuse(loopRvs);
                    var split = sch.Split(fused, new object?[] { null, parsed.MaxVectorizeExtent });
                    sch.Parallel(split[0]);
                    sch.Vectorize(split[1]);
                    for (int i = 0; i < n - 1; i++) loopRvs[i] = split[0];
                    loopRvs[n - 1] = split[1];
                }
                else
                {
                    if (parsed.NumParallelLoops > 0)
                    {
                        var fused = sch.Fuse(loopRvs.Take(parsed.NumParallelLoops).ToList());
                        sch.Parallel(fused);
                        for (int i = 0; i < parsed.NumParallelLoops; i++) loopRvs[i] = fused;
                    }
                    if (parsed.NumVectorizeLoops > 0)
                    {
                        var fused = sch.Fuse(loopRvs.Skip(n - parsed.NumVectorizeLoops).ToList());
                        sch.Vectorize(fused);
                        for (int i = n - parsed.NumVectorizeLoops; i < n; i++) loopRvs[i] = fused;
                    }
                }
                if (parsed.UnrollExplicit != -1 || parsed.UnrollImplicit != -1)
                {
                    long maxStep = parsed.UnrollExplicit + parsed.UnrollImplicit + 1;
                    if (maxStep > 0 && !BlockAnalysis.IsSpatial(BlockAnalysis.Realize(sch, block).Block))
                    {
                        sch.Annotate(loopRvs[0], "pragma_auto_unroll_max_step", maxStep);
                        sch.Annotate(loopRvs[0], "pragma_unroll_explicit", parsed.UnrollExplicit != -1 ? 1L : 0L);
                    }
                }
            }
        }
        return true;
    }

    /// <summary>TVM's FindAnnotatedRootBlock: the root's parsed annotations, removed from it (recorded Unannotates).</summary>
    private static (BlockRV Root, ParsedAnnotation Parsed)? FindAnnotatedRoot(TracedSchedule sch)
    {
        if (sch.Func.Body is not BlockRealize { Block: var rootBlock }) return null;
        var a = rootBlock.Annotations;
        string[] keys = [BlockAnalysis.Parallel, BlockAnalysis.Vectorize, BlockAnalysis.UnrollExplicit, BlockAnalysis.UnrollImplicit];
        if (!keys.Any(a.ContainsKey)) return null;
        var parsed = new ParsedAnnotation(
            BlockAnalysis.IntAnn(a, keys[0]) ?? -1, BlockAnalysis.IntAnn(a, keys[1]) ?? -1,
            BlockAnalysis.IntAnn(a, keys[2]) ?? -1, BlockAnalysis.IntAnn(a, keys[3]) ?? -1);
        var root = sch.GetBlock(rootBlock.Name);
        // Unlike TVM (which would loop forever), a non-integer value is removed too.
        foreach (var k in keys.Where(a.ContainsKey)) sch.Unannotate(root, k);
        return (root, parsed);
    }
}
