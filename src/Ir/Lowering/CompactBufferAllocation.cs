namespace Tuner.Ir.Lowering;

/// <summary>
/// Shrinks each block-allocated buffer to the region its accesses touch and moves its allocation into the deepest
/// loop enclosing every access (TVM's CompactBufferAllocation + PlanAndUpdateBufferAllocationLocation).
/// Before: <c>root alloc C_global[1024, 1024]; for i0 (parallel): for j0: ... C_global[i0*8 + i1, j0*64 + j1] ...</c>.
/// After: <c>for i0: for j0: allocate C_global[8, 64] { ... C_global[i1, j1] ... }</c> — small enough for the
/// stack (and registers), and private to each thread of a parallel loop.
/// Safety: the allocation never moves inside a loop bound to a non-spatial (reduce, ordered, opaque) iter var of a block touching the buffer
/// (values flow across its iterations); per dimension, the region must be "same symbolic offset + constant
/// window" for every access (affine in the loops inside, constant loop bounds), otherwise that dimension stays whole.
/// Requires init blocks lowered (<see cref="LowerInitBlocks"/>); runs on block IR.
/// </summary>
public sealed class CompactBufferAllocation : ILoweringPass
{
    public string Name => "CompactBufferAllocation";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        public override Stmt VisitBlock(Block b)
        {
            var visited = (Block)base.VisitBlock(b);
            if (visited.AllocBuffers.IsEmpty) return visited;
            var body = visited.Body;
            var keep = new List<Buffer>();
            foreach (var buf in visited.AllocBuffers)
            {
                var plan = RegionPlanner.Plan(buf, body);
                if (plan is null) { keep.Add(buf); continue; }
                body = new AccessRewriter(buf, plan).VisitStmt(body);
                if (plan.Loop is null) keep.Add(plan.NewBuffer);
            }
            return visited with { Body = body, AllocBuffers = keep.ToSeq() };
        }
    }

    /// <summary>The compacted buffer, the offset subtracted from each index, and the loop whose body allocates it.</summary>
    internal sealed record Plan(Buffer NewBuffer, Expr[] Offsets, For? Loop);

    private sealed class AccessRewriter(Buffer old, Plan plan) : IrRewriter
    {
        private Seq<Expr> Shift(Seq<Expr> idx) => idx.Count != plan.Offsets.Length ? idx
            : idx.Select((e, d) => E.IsConst(plan.Offsets[d], 0) ? e : IntOps.Bin(BinOp.Sub, e, plan.Offsets[d])).ToSeq();

        public override Expr VisitBufferLoad(BufferLoad l)
        {
            var v = (BufferLoad)base.VisitBufferLoad(l);
            return ReferenceEquals(l.Buffer, old) ? new BufferLoad(plan.NewBuffer, Shift(v.Indices)) : v;
        }

        public override Stmt VisitBufferStore(BufferStore s)
        {
            var v = (BufferStore)base.VisitBufferStore(s);
            return ReferenceEquals(s.Buffer, old) ? new BufferStore(plan.NewBuffer, v.Value, Shift(v.Indices)) : v;
        }

        public override Stmt VisitFor(For f)
        {
            var v = (For)base.VisitFor(f);
            return ReferenceEquals(f, plan.Loop) ? v with { Body = new Allocate(plan.NewBuffer, v.Body) } : v;
        }
    }
}
