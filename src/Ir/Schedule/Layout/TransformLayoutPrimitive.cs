using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>A transform_layout precondition does not hold.</summary>
public sealed class TransformLayoutError(string reason) : ScheduleError("TransformLayout", reason);

/// <summary>
/// TVM's transform_layout(block, (read|write, index), index_map): the buffer that a block reads or writes at
/// that index gets a new shape, and every access to it — loads, stores, T.reads/T.writes regions of every block,
/// its allocation or its parameter binding — goes through the index map (<c>B[i, j]</c> becomes
/// <c>B[i // 4, j, i % 4]</c>).
/// Preconditions: the index is in range; the buffer has a constant shape; the map takes as many indices as the
/// buffer has dimensions and keeps every new index in [0, n) (the new shape is one past each maximum, so a map
/// that rounds up, as <c>i // 4</c> of 30 rows, pads the buffer); pad_value is None (TVM's padding fill is not
/// supported). A parameter buffer may be transformed, as in TVM: the function then takes its argument in the
/// new layout (RewriteLayout avoids that by transforming a cache_read copy instead).
/// Result: the same block names; the buffer keeps its name with the new shape.
/// </summary>
public static class TransformLayoutPrimitive
{
    public const string Name = "TransformLayout";

    public static void Apply(ScheduleState s, string block, int bufferIndex, bool isWrite, IndexMap map, object? padValue = null)
    {
        var br = s.FindBlock(block, Name);
        var regions = isWrite ? br.Block.Writes : br.Block.Reads;
        if (bufferIndex < 0 || bufferIndex >= regions.Count)
            throw new TransformLayoutError($"block '{block}' has {regions.Count} {(isWrite ? "write" : "read")} buffer(s); index {bufferIndex} is out of range");
        if (padValue is not null) throw new TransformLayoutError("pad_value is not supported (only None)");
        var buf = regions[bufferIndex].Buffer;
        if (buf.ConstShape() is null) throw new TransformLayoutError($"buffer '{buf.Name}' has a symbolic shape");
        if (map.InitialIndices.Count != buf.Rank)
            throw new TransformLayoutError($"the index map takes {map.InitialIndices.Count} indices, buffer '{buf.Name}' has {buf.Rank} dimensions");
        Seq<Expr> shape;
        try { shape = map.MapShape(buf.Shape); }
        catch (ArgumentException e) { throw new TransformLayoutError($"buffer '{buf.Name}': {e.Message}"); }
        var newBuf = buf with { Shape = shape, Strides = Seq<Expr>.Empty };

        var rewriter = new Rewriter(buf, newBuf, map);
        var body = rewriter.VisitStmt(s.Func.Body);
        var bufferMap = s.Func.BufferMap.Map(p => ReferenceEquals(p.Buffer, buf) ? (p.Param, newBuf) : p);
        s.SetFunc(s.Func with { Body = body, BufferMap = bufferMap });
    }

    /// <summary>Every access of <paramref name="from"/> becomes an access of <paramref name="to"/> at the mapped indices.</summary>
    private sealed class Rewriter(Buffer from, Buffer to, IndexMap map) : IrRewriter
    {
        public override Buffer VisitBuffer(Buffer b) => ReferenceEquals(b, from) ? to : b;

        public override Expr VisitBufferLoad(BufferLoad l)
        {
            var v = (BufferLoad)base.VisitBufferLoad(l);
            return ReferenceEquals(l.Buffer, from) ? v with { Indices = map.MapIndices(v.Indices) } : v;
        }

        public override Stmt VisitBufferStore(BufferStore st)
        {
            var v = (BufferStore)base.VisitBufferStore(st);
            return ReferenceEquals(st.Buffer, from) ? v with { Indices = map.MapIndices(v.Indices) } : v;
        }

        public override BufferRegion VisitBufferRegion(BufferRegion r)
        {
            var v = base.VisitBufferRegion(r);
            if (!ReferenceEquals(r.Buffer, from)) return v;
            // Each dimension sweeps [min, min + extent): the new region covers the mapped indices of every point.
            var dom = new Dictionary<Var, Range>();
            var points = new List<Expr>();
            for (int d = 0; d < v.Region.Count; d++)
            {
                var (min, ext) = (v.Region[d].Min, v.Region[d].Extent);
                if (E.IsConst(ext, 1)) { points.Add(min); continue; }
                var t = new Var($"t{d}", min.Dtype);
                dom[t] = Range.FromExtent(ext);
                points.Add(min + t);
            }
            return new BufferRegion(to, RegionAnalysis.EvalIndices(map.MapIndices(points), dom));
        }
    }
}

public partial class Schedule
{
    /// <summary>
    /// Transforms the layout of buffer <paramref name="bufferIndex"/> of the block's reads (<paramref name="isWrite"/>
    /// false) or writes through <paramref name="indexMap"/>; see <see cref="TransformLayoutPrimitive"/>.
    /// </summary>
    public void TransformLayout(BlockRV block, int bufferIndex, bool isWrite, IndexMap indexMap, bool assumeInjectiveTransform = false)
    {
        TransformLayoutPrimitive.Apply(State, Get(block), bufferIndex, isWrite, indexMap);
        Record(TransformLayoutKinds.TransformLayout, [block, indexMap], [(long)bufferIndex, isWrite ? 1L : 0L, null, assumeInjectiveTransform ? 1L : 0L], []);
    }
}
