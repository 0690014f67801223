namespace Tuner.Ir.Lowering;

/// <summary>
/// Makes loop kinds expressible in C: one OpenMP parallel region per loop nest (a parallel loop inside another
/// parallel loop becomes serial — nested teams only oversubscribe the cores), a vectorized loop must be
/// innermost with a constant extent (<c>#pragma omp simd</c> may not enclose other loops we emit; otherwise it becomes
/// serial and its inner loops keep their kinds), and thread bindings are refused (GPU only).
/// Before: <c>parallel i: parallel j: vectorized k(n)</c>; after: <c>parallel i: serial j: serial k(n)</c>.
/// </summary>
public sealed class LegalizeLoopKinds : ILoweringPass
{
    public string Name => "LegalizeLoopKinds";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        private int _parallelDepth;

        public override Stmt VisitFor(For f)
        {
            if (f.Kind == ForKind.ThreadBinding)
                throw new LoweringException($"loop {f.LoopVar.Name} is bound to {f.ThreadTag}; the C target has no GPU threads");
            bool parallel = f.Kind == ForKind.Parallel;
            if (parallel) _parallelDepth++;
            var v = (For)base.VisitFor(f);
            if (parallel) _parallelDepth--;
            if (parallel && _parallelDepth > 0) return v with { Kind = ForKind.Serial };
            if (v.Kind == ForKind.Vectorized && (v.Extent is not IntImm || ContainsLoop(v.Body)))
                return v with { Kind = ForKind.Serial };
            return v;
        }

        private static bool ContainsLoop(Stmt s)
        {
            bool found = false;
            NodeWalker.Walk(s, onStmt: x => found |= x is For);
            return found;
        }
    }
}
