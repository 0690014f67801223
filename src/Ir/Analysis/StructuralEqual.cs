namespace Tuner.Ir.Analysis;

/// <summary>
/// Structural equality (TVM's StructuralEqual) over Expr, Stmt, PrimFunc and IRModule: equal up to a
/// consistent renaming of bound variables (params, loop vars, block iter vars, let vars, symbolic shape vars
/// first met in a buffer definition) and bound buffers (param buffers, alloc_buffers, Allocate).
/// Names of definitions are ignored; everything else counts. A free variable only equals itself.
/// A buffer referenced without a definition is compared by structure and then mapped, as TVM does.
/// <see cref="StructuralHash"/> agrees with it: equal nodes hash the same.
/// </summary>
public static class StructuralEqual
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same IR up to renaming of definitions.</summary>
    public static bool Equal(object? a, object? b) => new EqualChecker().Node(a, b);
}

/// <summary>
/// Walks two trees side by side keeping a bijection between definitions. A redefinition of the same
/// variable (a sibling loop reusing a Var) replaces the old pairing, which is lexical scoping for IR in
/// which a variable is not redefined inside its own scope.
/// </summary>
internal sealed class EqualChecker
{
    private readonly Dictionary<Var, Var> _fwd = new(), _bwd = new();
    private readonly Dictionary<Buffer, Buffer> _bfwd = new(), _bbwd = new();
    // While comparing a buffer's shape and strides, unmapped variables are definitions (symbolic shapes).
    private bool _defMode;

    public bool Node(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (Expr x, Expr y) => Expr(x, y),
        (Stmt x, Stmt y) => Stmt(x, y),
        (PrimFunc x, PrimFunc y) => Func(x, y),
        (IRModule x, IRModule y) => Module(x, y),
        (Buffer x, Buffer y) => BufferUse(x, y),
        (Range x, Range y) => Range(x, y),
        (BufferRegion x, BufferRegion y) => Region(x, y),
        (Attrs x, Attrs y) => Attrs(x, y),
        _ => Equals(a, b),
    };

    private void DefVar(Var a, Var b)
    {
        if (_fwd.Remove(a, out var oldB)) _bwd.Remove(oldB);
        if (_bwd.Remove(b, out var oldA)) _fwd.Remove(oldA);
        _fwd[a] = b;
        _bwd[b] = a;
    }

    private bool DefVarChecked(Var a, Var b)
    {
        if (a.Type != b.Type) return false;
        DefVar(a, b);
        return true;
    }

    private bool VarUse(Var a, Var b)
    {
        if (_fwd.TryGetValue(a, out var m)) return ReferenceEquals(m, b);
        if (_bwd.ContainsKey(b)) return false;
        if (_defMode) return DefVarChecked(a, b);
        return ReferenceEquals(a, b);
    }

    private bool BufferDef(Buffer a, Buffer b)
    {
        if (a.Dtype != b.Dtype || a.Scope != b.Scope) return false;
        bool saved = _defMode;
        _defMode = true;
        bool ok = Exprs(a.Shape, b.Shape) && Exprs(a.Strides, b.Strides);
        _defMode = saved;
        if (!ok) return false;
        if (_bfwd.Remove(a, out var oldB)) _bbwd.Remove(oldB);
        if (_bbwd.Remove(b, out var oldA)) _bfwd.Remove(oldA);
        _bfwd[a] = b;
        _bbwd[b] = a;
        return true;
    }

    private bool BufferUse(Buffer a, Buffer b)
    {
        if (_bfwd.TryGetValue(a, out var m)) return ReferenceEquals(m, b);
        if (_bbwd.ContainsKey(b)) return false;
        return BufferDef(a, b);
    }

