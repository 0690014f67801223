namespace Tuner.Ir.Analysis;

/// <summary>
/// Well-formedness checks for a PrimFunc, run after every schedule primitive in tests. Checks: every var
/// is bound (param, loop var, block iter var, let var, symbolic shape var of a param buffer); every buffer
/// is a param buffer or allocated by an enclosing block/Allocate; access ranks match buffer ranks; block
/// iter values match the iter vars in number and use only variables from outside the block; a block body
/// reaches enclosing loop vars only through its iter vars (TVM rule); block names are unique; a store's
/// value has the buffer's dtype; binary operands share a dtype, as do a loop var and its bounds and an iter var
/// and its value. Bindings that are not quasi-affine are reported with the prefix "non-affine binding:" — a
/// warning the caller may filter.
/// </summary>
public static class Verifier
{
    /// <summary>The prefix of messages about non-affine block bindings.</summary>
    public const string NonAffinePrefix = "non-affine binding:";

    /// <summary>All problems found, in IR order; empty when the function is well formed.</summary>
    public static IReadOnlyList<string> Verify(PrimFunc f)
    {
        var v = new VerifyWalker();
        v.Run(f);
        return v.Errors;
    }

    /// <summary>Errors only: <see cref="Verify"/> without the non-affine binding warnings.</summary>
    public static IReadOnlyList<string> VerifyStrict(PrimFunc f) =>
        Verify(f).Where(m => !m.StartsWith(NonAffinePrefix, StringComparison.Ordinal)).ToList();
}

/// <summary>Scoped walk over a function keeping the defined variables, buffers and loop nesting.</summary>
internal sealed class VerifyWalker
{
    public List<string> Errors { get; } = new();
    private readonly HashSet<Var> _vars = new();
    private readonly HashSet<Buffer> _buffers = new();
    // Loop vars visible to the block realizes being visited: those since the nearest enclosing block.
    private Dictionary<Var, Range> _loops = new();
    // Loop vars of loops outside the current block: defined, but not usable inside it.
    private HashSet<Var> _hidden = new();
    private readonly HashSet<string> _blockNames = new();
    private string _where = "function";

    public void Run(PrimFunc f)
    {
        foreach (var p in f.Params) _vars.Add(p);
        foreach (var b in f.ParamBuffers)
        {
            _buffers.Add(b);
            // Symbolic shape vars (n = T.int64()) are defined by the first buffer that mentions them.
            foreach (var s in b.Shape.Concat(b.Strides))
                foreach (var v in ExprVars.Collect(s)) _vars.Add(v);
        }
        Stmt(f.Body);
    }

    private void Error(string msg) => Errors.Add($"{_where}: {msg}");

    private void Expr(Expr e)
    {
        switch (e)
        {
            case Var v:
                if (_hidden.Contains(v)) Error($"uses loop var '{v.Name}' of a loop outside the block directly (use a block iter var)");
                else if (!_vars.Contains(v)) Error($"variable '{v.Name}' is not bound");
                break;
            case Binary b:
                Expr(b.A);
                Expr(b.B);
                if (b.A.Dtype != b.B.Dtype) Error($"operands of {b.Op} have different dtypes {b.A.Dtype} and {b.B.Dtype}");
                break;
            case BufferLoad l:
                Access(l.Buffer, l.Indices, "load from");
                break;
            case Let l:
                Expr(l.Value);
                Define(l.Var, () => Expr(l.Body));
                break;
            default:
                new ChildVisitor(this).VisitExpr(e);
                break;
        }
    }

    /// <summary>Visits the children of nodes the verifier has no rule for, routing them back through Expr.</summary>
    private sealed class ChildVisitor(VerifyWalker w) : IrVisitor
    {
        private bool _top = true;
        public override void VisitExpr(Expr e)
        {
            if (_top) { _top = false; base.VisitExpr(e); }
            else w.Expr(e);
        }
    }

    private void Access(Buffer b, Seq<Expr> indices, string what)
    {
        if (!_buffers.Contains(b)) Error($"{what} buffer '{b.Name}' that is neither a parameter nor allocated in an enclosing scope");
        if (indices.Count != b.Rank) Error($"{what} '{b.Name}' with {indices.Count} indices, but its rank is {b.Rank}");
        foreach (var i in indices) Expr(i);
    }

    private void Define(Var v, Action body)
    {
        bool added = _vars.Add(v);
        if (!added) Error($"variable '{v.Name}' is defined again inside its own scope");
        try { body(); }
        finally { if (added) _vars.Remove(v); }
    }

    private void Allocated(IEnumerable<Buffer> bufs, Action body)
    {
        var added = new List<Buffer>();
        foreach (var b in bufs)
        {
            foreach (var s in b.Shape.Concat(b.Strides)) Expr(s);
            if (_buffers.Add(b)) added.Add(b);
        }
        try { body(); }
        finally { foreach (var b in added) _buffers.Remove(b); }
    }

