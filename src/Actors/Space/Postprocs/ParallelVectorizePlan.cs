using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Postprocs;

/// <summary>The root block's parsed meta_schedule annotations and, per block, how many outer loops to parallelize and inner loops to vectorize (−1: none).</summary>
internal sealed record ParsedAnnotation(long MaxParallelExtent, long MaxVectorizeExtent, long UnrollExplicit, long UnrollImplicit,
    int NumParallelLoops = -1, int NumVectorizeLoops = -1);

/// <summary>
/// TVM's AdjustParallelVectorize: for one block and its loops, counts the outer data-parallel loops whose product
/// reaches the parallel limit (the loop that crosses it included), and the inner data-parallel loops whose product
/// stays within the vectorize limit and whose accesses stay contiguous (strides of the loop vars in every buffer
/// access); when every loop qualifies for both, all are fused, otherwise vectorization wins the overlap.
/// </summary>
internal static class ParallelVectorizePlan
{
    public static ParsedAnnotation Adjust(Schedule sch, BlockRealize realize, IReadOnlyList<For> loops, ParsedAnnotation parsed)
    {
        if (parsed.MaxParallelExtent == -1 && parsed.MaxVectorizeExtent == -1) return parsed;
        int n = loops.Count;
        if (n == 0) return parsed with { MaxParallelExtent = -1, MaxVectorizeExtent = -1 };
        var types = loops.Select(BlockAnalysis.LoopIterType).ToList();
        int maxFusible = MaxFusible(realize, loops);
        int maxRwLoops = Enumerable.Range(0, n).Count(i => !HasAnnOrBinding(loops[i]) && types[i] == IterKind.Spatial
            && IsSingleStmt(loops[i].Body) && E.AsConst(loops[i].Extent) is not null);

        int numParallel = -1, numVectorize = -1;
        if (parsed.MaxParallelExtent != -1)
        {
            numParallel = 0;
            long prod = 1;
            for (int i = 0; i < n && types[i] == IterKind.Spatial; i++)
            {
                if (HasAnnOrBinding(loops[i]) || E.AsConst(loops[i].Extent) is not { } ext) break;
                numParallel++;
                prod *= ext;
                if (prod > parsed.MaxParallelExtent || !IsSingleStmt(loops[i].Body)) break;
            }
            if (prod == 1) numParallel = -1;
        }
        if (parsed.MaxVectorizeExtent != -1)
        {
            numVectorize = 0;
            long prod = 1;
            for (int i = n - 1; i >= 0 && types[i] == IterKind.Spatial && numVectorize < maxFusible; i--)
            {
                if (HasAnnOrBinding(loops[i]) || !IsSingleStmt(loops[i].Body) || E.AsConst(loops[i].Extent) is not { } ext) break;
                prod *= ext;
                if (prod > parsed.MaxVectorizeExtent) break;
                numVectorize++;
            }
            if (prod == 1) numVectorize = -1;
        }
        if (numParallel != -1 && numVectorize != -1)
        {
            if (maxRwLoops == n && maxFusible == n) numParallel = numVectorize = n;
            else numParallel = Math.Min(numParallel, n - numVectorize);
        }
        return parsed with { NumParallelLoops = numParallel, NumVectorizeLoops = numVectorize };
    }

    public static bool HasAnnOrBinding(For loop) => loop.Kind == ForKind.ThreadBinding || !loop.Annotations.IsEmpty;

    /// <summary>TVM's IsSingleStmt: anything but a sequence of several statements.</summary>
    public static bool IsSingleStmt(Stmt s) => s is not SeqStmt q || q.Stmts.Count == 1;

    /// <summary>How many innermost loops every buffer access of the block keeps contiguous (fusible for vectorization).</summary>
    private static int MaxFusible(BlockRealize realize, IReadOnlyList<For> loops)
    {
        var binding = new Dictionary<Var, Expr>();
        for (int i = 0; i < realize.IterValues.Count; i++) binding[realize.Block.IterVars[i].Var] = realize.IterValues[i];
        int maxFusible = int.MaxValue;
        foreach (var access in realize.Block.Reads.Concat(realize.Block.Writes))
        {
            var strides = loops.Select(l => Stride(access, binding, l.LoopVar)).ToList();
            int fusible = 0, prevUsed = -1;
            for (int i = strides.Count - 1; i >= 0; i--)
            {
                if (strides[i] == 0) { fusible++; continue; }
                if (prevUsed == -1)
                {
                    if (strides[i] != 1 && fusible != 0) break;
                    fusible++;
                    prevUsed = i;
                }
                else if (E.AsConst(loops[prevUsed].Extent) is { } prevExt && strides[i] == strides[prevUsed] * prevExt)
                {
                    fusible++;
                    prevUsed = i;
                }
                else break;
            }
            maxFusible = Math.Min(maxFusible, fusible);
        }
        return maxFusible;
    }

    /// <summary>The stride of a loop var in a flattened access: innermost dimension using it, times the shapes inside.</summary>
    private static long Stride(BufferRegion access, Dictionary<Var, Expr> binding, Var loopVar)
    {
        long bufferStride = 1;
        for (int i = access.Region.Count - 1; i >= 0; i--)
        {
            var idx = Simplifier.Simplify(Substituter.Apply(access.Region[i].Min, binding));
            long coef = StrideExtractor.Extract(idx, loopVar);
            if (coef != 0) return coef * bufferStride;
            bufferStride *= E.AsConst(access.Buffer.Shape[i]) ?? 1;
        }
        return 0;
    }

    /// <summary>TVM's StrideExtractor: the coefficient of a var through + and × by constants (0 when absent).</summary>
    private static class StrideExtractor
    {
        public static long Extract(Expr e, Var v) => Go(e, v) ?? 0;

        private static long? Go(Expr e, Var v) => e switch
        {
            Var x => ReferenceEquals(x, v) ? 1 : null,
            Binary { Op: BinOp.Mul, A: IntImm a, B: var b } => Go(b, v) * a.Value,
            Binary { Op: BinOp.Mul, A: var a, B: IntImm b } => Go(a, v) * b.Value,
            Binary { Op: BinOp.Add, A: var a, B: var b } => Min(Go(a, v), Go(b, v)),
            _ => null,
        };

        private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    }
}
