namespace Tuner.Ir;

/// <summary>
/// Integer buffers whose values index other buffers (a gather: <c>A[B[i], j]</c>, as Relax's take legalizes), with
/// the smallest extent they index. Random arguments for such a buffer must stay in [0, bound): out-of-range
/// indices crash the kernel (TVM's runner fills them with arbitrary values and measures out of bounds).
/// </summary>
public static class IndexOperands
{
    /// <summary>For each integral buffer loaded inside another access's index, the least extent of the dimensions it indexes.</summary>
    public static IReadOnlyDictionary<Buffer, long> Bounds(PrimFunc f)
    {
        var w = new Walker();
        w.VisitStmt(f.Body);
        return w.Bounds;
    }

    private sealed class Walker : IrVisitor
    {
        public readonly Dictionary<Buffer, long> Bounds = [];
        private readonly Stack<long> _extents = new();

        public override void VisitBufferLoad(BufferLoad l)
        {
            if (_extents.Count > 0 && l.Buffer.Dtype.IsIntegral)
                Bounds[l.Buffer] = Math.Min(Bounds.GetValueOrDefault(l.Buffer, long.MaxValue), _extents.Peek());
            Indices(l.Buffer, l.Indices);
        }

        public override void VisitBufferStore(BufferStore s)
        {
            VisitExpr(s.Value);
            Indices(s.Buffer, s.Indices);
        }

        public override void VisitBlock(Block b)
        {
            // A block's read regions name the gathered element too (T.reads(A[B[v], v1])): walk them as accesses.
            foreach (var r in b.Reads.Concat(b.Writes))
                for (int d = 0; d < r.Region.Count; d++)
                    Under(r.Buffer, d, () => { VisitExpr(r.Region[d].Min); VisitExpr(r.Region[d].Extent); });
            if (b.Init is not null) VisitStmt(b.Init);
            VisitStmt(b.Body);
        }

        private void Indices(Buffer b, Seq<Expr> indices)
        {
            for (int d = 0; d < indices.Count; d++) Under(b, d, () => VisitExpr(indices[d]));
        }

        private void Under(Buffer b, int dim, Action visit)
        {
            // A flattened or symbolic dimension gives no bound of its own: the enclosing one (if any) still holds.
            long extent = dim < b.Shape.Count && b.Shape[dim] is IntImm c ? c.Value : _extents.Count > 0 ? _extents.Peek() : long.MaxValue;
            _extents.Push(extent);
            try { visit(); }
            finally { _extents.Pop(); }
        }
    }
}
