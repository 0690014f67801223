namespace Tuner.Ir.Script;

/// <summary>@T.prim_func definitions: signature, parameters, function-level statements, the implicit root block.</summary>
internal sealed partial class Parser
{
    private sealed class FuncFrame
    {
        public List<Var> Params { get; } = [];
        public List<(Var Param, Buffer Buffer)> BufferMap { get; } = [];
        public Attrs Attrs { get; set; } = Attrs.Empty;
        public bool ContainsBlock { get; set; }
    }

    private FuncFrame? _func;

    /// <summary>Parses 'def name(params): body' after its @T.prim_func decorator.</summary>
    private (string Name, PrimFunc Func) ParsePrimFunc(bool isPrivate)
    {
        var def = Peek();
        if (!def.IsName("def")) throw Err(def, $"expected 'def' after @T.prim_func but found {def.Describe()}");
        Next();
        var name = ExpectName();
        _func = new FuncFrame();
        _scopes.Clear();
        _blocks.Clear();
        _loopDoms.Clear();
        _blockDepth = 0;
        PushScope();
        _blocks.Add(new BlockFrame("root", def));
        Expect("(");
        while (!AtOp(")"))
        {
            ParseParam();
            if (!Accept(",")) break;
        }
        Expect(")");
        if (Accept("->"))
        {
            var rAt = Peek();
            if (ParseExpr() is not PyNone) throw Err(rAt, "a T.prim_func returns nothing ('-> None')");
        }
        var stmts = ParseSuite();
        var root = _blocks[0];
        Stmt body = MakeBody(stmts);
        // TVM's ScriptComplete: a body that contains blocks (or root-level buffers) is wrapped in the root block,
        // unless it already is a single block without iterators.
        bool hasRoot = root.Allocs.Count == 0 && body is BlockRealize { IterValues.Count: 0 };
        if ((_func.ContainsBlock || root.Allocs.Count > 0) && !hasRoot)
        {
            var rb = new Block("root", [], [], [], body, null, root.Allocs.ToSeq(), Attrs.Empty);
            body = new BlockRealize([], IntImm.True, rb);
        }
        // A global_symbol equal to the function's name is implied (TVM neither prints it nor needs it): drop it.
        var attrs = _func.Attrs;
        if (attrs["global_symbol"] is StringImm gs && gs.Value == name.Text) attrs = attrs.Remove("global_symbol");
        var f = new PrimFunc(_func.Params.ToSeq(), _func.BufferMap.ToSeq(), body, attrs, isPrivate);
        _func = null;
        PopScope();
        return (name.Text, f);
    }

    private void ParseParam()
    {
        var name = ExpectName();
        if (!Accept(":")) throw Err(Peek(), $"parameter '{name.Text}' needs a type annotation such as T.handle, T.int32 or T.Buffer(...)");
        var at = Peek();
        var ann = ParseExpr();
        switch (ann)
        {
            case PyType t:
                {
                    var v = new Var(name.Text, t.T);
                    _func!.Params.Add(v);
                    Define(name.Text, v, hideable: false);
                    break;
                }
            case PyCall { Name: "T.Buffer" } c:
                {
                    Arity(c.Name, c.Args, c.At, 1, 2, BufferKwargs);
                    var buf = MakeBuffer(name.Text, c.Args, 0);
                    var h = new Var(name.Text, DataType.Handle);
                    _func!.Params.Add(h);
                    _func.BufferMap.Add((h, buf));
                    Define(name.Text, buf, hideable: false);
                    break;
                }
            default:
                throw Err(at, $"unsupported annotation for parameter '{name.Text}'");
        }
    }
}
