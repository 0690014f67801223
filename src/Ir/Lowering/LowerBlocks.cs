namespace Tuner.Ir.Lowering;

/// <summary>
/// Removes block structure (TVM's ConvertBlocksToOpaque + LowerOpaqueBlock): each BlockRealize becomes its body
/// with the iter vars replaced by their bound values, wrapped in <c>if (predicate)</c> when the predicate is not
/// the constant true, and in one <see cref="Allocate"/> per alloc_buffer at the block's position.
/// Reads/writes/annotations are dropped. Requires init blocks lowered first (<see cref="LowerInitBlocks"/>).
/// </summary>
public sealed class LowerBlocks : ILoweringPass
{
    public string Name => "LowerBlocks";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        public override Stmt VisitBlockRealize(BlockRealize r)
        {
            var block = r.Block;
            if (block.Init is not null)
                throw new LoweringException($"block '{block.Name}' still has an init; run LowerInitBlocks first");
            var map = new Dictionary<Var, Expr>();
            for (int i = 0; i < block.IterVars.Count; i++)
                map[block.IterVars[i].Var] = VisitExpr(r.IterValues[i]);
            Stmt body = Substituter.Apply(VisitStmt(block.Body), map);
            var pred = VisitExpr(r.Predicate);
            if (!(pred is IntImm { Value: 1 }))
                body = new IfThenElse(Substituter.Apply(pred, map), body, null);
            for (int i = block.AllocBuffers.Count - 1; i >= 0; i--)
                body = new Allocate(block.AllocBuffers[i], body);
            return body;
        }

        public override Stmt VisitBlock(Block b) =>
            throw new LoweringException($"block '{b.Name}' outside a BlockRealize");
    }
}
