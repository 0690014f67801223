namespace Tuner.Ir.Lowering;

/// <summary>
/// Makes every buffer one-dimensional (TVM's FlattenBuffer). Before: <c>C[i, j]</c> on a (M, N) buffer.
/// After: <c>C[i * N + j]</c> on a (M*N,) buffer of the same name; explicit strides are honoured
/// (<c>index = Σ idx_k · stride_k</c>), otherwise row-major. The function's buffer map is switched to the flat
/// buffers too, so code generation sees one buffer object per data pointer.
/// Requires blocks lowered (<see cref="LowerBlocks"/>); leaves <c>x * 1</c> / <c>+ 0</c> to the simplifier.
/// </summary>
public sealed class FlattenBuffers : ILoweringPass
{
    public string Name => "FlattenBuffers";

    public PrimFunc Apply(PrimFunc func)
    {
        var rw = new Rewriter();
        var body = rw.VisitStmt(func.Body);
        Seq<(Var Param, Buffer Buffer)> map = func.BufferMap.Map(pb => (pb.Param, rw.VisitBuffer(pb.Buffer)));
        return ReferenceEquals(body, func.Body) && map.Equals(func.BufferMap) ? func : func with { Body = body, BufferMap = map };
    }

    private sealed class Rewriter : IrRewriter
    {
        private readonly Dictionary<Buffer, Buffer> _flat = [];

        private static bool IsFlat(Buffer b) => b.Rank == 1 && b.Strides.IsEmpty;

        public override Buffer VisitBuffer(Buffer b)
        {
            if (IsFlat(b)) return b;
            if (_flat.TryGetValue(b, out var f)) return f;
            f = new Buffer(b.Name, b.Dtype, [ConstantFolder.Fold(FlatSize(b))], Seq<Expr>.Empty, b.Scope);
            _flat[b] = f;
            return f;
        }

        public override Expr VisitBufferLoad(BufferLoad l)
        {
            if (IsFlat(l.Buffer)) return base.VisitBufferLoad(l);
            return new BufferLoad(VisitBuffer(l.Buffer), [FlatIndex(l.Buffer, VisitExprs(l.Indices))]);
        }

        public override Stmt VisitBufferStore(BufferStore s)
        {
            if (IsFlat(s.Buffer)) return base.VisitBufferStore(s);
            return new BufferStore(VisitBuffer(s.Buffer), VisitExpr(s.Value), [FlatIndex(s.Buffer, VisitExprs(s.Indices))]);
        }

        private static Expr FlatSize(Buffer b)
        {
            if (b.Rank == 0) return IntImm.I32(1);
            if (!b.Strides.IsEmpty) return IntOps.Mul(b.Strides[0], b.Shape[0]);
            Expr size = b.Shape[0];
            for (int i = 1; i < b.Rank; i++) size = IntOps.Mul(size, b.Shape[i]);
            return size;
        }

        private static Expr FlatIndex(Buffer b, Seq<Expr> idx)
        {
            if (idx.Count != b.Rank)
                throw new LoweringException($"buffer {b.Name} of rank {b.Rank} indexed with {idx.Count} indices");
            if (b.Rank == 0) return IntImm.I32(0);
            if (!b.Strides.IsEmpty)
            {
                Expr acc = IntOps.Mul(idx[0], b.Strides[0]);
                for (int i = 1; i < b.Rank; i++) acc = IntOps.Add(acc, IntOps.Mul(idx[i], b.Strides[i]));
                return acc;
            }
            // Horner form: ((i0 * s1 + i1) * s2 + i2) ...
            Expr h = idx[0];
            for (int i = 1; i < b.Rank; i++) h = IntOps.Add(IntOps.Mul(h, b.Shape[i]), idx[i]);
            return h;
        }
    }
}
