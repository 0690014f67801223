namespace Tuner.Ir.Schedule;

/// <summary>
/// Recomputes a block's T.reads / T.writes from its body, as TVM's GetBlockReadWriteRegion does after an inline:
/// every load (init first, then body, in evaluation order) and every store, one region per buffer in first-access
/// order (a block with init leaves its written buffers out of the reads), each dimension the union of the accessed indices relaxed over loops inside the block.
/// </summary>
internal static class BlockAccessRegions
{
    public static (Seq<BufferRegion> Reads, Seq<BufferRegion> Writes) Detect(Block b)
    {
        var c = new Collector();
        if (b.Init is not null) c.VisitStmt(b.Init);
        c.VisitStmt(b.Body);
        var writes = c.Writes.Build();
        var reads = c.Reads.Build();
        // As TVM: a reduction (a block with init) does not list the buffers it writes among its reads.
        if (b.Init is not null) reads = reads.Where(r => !writes.Any(w => ReferenceEquals(w.Buffer, r.Buffer))).ToSeq();
        return (reads, writes);
    }

    /// <summary>Point region [idx, idx + 1) per dimension.</summary>
    public static BufferRegion Point(Buffer buf, Seq<Expr> indices) =>
        new(buf, indices.Map(i => new Range(i, new IntImm(i.Dtype, 1))));

    private sealed class Collector : IrVisitor
    {
        private readonly Dictionary<Var, Range> _loops = [];
        public Accumulator Reads { get; } = new();
        public Accumulator Writes { get; } = new();

        public override void VisitBufferLoad(BufferLoad l)
        {
            base.VisitBufferLoad(l);
            Reads.Add(l.Buffer, l.Indices, _loops);
        }

        public override void VisitBufferStore(BufferStore s)
        {
            base.VisitBufferStore(s);
            Writes.Add(s.Buffer, s.Indices, _loops);
        }

        public override void VisitFor(For f)
        {
            _loops[f.LoopVar] = new Range(f.Min, f.Extent);
            base.VisitFor(f);
            _loops.Remove(f.LoopVar);
        }

        public override void VisitBlockRealize(BlockRealize r)
        {
            // A nested block contributes its declared regions, with its iter vars replaced by their bindings.
            var map = BlockScopeQueries.Bindings(r);
            foreach (var rd in r.Block.Reads) AddRegion(Reads, rd, map);
            foreach (var wr in r.Block.Writes) AddRegion(Writes, wr, map);
        }

        private void AddRegion(Accumulator acc, BufferRegion region, Dictionary<Var, Expr> map)
        {
            var lo = region.Region.Map(rg => Substituter.Apply(rg.Min, map));
            var hi = region.Region.Map(rg => Substituter.Apply(rg.Min + rg.Extent - 1, map));
            acc.AddBounds(region.Buffer, lo, hi, _loops);
        }
    }

    private sealed class Accumulator
    {
        private readonly List<(Buffer Buf, SymBound[] Dims)> _items = [];

        public void Add(Buffer buf, Seq<Expr> idx, IReadOnlyDictionary<Var, Range> loops) => AddBounds(buf, idx, idx, loops);

        public void AddBounds(Buffer buf, Seq<Expr> lo, Seq<Expr> hi, IReadOnlyDictionary<Var, Range> loops)
        {
            var dims = new SymBound[lo.Count];
            for (int d = 0; d < dims.Length; d++)
            {
                var a = BlockRegionBounds.Eval(lo[d], loops);
                var b = BlockRegionBounds.Eval(hi[d], loops);
                dims[d] = a is null || b is null
                    ? new SymBound(new IntImm(lo[d].Dtype, 0), BlockAffineForm.Simplify(buf.Shape[d] - 1))
                    : new SymBound(a.Value.Min, b.Value.Max);
            }
            int i = _items.FindIndex(t => ReferenceEquals(t.Buf, buf));
            if (i < 0) { _items.Add((buf, dims)); return; }
            var old = _items[i].Dims;
            for (int d = 0; d < dims.Length; d++) old[d] = BlockRegionBounds.Union(old[d], dims[d]);
        }

        public Seq<BufferRegion> Build() =>
            _items.Select(t => new BufferRegion(t.Buf, t.Dims.Select(ToRange).ToSeq())).ToSeq();

        private static Range ToRange(SymBound b) =>
            new(b.Min, BlockAffineForm.Of(b.Max).AddScaled(BlockAffineForm.Of(b.Min), -1).AddConst(1).ToExpr());
    }
}