    private void Stmt(Stmt s)
    {
        switch (s)
        {
            case BufferStore st:
                Access(st.Buffer, st.Indices, "store to");
                Expr(st.Value);
                int lanes = st.Indices.Count == 0 ? 1 : st.Indices[^1].Dtype.Lanes;
                if (st.Value.Dtype != st.Buffer.Dtype.WithLanes(lanes))
                    Error($"stores a {st.Value.Dtype} value into '{st.Buffer.Name}' of dtype {st.Buffer.Dtype}");
                break;
            case For f:
                Expr(f.Min);
                Expr(f.Extent);
                if (f.Min.Dtype != f.LoopVar.Type || f.Extent.Dtype != f.LoopVar.Type)
                    Error($"loop '{f.LoopVar.Name}' of type {f.LoopVar.Type} has min/extent of type {f.Min.Dtype}/{f.Extent.Dtype}");
                if (f.Kind == ForKind.ThreadBinding && string.IsNullOrEmpty(f.ThreadTag))
                    Error($"thread-binding loop '{f.LoopVar.Name}' has no thread tag");
                _loops[f.LoopVar] = new Range(f.Min, f.Extent);
                Define(f.LoopVar, () => Stmt(f.Body));
                _loops.Remove(f.LoopVar);
                break;
            case BlockRealize r:
                Realize(r);
                break;
            case Block b:
                Block(b);
                break;
            case SeqStmt q:
                foreach (var x in q.Stmts) Stmt(x);
                break;
            case IfThenElse i:
                Expr(i.Condition);
                Stmt(i.Then);
                if (i.Else is not null) Stmt(i.Else);
                break;
            case LetStmt l:
                Expr(l.Value);
                Define(l.Var, () => Stmt(l.Body));
                break;
            case Evaluate e:
                Expr(e.Value);
                break;
            case Allocate a:
                Allocated([a.Buffer], () => Stmt(a.Body));
                break;
        }
    }

    private void Realize(BlockRealize r)
    {
        var b = r.Block;
        var saved = _where;
        _where = $"block '{b.Name}'";
        if (r.IterValues.Count != b.IterVars.Count)
            Error($"has {b.IterVars.Count} iter vars but {r.IterValues.Count} iter values");
        var own = b.IterVars.Select(iv => iv.Var).ToHashSet();
        foreach (var v in r.IterValues)
        {
            if (ExprVars.Uses(v, own.Contains)) Error($"iter value {v} uses the block's own iter vars");
            else Expr(v);
        }
        Expr(r.Predicate);
        for (int k = 0; k < Math.Min(r.IterValues.Count, b.IterVars.Count); k++)
            if (r.IterValues[k].Dtype != b.IterVars[k].Var.Type)
                Error($"iter var '{b.IterVars[k].Var.Name}' of type {b.IterVars[k].Var.Type} is bound to a {r.IterValues[k].Dtype} value");
        if (r.IterValues.Count == b.IterVars.Count && b.IterVars.Count > 0)
        {
            var res = IterMapDetector.Detect(r.IterValues.Items, _loops);
            if (!res.IsAffine) Errors.Add($"{Verifier.NonAffinePrefix} block '{b.Name}': {res.Error}");
        }
        _where = saved;
        Block(b);
    }

    private void Block(Block b)
    {
        var saved = (_where, _loops, _hidden);
        _where = $"block '{b.Name}'";
        if (!_blockNames.Add(b.Name)) Error("block name is not unique");
        // Inside the block, loop vars of enclosing loops are off limits; new loops start a fresh nest.
        _hidden = new HashSet<Var>(_hidden.Concat(_loops.Keys));
        _loops = new Dictionary<Var, Range>();
        foreach (var iv in b.IterVars) { Expr(iv.Dom.Min); Expr(iv.Dom.Extent); }
        var ivs = new List<Var>();
        foreach (var iv in b.IterVars)
        {
            if (_vars.Add(iv.Var)) ivs.Add(iv.Var);
            else Error($"iter var '{iv.Var.Name}' is defined again inside its own scope");
        }
        Allocated(b.AllocBuffers, () =>
        {
            foreach (var reg in b.Reads.Concat(b.Writes))
            {
                if (!_buffers.Contains(reg.Buffer)) Error($"region of buffer '{reg.Buffer.Name}' that is neither a parameter nor allocated");
                if (reg.Region.Count != reg.Buffer.Rank) Error($"region of '{reg.Buffer.Name}' has {reg.Region.Count} dimensions, rank is {reg.Buffer.Rank}");
                foreach (var rg in reg.Region) { Expr(rg.Min); Expr(rg.Extent); }
            }
            if (b.Init is not null) Stmt(b.Init);
            Stmt(b.Body);
        });
        foreach (var v in ivs) _vars.Remove(v);
        (_where, _loops, _hidden) = saved;
    }
}
