using Tuner.Ir;

namespace Tuner.Actors.CostModel.Features;

/// <summary>
/// TVM's PerStoreFeature: one row of <see cref="FeatureLayout.Count"/> values per BufferStore of a scheduled
/// PrimFunc, describing its arithmetic, the loops around it and how it touches memory. Works on the scheduled IR
/// directly (block iter vars are replaced by their bindings on the way down) instead of TVM's partially lowered IR.
/// Deviations from TVM: GPU features are always 0; "lines" use a 64-byte line and the innermost stride instead
/// of TVM's per-dimension region walk; the access region of several accesses to a buffer is their per-dimension
/// maximum, not their exact union.
/// </summary>
public static class PerStoreFeature
{
    public const int CacheLineBytes = 64;

    public static float[][] Extract(PrimFunc f)
    {
        var w = new Walker();
        w.Walk(f.Body, new Dictionary<Var, Expr>());
        return w.Rows.ToArray();
    }

    private sealed class Walker
    {
        public readonly List<float[]> Rows = [];
        private readonly List<LoopFrame> _loops = [];
        private readonly List<AllocFrame> _allocs = [];

        public void Walk(Stmt s, Dictionary<Var, Expr> bind)
        {
            switch (s)
            {
                case For f:
                    _loops.Add(LoopFrame.Of(f));
                    Walk(f.Body, bind);
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case BlockRealize br:
                {
                    var inner = new Dictionary<Var, Expr>(bind);
                    for (int i = 0; i < br.Block.IterVars.Count && i < br.IterValues.Count; i++)
                        inner[br.Block.IterVars[i].Var] = Substituter.Apply(br.IterValues[i], bind);
                    double outer = OuterProd();
                    foreach (var b in br.Block.AllocBuffers) _allocs.Add(new AllocFrame(b, outer));
                    if (br.Block.Init is not null) Walk(br.Block.Init, inner);
                    Walk(br.Block.Body, inner);
                    _allocs.RemoveRange(_allocs.Count - br.Block.AllocBuffers.Count, br.Block.AllocBuffers.Count);
                    break;
                }
                case Block b: Walk(b.Body, bind); break;
                case SeqStmt q: foreach (var x in q.Stmts) Walk(x, bind); break;
                case IfThenElse i: Walk(i.Then, bind); if (i.Else is not null) Walk(i.Else, bind); break;
                case LetStmt l:
                {
                    var inner = new Dictionary<Var, Expr>(bind) { [l.Var] = Substituter.Apply(l.Value, bind) };
                    Walk(l.Body, inner);
                    break;
                }
                case Allocate a:
                    _allocs.Add(new AllocFrame(a.Buffer, OuterProd()));
                    Walk(a.Body, bind);
                    _allocs.RemoveAt(_allocs.Count - 1);
                    break;
                case BufferStore st:
                    Rows.Add(Row((BufferStore)Substituter.Apply(st, bind)));
                    break;
            }
        }

        private double OuterProd() => _loops.Aggregate(1.0, (p, l) => p * l.Extent);

        private float[] Row(BufferStore st)
        {
            var row = new float[FeatureLayout.Count];
            double prod = OuterProd();
            var counter = new ArithCounter();
            counter.VisitStmt(st);
            for (int i = 0; i < counter.Counts.Length; i++) row[i] = FeatureLayout.Slog(counter.Counts[i] * prod);

            var storeVars = st.Indices.SelectMany(i => AffineIndex.Of(i).Coefs.Where(kv => kv.Value != 0).Select(kv => kv.Key)).ToHashSet();
            Annotation(row, FeatureLayout.Vectorize, ForKind.Vectorized, storeVars);
            Annotation(row, FeatureLayout.Unroll, ForKind.Unrolled, storeVars);
            Annotation(row, FeatureLayout.Parallel, ForKind.Parallel, storeVars);

            var accesses = BufferAccess.Collect(st, _loops);
            BufferAccess.Fill(row, accesses, _loops);
            IntensityCurve.Fill(row, counter.FloatOps, accesses, _loops);

            var alloc = _allocs.LastOrDefault(a => ReferenceEquals(a.Buffer, st.Buffer));
            if (alloc is not null)
            {
                double size = (alloc.Buffer.ConstShape() ?? [1]).Aggregate(1.0, (p, x) => p * x) * alloc.Buffer.Dtype.Bytes;
                row[FeatureLayout.Group4Start + 0] = FeatureLayout.Slog(size);
                row[FeatureLayout.Group4Start + 1] = FeatureLayout.Slog(size * alloc.OuterProd);
                row[FeatureLayout.Group4Start + 2] = FeatureLayout.Slog(alloc.OuterProd);
                row[FeatureLayout.Group4Start + 3] = FeatureLayout.Slog(prod / alloc.OuterProd);
            }
            row[FeatureLayout.Group5Start + 0] = FeatureLayout.Slog(prod);
            row[FeatureLayout.Group5Start + 1] = FeatureLayout.Slog(_loops.Count);
            row[FeatureLayout.Group5Start + 2] = FeatureLayout.Slog(_loops.Count == 0 ? 0 : _loops.Max(l => l.AutoUnrollMaxStep));
            return row;
        }

        /// <summary>num, prod, len and the one-hot position of the loops of one kind (TVM's vec/unroll/parallel features).</summary>
        private void Annotation(float[] row, int offset, ForKind kind, HashSet<Var> storeVars)
        {
            var idx = Enumerable.Range(0, _loops.Count).Where(i => _loops[i].Kind == kind).ToList();
            LoopPosition pos = LoopPosition.None;
            if (idx.Count > 0)
            {
                row[offset] = FeatureLayout.Slog(idx.Count);
                row[offset + 1] = FeatureLayout.Slog(idx.Aggregate(1.0, (p, i) => p * _loops[i].Extent));
                row[offset + 2] = FeatureLayout.Slog(_loops[idx[^1]].Extent);
                if (idx.Count > 1) pos = LoopPosition.Mixed;
                else
                {
                    int i = idx[0];
                    bool spatial = storeVars.Contains(_loops[i].Var);
                    int where = i == _loops.Count - 1 ? 0 : i == 0 ? 2 : 1; // inner, middle, outer
                    pos = (LoopPosition)((spatial ? (int)LoopPosition.InnerSpatial : (int)LoopPosition.InnerReduce) + where);
                }
            }
            row[offset + 3 + (int)pos] = 1;
        }
    }
}