    private bool Exprs(Seq<Expr> a, Seq<Expr> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!Expr(a[i], b[i])) return false;
        return true;
    }

    public bool Expr(Expr a, Expr b) => (a, b) switch
    {
        (Var x, Var y) => VarUse(x, y),
        (IntImm x, IntImm y) => x.Type == y.Type && x.Value == y.Value,
        (FloatImm x, FloatImm y) => x.Type == y.Type && BitConverter.DoubleToInt64Bits(x.Value) == BitConverter.DoubleToInt64Bits(y.Value),
        (StringImm x, StringImm y) => x.Value == y.Value,
        (Cast x, Cast y) => x.Type == y.Type && Expr(x.Value, y.Value),
        (Binary x, Binary y) => x.Op == y.Op && Expr(x.A, y.A) && Expr(x.B, y.B),
        (Not x, Not y) => Expr(x.Value, y.Value),
        (Select x, Select y) => Expr(x.Condition, y.Condition) && Expr(x.TrueValue, y.TrueValue) && Expr(x.FalseValue, y.FalseValue),
        (BufferLoad x, BufferLoad y) => BufferUse(x.Buffer, y.Buffer) && Exprs(x.Indices, y.Indices),
        (Call x, Call y) => x.Type == y.Type && x.Op == y.Op && Exprs(x.Args, y.Args),
        (Ramp x, Ramp y) => x.Lanes == y.Lanes && Expr(x.Base, y.Base) && Expr(x.Stride, y.Stride),
        (Broadcast x, Broadcast y) => x.Lanes == y.Lanes && Expr(x.Value, y.Value),
        (Let x, Let y) => Expr(x.Value, y.Value) && DefVarChecked(x.Var, y.Var) && Expr(x.Body, y.Body),
        _ => false,
    };

    private bool Range(Range a, Range b) => Expr(a.Min, b.Min) && Expr(a.Extent, b.Extent);

    private bool Region(BufferRegion a, BufferRegion b)
    {
        if (!BufferUse(a.Buffer, b.Buffer) || a.Region.Count != b.Region.Count) return false;
        for (int i = 0; i < a.Region.Count; i++)
            if (!Range(a.Region[i], b.Region[i])) return false;
        return true;
    }

    private bool Regions(Seq<BufferRegion> a, Seq<BufferRegion> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!Region(a[i], b[i])) return false;
        return true;
    }

    public bool Attrs(Attrs a, Attrs b)
    {
        if (a.Count != b.Count) return false;
        using var ea = a.GetEnumerator();
        using var eb = b.GetEnumerator();
        while (ea.MoveNext() && eb.MoveNext())
            if (ea.Current.Key != eb.Current.Key || !Expr(ea.Current.Value, eb.Current.Value)) return false;
        return true;
    }

    private bool OptStmt(Stmt? a, Stmt? b) => a is null ? b is null : b is not null && Stmt(a, b);

    public bool Stmt(Stmt a, Stmt b)
    {
        switch (a, b)
        {
            case (BufferStore x, BufferStore y):
                return BufferUse(x.Buffer, y.Buffer) && Expr(x.Value, y.Value) && Exprs(x.Indices, y.Indices);
            case (For x, For y):
                return x.Kind == y.Kind && x.ThreadTag == y.ThreadTag && Expr(x.Min, y.Min) && Expr(x.Extent, y.Extent)
                       && Attrs(x.Annotations, y.Annotations) && DefVarChecked(x.LoopVar, y.LoopVar) && Stmt(x.Body, y.Body);
            case (BlockRealize x, BlockRealize y):
                return Exprs(x.IterValues, y.IterValues) && Expr(x.Predicate, y.Predicate) && Stmt(x.Block, y.Block);
            case (Block x, Block y):
                return Block(x, y);
            case (SeqStmt x, SeqStmt y):
                if (x.Stmts.Count != y.Stmts.Count) return false;
                for (int i = 0; i < x.Stmts.Count; i++)
                    if (!Stmt(x.Stmts[i], y.Stmts[i])) return false;
                return true;
            case (IfThenElse x, IfThenElse y):
                return Expr(x.Condition, y.Condition) && Stmt(x.Then, y.Then) && OptStmt(x.Else, y.Else);
            case (LetStmt x, LetStmt y):
                return Expr(x.Value, y.Value) && DefVarChecked(x.Var, y.Var) && Stmt(x.Body, y.Body);
            case (Evaluate x, Evaluate y):
                return Expr(x.Value, y.Value);
            case (Allocate x, Allocate y):
                return BufferDef(x.Buffer, y.Buffer) && Stmt(x.Body, y.Body);
            default:
                return false;
        }
    }

    private bool Block(Block x, Block y)
    {
        if (x.Name != y.Name || x.IterVars.Count != y.IterVars.Count || x.AllocBuffers.Count != y.AllocBuffers.Count)
            return false;
        for (int i = 0; i < x.IterVars.Count; i++)
        {
            IterVar p = x.IterVars[i], q = y.IterVars[i];
            if (p.Kind != q.Kind || !Range(p.Dom, q.Dom) || !DefVarChecked(p.Var, q.Var)) return false;
        }
        for (int i = 0; i < x.AllocBuffers.Count; i++)
            if (!BufferDef(x.AllocBuffers[i], y.AllocBuffers[i])) return false;
        return Regions(x.Reads, y.Reads) && Regions(x.Writes, y.Writes) && OptStmt(x.Init, y.Init)
               && Stmt(x.Body, y.Body) && Attrs(x.Annotations, y.Annotations);
    }

    public bool Func(PrimFunc a, PrimFunc b)
    {
        if (a.Params.Count != b.Params.Count) return false;
        for (int i = 0; i < a.Params.Count; i++)
            if (!DefVarChecked(a.Params[i], b.Params[i])) return false;
        for (int i = 0; i < a.Params.Count; i++)
        {
            Buffer? x = a.BufferOf(a.Params[i]), y = b.BufferOf(b.Params[i]);
            if (x is null != y is null) return false;
            if (x is not null && !BufferDef(x, y!)) return false;
        }
        return Attrs(a.Attrs, b.Attrs) && Stmt(a.Body, b.Body);
    }

    private static bool Module(IRModule a, IRModule b)
    {
        if (a.Functions.Count != b.Functions.Count || !a.Extra.Equals(b.Extra)) return false;
        var byName = new Dictionary<string, ModuleFunc>();
        foreach (var f in b.Functions) byName[f.Name] = f;
        foreach (var f in a.Functions)
        {
            if (!byName.TryGetValue(f.Name, out var g)) return false;
            bool same = (f, g) switch
            {
                (PrimFuncEntry x, PrimFuncEntry y) => new EqualChecker().Func(x.Func, y.Func),
                (OpaqueEntry x, OpaqueEntry y) => x.Text == y.Text,
                (Relax.RelaxFuncEntry x, Relax.RelaxFuncEntry y) => Script.TvmScript.Print(x) == Script.TvmScript.Print(y),
                _ => false,
            };
            if (!same) return false;
        }
        return true;
    }
}
