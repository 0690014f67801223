using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// Ours, not TVM's: vectorized reductions for operands contiguous only along the reduction axis (a matmul with a
/// transposed right operand, C[i, j] += A[i, k]·B[j, k]; row reductions such as softmax's max and sum). TVM only
/// vectorizes spatial loops, and gcc does not vectorize a float sum loop without -ffast-math, so such blocks run
/// scalar. For a reduction block (trivial binding, one loop chain, constant extents) whose output's last axis is
/// not contiguous in some read, and whose innermost contiguous reduction axis k is stride-1 in every read using it,
/// this rule adds a design space beside the untouched one: k is moved innermost, split by a lane count L (the first
/// of <paramref name="lanes"/> dividing its extent) and RFactor'ed on the L-loop, the lanes last in the rfactor
/// buffer. The rfactor block keeps L partial sums per output in a spatial, contiguous innermost loop (vectorized by
/// RewriteParallelVectorizeUnroll) under a sampled register tile of outputs (see <see cref="TileOutputs"/>); the
/// original block then adds the L lanes once per output. Float results differ from the serial order by reassociation only.
/// </summary>
public sealed class VectorizeReduction(IReadOnlyList<int>? lanes = null, int maxTile = 4) : IScheduleRule
{
    private readonly IReadOnlyList<int> _lanes = lanes ?? [16, 8, 4];

    public string Name => "VectorizeReduction";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        var br = BlockAnalysis.Realize(sch, block);
        if (Plan(sch.State, br) is not var (reduceIndex, laneCount)) return [sch];
        var original = (TracedSchedule)sch.Copy();
        original.Seed(sch.ForkSeed());
        try
        {
            var loops = sch.GetLoops(block);
            var kinds = br.Block.IterVars.Select(iv => iv.Kind).ToList();
            var order = loops.Where((_, i) => kinds[i] == IterKind.Spatial)
                .Concat(loops.Where((_, i) => kinds[i] == IterKind.Reduce && i != reduceIndex))
                .Append(loops[reduceIndex]).ToList();
            if (!order.SequenceEqual(loops)) sch.Reorder(order);
            var split = sch.Split(loops[reduceIndex], new long?[] { null, laneCount });
            var rf = sch.RFactor(split[1], br.Block.Writes[0].Buffer.Shape.Count);
            TileOutputs(sch, rf, block, kinds.Count(k => k == IterKind.Spatial));
            return [original, sch];
        }
        catch (ScheduleError) { return [original]; }
    }

    /// <summary>
    /// A register tile of outputs: the rfactor block's last (up to) two spatial loops are split in two by
    /// SamplePerfectTile (inner factor ≤ <c>maxTile</c>) and their inner parts moved between the lane-split reduction
    /// loop and the lane loop, so tile·tile vector accumulators share each load; the lane-summing block is moved under
    /// the outer tile (ReverseComputeAt), which keeps the partial-sum buffer one tile of lanes instead of the whole
    /// output times the lanes. The rfactor block's loops are: spatial, other reductions, k_0, lanes.
    /// </summary>
    private void TileOutputs(TracedSchedule sch, BlockRV rf, BlockRV sum, int numSpatial)
    {
        if (numSpatial == 0) return;
        var loops = sch.GetLoops(rf);
        int tiled = Math.Min(2, numSpatial);
        var outer = loops.Take(numSpatial - tiled).ToList();
        var inner = new List<LoopRV>();
        foreach (var loop in loops.Skip(numSpatial - tiled).Take(tiled))
        {
            var factors = sch.SamplePerfectTile(loop, 2, maxTile);
            var parts = sch.Split(loop, factors.Select(f => (ExprRV?)f).ToList());
            outer.Add(parts[0]);
            inner.Add(parts[1]);
        }
        sch.Reorder([.. outer, .. loops.Skip(numSpatial).SkipLast(1), .. inner, loops[^1]]);
        sch.ReverseComputeAt(sum, outer[^1], preserveUnitLoops: true);
    }

    /// <summary>The iter var index of the reduction axis to vectorize and the lane count, or null when the rule does not apply.</summary>
    internal (int ReduceIndex, int Lanes)? Plan(ScheduleState s, BlockRealize br)
    {
        var b = br.Block;
        if (b.Writes.Count != 1 || BlockAnalysis.HasBeenMultiLevelTiled(b)) return null;
        if (!BlockAnalysis.IsReductionBlock(s, br) || !BlockAnalysis.IsTrivialBinding(s, br)) return null;
        var loops = s.LoopsAbove(br);
        for (int i = 0; i < loops.Count; i++)
        {
            var next = i + 1 < loops.Count ? (Stmt)loops[i + 1] : br;
            if (!ReferenceEquals(loops[i].Body, next) || E.AsConst(loops[i].Extent) is null) return null;
        }
        var write = b.Writes[0];
        var reads = b.Reads.Where(r => !ReferenceEquals(r.Buffer, write.Buffer)).ToList();
        // Spatially vectorizable already when the output's last axis is contiguous (or unused) in every read.
        if (write.Region.Count > 0 && write.Region[^1].Min is Var last && b.IterVars.Any(iv => ReferenceEquals(iv.Var, last))
            && reads.All(r => FlatStride(r, last) is 0 or 1)) return null;
        for (int i = b.IterVars.Count - 1; i >= 0; i--)
        {
            var iv = b.IterVars[i];
            if (iv.Kind != IterKind.Reduce) continue;
            var strides = reads.Select(r => FlatStride(r, iv.Var)).ToList();
            if (!strides.Contains(1) || strides.Any(x => x is not (0 or 1))) continue;
            long extent = E.AsConst(loops[i].Extent)!.Value;
            foreach (var l in _lanes)
                if (l > 1 && extent % l == 0) return (i, l);
            return null;
        }
        return null;
    }

    /// <summary>
    /// The element stride of <paramref name="v"/> in a read of a constant-shape buffer: index(v + 1) − index(v)
    /// per dimension, flattened row-major; null when not a constant (a nonlinear index) or the shape is symbolic.
    /// </summary>
    internal static long? FlatStride(BufferRegion access, Var v)
    {
        long stride = 0, inner = 1;
        var shifted = new Dictionary<Var, Expr> { [v] = new Binary(BinOp.Add, v, new IntImm(v.Dtype, 1)) };
        for (int d = access.Region.Count - 1; d >= 0; d--)
        {
            var idx = access.Region[d].Min;
            var diff = Simplifier.Simplify(new Binary(BinOp.Sub, Substituter.Apply(idx, shifted), idx));
            if (E.AsConst(diff) is not { } c) return null;
            stride += c * inner;
            if (E.AsConst(access.Buffer.Shape[d]) is not { } dim) return null;
            inner *= dim;
        }
        return stride;
    }
}
