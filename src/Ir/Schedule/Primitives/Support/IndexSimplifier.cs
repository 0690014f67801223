using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>
/// Keeps block iter bindings and predicates canonical after Split/Fuse (TVM's IterMapSimplifyBlockBinding): every
/// iter value and predicate of the block realizes in a subtree goes through <see cref="Analyzer.Simplify"/> with the
/// ranges of the loops of the function bound.
/// </summary>
internal sealed class IndexSimplifier
{
    private readonly Analyzer _analyzer = new();

    public IndexSimplifier(IReadOnlyDictionary<Var, (long Min, long Max)> ranges)
    {
        foreach (var (v, (min, max)) in ranges) _analyzer.Bind(v, min, max - min + 1);
    }

    /// <summary>Ranges of every loop with constant min and extent in <paramref name="body"/>.</summary>
    public static IndexSimplifier ForLoopsIn(Stmt body)
    {
        var ranges = new Dictionary<Var, (long, long)>();
        NodeWalker.Walk(body, s =>
        {
            if (s is For { Min: IntImm m, Extent: IntImm e } f && e.Value > 0) ranges[f.LoopVar] = (m.Value, m.Value + e.Value - 1);
        });
        return new IndexSimplifier(ranges);
    }

    public Expr Simplify(Expr e)
    {
        var s = _analyzer.Simplify(e);
        return s.Equals(e) ? e : s;
    }

    /// <summary>Simplifies the iter values and predicates of every block realize under <paramref name="s"/>.</summary>
    public Stmt SimplifyBindings(Stmt s) => new BindingRewriter(this).VisitStmt(s);

    private sealed class BindingRewriter(IndexSimplifier simplifier) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e;

        public override Stmt VisitBlockRealize(BlockRealize r)
        {
            var vals = r.IterValues.Map(simplifier.Simplify);
            var pred = simplifier.Simplify(r.Predicate);
            var block = (Block)VisitStmt(r.Block);
            return vals == r.IterValues && ReferenceEquals(pred, r.Predicate) && ReferenceEquals(block, r.Block)
                ? r : new BlockRealize(vals, pred, block);
        }
    }
}
