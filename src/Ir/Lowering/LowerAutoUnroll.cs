namespace Tuner.Ir.Lowering;

/// <summary>
/// Honours <c>pragma_auto_unroll_max_step = N</c> loop annotations (TVM's UnrollLoop with auto_max_depth 8):
/// inside such a loop, a serial loop of constant extent whose nest holds no non-unrolled loop and whose total
/// step count (extent × steps of its body, a store counting 1) is at most N becomes <see cref="ForKind.Unrolled"/>.
/// Vectorized loops count as one step and stay loops: gcc must vectorize them before any unrolling
/// (a fully unrolled innermost loop ended up scalar at 7 GFLOP/s, design §8). At most
/// <see cref="MaxVectorLoopCopies"/> copies of vectorized loops are unrolled: gcc 12 took over 60 s to compile
/// 256 unrolled copies of a 4-lane omp-simd loop (0.15 s for 64). Likewise at most <see cref="MaxUnrolledSteps"/>
/// steps are unrolled in one nest, whatever N: gcc spent 1.1–1.5 s on a 512-step scalar copy loop under
/// <c>#pragma GCC unroll 512</c> (0.2–0.4 s with 64), a quarter of all build time in a GMM-512 tuning run, while
/// TVM unrolls such loops itself and LLVM compiles them quickly.
/// Before: <c>@pragma_auto_unroll_max_step=16 for i0: for i1 in 4: for k in 4: C[..] += ..</c>;
/// after: the two inner loops unrolled (4·4·1 = 16 ≤ 16), i0 kept (its count exceeds 16).
/// </summary>
public sealed class LowerAutoUnroll : ILoweringPass
{
    public const string MaxStepKey = "pragma_auto_unroll_max_step";
    private const int MaxDepth = 8;
    public const int MaxVectorLoopCopies = 64;
    public const int MaxUnrolledSteps = 64;

    public string Name => "LowerAutoUnroll";

    public PrimFunc Apply(PrimFunc func) => PassUtil.WithBody(func, new Rewriter().VisitStmt(func.Body));

    private sealed class Rewriter : IrRewriter
    {
        private long _maxStep;
        private long _steps;
        private long _vectorLoops;
        private int _unrollDepth;
        private int _normalDepth;

        public override Stmt VisitBufferStore(BufferStore s) { _steps++; return s; }
        public override Stmt VisitEvaluate(Evaluate e) { _steps++; return e; }

        public override Stmt VisitSeqStmt(SeqStmt q)
        {
            var outs = new List<Stmt>();
            long steps = _steps, vectorLoops = _vectorLoops;
            int unroll = _unrollDepth, normal = _normalDepth;
            foreach (var s in q.Stmts)
            {
                (_steps, _vectorLoops, _unrollDepth, _normalDepth) = (0, 0, 0, 0);
                outs.Add(VisitStmt(s));
                steps += _steps;
                vectorLoops += _vectorLoops;
                unroll = Math.Max(unroll, _unrollDepth);
                normal = Math.Max(normal, _normalDepth);
            }
            (_steps, _vectorLoops, _unrollDepth, _normalDepth) = (steps, vectorLoops, unroll, normal);
            return outs.Zip(q.Stmts).All(p => ReferenceEquals(p.First, p.Second)) ? q : SeqStmt.Flatten(outs);
        }

        public override Stmt VisitFor(For f)
        {
            long savedMax = _maxStep;
            if (f.Annotations[MaxStepKey] is IntImm n) _maxStep = n.Value;
            var visited = (For)base.VisitFor(f);
            long maxStep = _maxStep; // the annotated loop is itself inside its annotation's scope
            _maxStep = savedMax;
            if (visited.Kind == ForKind.Vectorized) { _vectorLoops = 1; return visited; }
            long extent = visited.Extent is IntImm e ? e.Value : -1;
            bool unroll = visited.Kind == ForKind.Serial && extent >= 0 && _normalDepth == 0
                          && _unrollDepth <= MaxDepth && extent * Math.Max(_steps, 1) <= Math.Min(maxStep, MaxUnrolledSteps)
                          && extent * _vectorLoops <= MaxVectorLoopCopies;
            if (unroll || visited.Kind == ForKind.Unrolled)
            {
                _steps *= Math.Max(extent, 1);
                _vectorLoops *= Math.Max(extent, 1);
                _unrollDepth++;
                return unroll ? visited with { Kind = ForKind.Unrolled } : visited;
            }
            _normalDepth++;
            return visited;
        }
    }
}
