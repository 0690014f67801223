namespace Tuner.Ir.Schedule;

/// <summary>
/// The function being scheduled and the lookups that let references survive rewrites.
/// A block is referred to by its name (unique within a function; primitives that create blocks pick fresh names),
/// a loop by its loop <see cref="Var"/> (identity; a primitive that keeps a loop keeps its Var, one that replaces
/// it makes new Vars, which expires the old reference). Primitives are pure cores that read this state and
/// call <see cref="Replace"/>; the state itself only swaps immutable trees.
/// </summary>
public sealed class ScheduleState(PrimFunc func)
{
    public PrimFunc Func { get; private set; } = func;

    /// <summary>Every block realize, pre-order (the root first).</summary>
    public IReadOnlyList<BlockRealize> BlockRealizes()
    {
        var list = new List<BlockRealize>();
        NodeWalker.Walk(Func.Body, s => { if (s is BlockRealize br) list.Add(br); });
        return list;
    }

    public BlockRealize? TryFindBlock(string name) => BlockRealizes().FirstOrDefault(b => b.Block.Name == name);

    public BlockRealize FindBlock(string name, string primitive) =>
        TryFindBlock(name) ?? throw new ScheduleError(primitive, $"block '{name}' does not exist");

    public For? TryFindLoop(Var loopVar)
    {
        For? found = null;
        NodeWalker.Walk(Func.Body, s => { if (s is For f && ReferenceEquals(f.LoopVar, loopVar)) found = f; });
        return found;
    }

    public For FindLoop(Var loopVar, string primitive) =>
        TryFindLoop(loopVar) ?? throw new ScheduleError(primitive, $"loop '{loopVar.Name}' does not exist (it was removed by an earlier primitive)");

    /// <summary>The statements from the function body down to, but excluding, <paramref name="node"/> (by reference).</summary>
    public IReadOnlyList<Stmt> Ancestors(Stmt node)
    {
        var path = new List<Stmt>();
        if (!FindPath(Func.Body, node, path)) throw new InvalidOperationException("statement is not in the function");
        path.RemoveAt(path.Count - 1);
        return path;
    }

    /// <summary>The loops enclosing a block realize up to the nearest enclosing block, outermost first (TVM's GetLoops).</summary>
    public IReadOnlyList<For> LoopsAbove(Stmt node)
    {
        var loops = new List<For>();
        foreach (var a in Ancestors(node))
        {
            if (a is Block) loops.Clear();
            else if (a is For f) loops.Add(f);
        }
        return loops;
    }

    /// <summary>The nearest block enclosing a statement (the root block for top-level statements), or null.</summary>
    public Block? ParentBlock(Stmt node) => Ancestors(node).OfType<Block>().LastOrDefault();

    /// <summary>Replaces one statement (found by reference) by another and rebuilds the ancestors.</summary>
    public void Replace(Stmt oldStmt, Stmt newStmt)
    {
        if (ReferenceEquals(oldStmt, newStmt)) return;
        if (ReferenceEquals(Func.Body, oldStmt)) { Func = Func with { Body = newStmt }; return; }
        var replacer = new ReferenceReplacer(oldStmt, newStmt);
        var body = replacer.VisitStmt(Func.Body);
        if (!replacer.Done) throw new InvalidOperationException("statement to replace is not in the function");
        Func = Func with { Body = body };
    }

    /// <summary>Replaces the whole function (for primitives that rewrite several places at once).</summary>
    public void SetFunc(PrimFunc func) => Func = func;

    /// <summary>A block name not used yet: <paramref name="baseName"/>, else baseName_1, baseName_2, ...</summary>
    public string FreshBlockName(string baseName)
    {
        var used = BlockRealizes().Select(b => b.Block.Name).ToHashSet();
        if (!used.Contains(baseName)) return baseName;
        for (int i = 1; ; i++)
            if (!used.Contains($"{baseName}_{i}")) return $"{baseName}_{i}";
    }

    private static bool FindPath(Stmt cur, Stmt target, List<Stmt> path)
    {
        path.Add(cur);
        if (ReferenceEquals(cur, target)) return true;
        foreach (var child in Children(cur))
            if (FindPath(child, target, path)) return true;
        path.RemoveAt(path.Count - 1);
        return false;
    }

    /// <summary>Direct child statements in order (a BlockRealize's child is its Block; a Block's are init then body).</summary>
    public static IEnumerable<Stmt> Children(Stmt s) => s switch
    {
        For f => [f.Body],
        BlockRealize br => [br.Block],
        Block b => b.Init is null ? [b.Body] : [b.Init, b.Body],
        SeqStmt q => q.Stmts,
        IfThenElse i => i.Else is null ? [i.Then] : [i.Then, i.Else],
        LetStmt l => [l.Body],
        Allocate a => [a.Body],
        _ => [],
    };

    private sealed class ReferenceReplacer(Stmt oldStmt, Stmt newStmt) : IrRewriter
    {
        public bool Done { get; private set; }

        public override Stmt VisitStmt(Stmt s)
        {
            if (Done) return s;
            if (ReferenceEquals(s, oldStmt)) { Done = true; return newStmt; }
            return base.VisitStmt(s);
        }

        public override Expr VisitExpr(Expr e) => e;
    }
}
