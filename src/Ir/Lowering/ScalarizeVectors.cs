namespace Tuner.Ir.Lowering;

/// <summary>
/// Turns vector stores (Ramp indices, Broadcast values, vector-typed arithmetic — what TVMScript vector slices
/// parse to) into a vectorized loop over the lanes, so the C generator only ever sees scalars.
/// Before: <c>B[ramp(i*8, 1, 8)] = A[ramp(i*8, 1, 8)] * broadcast(2f, 8)</c>.
/// After: <c>for lane in T.vectorized(8): B[i*8 + lane] = A[i*8 + lane] * 2f</c>.
/// </summary>
public sealed class ScalarizeVectors : ILoweringPass
{
    public string Name => "ScalarizeVectors";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        public override Stmt VisitBufferStore(BufferStore s)
        {
            int lanes = Math.Max(s.Value.Dtype.Lanes, s.Indices.Count == 0 ? 1 : s.Indices[^1].Dtype.Lanes);
            if (lanes == 1) return s;
            var lane = new Var("lane", DataType.Int32);
            var lanesOf = new LaneRewriter(lane);
            var store = new BufferStore(s.Buffer, lanesOf.VisitExpr(s.Value), lanesOf.VisitExprs(s.Indices));
            return new For(lane, IntImm.I32(0), IntImm.I32(lanes), ForKind.Vectorized, store);
        }
    }

    /// <summary>The scalar expression of one lane.</summary>
    private sealed class LaneRewriter(Var lane) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e switch
        {
            Ramp r => IntOps.Add(VisitExpr(r.Base), IntOps.Mul(VisitExpr(r.Stride), IntOps.To(lane, r.Base.Dtype))),
            Broadcast b => VisitExpr(b.Value),
            Cast c when c.Type.Lanes > 1 => new Cast(c.Type.Element, VisitExpr(c.Value)),
            Call c when c.Type.Lanes > 1 => new Call(c.Type.Element, c.Op, VisitExprs(c.Args)),
            Var v when v.Dtype.Lanes > 1 => throw new LoweringException($"vector variable {v.Name} cannot be scalarized"),
            _ => base.VisitExpr(e),
        };
    }
}
