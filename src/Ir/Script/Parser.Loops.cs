namespace Tuner.Ir.Script;

/// <summary>For loops (range, T.grid, T.serial/parallel/vectorized/unroll/thread_binding) and attribute dicts.</summary>
internal sealed partial class Parser
{
    private Stmt ParseFor()
    {
        Next(); // 'for'
        var names = new List<Token>();
        bool paren = Accept("(");
        do names.Add(ExpectName()); while (Accept(",") && Peek().Kind == TokKind.Name);
        if (paren) Expect(")");
        if (!Peek().IsName("in")) throw Err(Peek(), $"expected 'in' but found {Peek().Describe()}");
        Next();
        var itAt = Peek();
        var it = ParseExpr();
        if (it is not PyCall c) throw Err(itAt, "for loops iterate over range, T.grid, T.serial, T.parallel, T.vectorized, T.unroll or T.thread_binding");
        var loops = LoopSpecs(c);
        if (loops.Count != names.Count)
            throw Err(names[0], $"{c.Name} gives {loops.Count} loop variable(s) but {names.Count} name(s) are bound");
        PushScope();
        var vars = new List<Var>();
        for (int k = 0; k < names.Count; k++)
        {
            var lv = new Var(names[k].Text, loops[k].Extent.Dtype);
            vars.Add(lv);
            Define(lv.Name, lv, hideable: true);
            _loopDoms[lv] = (loops[k].Min, loops[k].Extent);
        }
        Stmt body = MakeBody(ParseSuite());
        PopScope();
        for (int k = loops.Count - 1; k >= 0; k--)
        {
            var l = loops[k];
            body = new For(vars[k], l.Min, l.Extent, l.Kind, body, l.Annotations, l.Thread);
        }
        return body;
    }

    private sealed record LoopSpec(Expr Min, Expr Extent, ForKind Kind, Attrs Annotations, string? Thread);

    private List<LoopSpec> LoopSpecs(PyCall c)
    {
        var a = c.Args;
        if (c.Name == "T.grid")
        {
            Arity(c.Name, a, c.At, 1, int.MaxValue);
            return a.Pos.Select(p => new LoopSpec(null!, AsExpr(p.V, p.At), ForKind.Serial, Attrs.Empty, null))
                .Select(s => s with { Min = new IntImm(s.Extent.Dtype, 0) }).ToList();
        }
        var kind = c.Name switch
        {
            "range" or "T.serial" => ForKind.Serial,
            "T.parallel" => ForKind.Parallel,
            "T.vectorized" => ForKind.Vectorized,
            "T.unroll" => ForKind.Unrolled,
            "T.thread_binding" => ForKind.ThreadBinding,
            _ => throw Err(c.At, $"{c.Name}(...) cannot be iterated over"),
        };
        if (c.Name == "range") Arity(c.Name, a, c.At, 1, 2);
        else Arity(c.Name, a, c.At, 1, 2, "annotations", "thread");
        Expr min, ext;
        if (a.Pos.Count == 1)
        {
            ext = ArgExpr(a, 0);
            min = new IntImm(ext.Dtype, 0);
        }
        else
        {
            var (start, stop) = ExprOps.MatchTypes(ArgExpr(a, 0), ArgExpr(a, 1), out var err);
            if (err is not null) throw Err(c.At, err);
            min = start;
            ext = ExprOps.Extent(start, stop);
        }
        if (!ext.Dtype.IsIntegral) throw Err(a.Pos[^1].At, $"loop extent must be an integer, got {ext.Dtype}");
        var ann = a.Kwarg("annotations") is { } an ? ToAttrs(an, a.KwargAt("annotations")!) : Attrs.Empty;
        string? thread = null;
        if (kind == ForKind.ThreadBinding)
        {
            thread = (a.Kwarg("thread") as PyStr)?.S ?? throw Err(c.At, "T.thread_binding needs thread=\"threadIdx.x\" (or similar)");
        }
        return [new LoopSpec(min, ext, kind, ann, thread)];
    }

    /// <summary>A dict literal of attributes: values are ints, floats, bools, strings or lists of them.</summary>
    private Attrs ToAttrs(PyValue v, Token at)
    {
        if (v is not PyDict d) throw Err(at, "expected a dict of attributes");
        var items = new List<KeyValuePair<string, Expr>>();
        foreach (var (k, val) in d.Items)
        {
            if (k is not PyStr ks) throw Err(at, "attribute keys must be strings");
            items.Add(new(ks.S, AttrValue(val, at)));
        }
        return Attrs.Of(items);
    }

    private Expr AttrValue(PyValue v, Token at) => v switch
    {
        PyStr s => new StringImm(s.S),
        PyExpr e => e.E,
        PySeq q => new Call(DataType.Handle, "list", q.Items.Select(x => AttrValue(x, at)).ToSeq()),
        // Nested dicts (e.g. inside T.target({...})) keep their items in order as key, value, key, value, ...
        PyDict d => new Call(DataType.Handle, "dict", d.Items.SelectMany(kv => new[] { AttrValue(kv.Key, at), AttrValue(kv.Value, at) }).ToSeq()),
        _ => throw Err(at, "unsupported attribute value"),
    };
}
