namespace Tuner.Ir.Lowering;

/// <summary>
/// Turns each block's reduction init into a guarded statement at the start of its body (TVM's LowerInitBlock).
/// Before: <c>block { init { C[i,j] = 0 } C[i,j] += A[i,k]*B[k,j] }</c>.
/// After: <c>block { if (k == 0) { C[i,j] = 0 } C[i,j] += A[i,k]*B[k,j] }</c> — the condition is "every reduce
/// iter var at the minimum of its domain" (no reduce iter var: the init runs unconditionally).
/// </summary>
public sealed class LowerInitBlocks : ILoweringPass
{
    public string Name => "LowerInitBlocks";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        public override Stmt VisitBlock(Block b)
        {
            var visited = (Block)base.VisitBlock(b);
            if (visited.Init is null) return visited;
            Expr? cond = null;
            foreach (var iv in visited.IterVars)
            {
                if (iv.Kind != IterKind.Reduce) continue;
                Expr atMin = new Binary(BinOp.EQ, iv.Var, iv.Dom.Min);
                cond = cond is null ? atMin : new Binary(BinOp.And, cond, atMin);
            }
            Stmt init = cond is null ? visited.Init : new IfThenElse(cond, visited.Init, null);
            return visited with { Init = null, Body = SeqStmt.Flatten([init, visited.Body]) };
        }
    }
}
