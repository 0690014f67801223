using Tuner.Ir.Relax;

namespace Tuner.Ir.Script;

/// <summary>
/// @R.function definitions: decorator, signature with struct info, R.func_attr, dataflow blocks with R.output,
/// bindings and return. Expressions are read as RxNodes, then given meaning by Parser.RelaxExpr.
/// </summary>
internal sealed partial class Parser
{
    private sealed class RelaxFrame
    {
        public Dictionary<string, RVar> Vars { get; } = [];
        public Dictionary<string, Var> Sym { get; } = [];
        public string? ClsAlias { get; set; }
    }

    private RelaxFrame? _rx;
    /// <summary>Return struct info of the module's Relax functions, read before their bodies so calls can refer forward.</summary>
    private readonly Dictionary<string, StructInfo> _rxRets = [];
    /// <summary>call_tir callees and their tokens, checked against the module's PrimFuncs at the end of the class.</summary>
    private readonly List<(string Name, Token At)> _tirRefs = [];
    private string _className = "Module";

    private static bool IsRelaxDecorator(string path) => path is "R.function" or "relax.function" or "tvm.script.relax.function";

    /// <summary>Reads '@R.function[(private=True)]' and 'def name(params) -> ret:' only; the body is left unread.</summary>
    private (string Name, bool Private, List<RVar> Params, StructInfo Ret) ParseRelaxHeader()
    {
        var at = Expect("@");
        while (!AtOp("(") && Peek().Kind != TokKind.Newline) Next();
        bool isPrivate = false;
        if (Accept("("))
        {
            while (!AtOp(")"))
            {
                var k = ExpectName();
                Expect("=");
                var v = RxExpr();
                if (k.Text == "private") isPrivate = v is RxLit { Value: true };
                else if (k.Text != "pure") throw Err(k, $"R.function got an unexpected keyword argument '{k.Text}'");
                if (!Accept(",")) break;
            }
            Expect(")");
        }
        ExpectNewline();
        var def = Peek();
        if (!def.IsName("def")) throw Err(def, $"expected 'def' after @R.function but found {def.Describe()}");
        Next();
        var name = ExpectName();
        _rx = new RelaxFrame();
        Expect("(");
        var ps = new List<RVar>();
        while (!AtOp(")"))
        {
            var pn = ExpectName();
            if (_rx.Vars.ContainsKey(pn.Text)) throw Err(pn, $"duplicate parameter '{pn.Text}'");
            Expect(":");
            var v = new RVar(pn.Text, ToSinfo(RxExpr(), defineSym: true));
            _rx.Vars[pn.Text] = v;
            ps.Add(v);
            if (!Accept(",")) break;
        }
        Expect(")");
        StructInfo ret = new ObjectStructInfo();
        if (Accept("->")) ret = ToSinfo(RxExpr(), defineSym: true);
        Expect(":");
        _ = at;
        return (name.Text, isPrivate, ps, ret);
    }

    private RelaxFuncEntry ParseRelaxFunction()
    {
        var (name, isPrivate, ps, ret) = ParseRelaxHeader();
        ExpectNewline();
        ExpectKind(TokKind.Indent, "an indented function body");
        var blocks = new List<BindingBlock>();
        var plain = new List<Binding>();
        var attrs = Attrs.Empty;
        RExpr? body = null;
        while (Peek().Kind is not (TokKind.Dedent or TokKind.Eof))
        {
            var t = Peek();
            if (body is not null) throw Err(t, "statements after 'return' are not allowed");
            if (t.IsName("with"))
            {
                if (plain.Count > 0) { blocks.Add(new BindingBlock(plain.ToSeq(), false)); plain = []; }
                blocks.Add(ParseDataflowBlock());
            }
            else if (t.IsName("return"))
            {
                Next();
                body = ToExpr(RxExpr());
                ExpectNewline();
            }
            else if (ParseRelaxStatement(false) is { } b) plain.Add(b);
            else if (_pendingFuncAttr is { } fa) { attrs = fa; _pendingFuncAttr = null; }
        }
        if (Peek().Kind == TokKind.Dedent) Next();
        if (plain.Count > 0) blocks.Add(new BindingBlock(plain.ToSeq(), false));
        if (body is null) throw Err(Peek(), $"R.function '{name}' has no return statement");
        _rx = null;
        return new RelaxFuncEntry(name, new RelaxFunction(ps.ToSeq(), blocks.ToSeq(), body, ret, attrs, isPrivate));
    }

    private Attrs? _pendingFuncAttr;

    /// <summary>
    /// One statement of a function or dataflow body: a binding (returned), or 'cls = Module', 'n = T.int64()',
    /// R.func_attr (kept in _pendingFuncAttr) — those return null. R.output is handled by the dataflow block.
    /// </summary>
    private Binding? ParseRelaxStatement(bool inDataflow)
    {
        var t = Peek();
        if (t.Kind == TokKind.Name && (Peek(1).Is("=") || Peek(1).Is(":")))
        {
            var name = Next();
            StructInfo? annot = null;
            if (Accept(":")) annot = ToSinfo(RxExpr(), defineSym: false);
            Expect("=");
            var rhs = RxExpr();
            ExpectNewline();
            if (rhs is RxName { Name: var cn } && cn == _className && annot is null) { _rx!.ClsAlias = name.Text; return null; }
            if (rhs is RxCall { Func: RxName { Name: "T.int64" or "T.int32" } } sc)
            {
                if (!_rx!.Sym.ContainsKey(name.Text))
                    _rx.Sym[name.Text] = new Var(name.Text, sc.Func is RxName { Name: "T.int32" } ? DataType.Int32 : DataType.Int64);
                return null;
            }
            var value = ToExpr(rhs);
            var v = new RVar(name.Text, annot ?? value.Sinfo, inDataflow);
            _rx!.Vars[name.Text] = v;
            return new Binding(v, value, name.Line, rhs.At.Col);
        }
        var e = RxExpr();
        ExpectNewline();
        if (e is RxCall { Func: RxName { Name: "R.func_attr" } } fa)
        {
            if (fa.Args.Count != 1 || fa.Args[0] is not RxDict d) throw Err(fa.At, "R.func_attr takes one dict");
            _pendingFuncAttr = Attrs.Of(d.Items.Select(kv => new KeyValuePair<string, Expr>(
                kv.Key is RxLit { Value: string s } ? s : throw Err(kv.Key.At, "attribute names must be strings"), AttrValue(kv.Value))));
            return null;
        }
        throw Err(t, "expected a binding 'name = expression', R.func_attr, 'with R.dataflow():' or 'return'");
    }

    private Expr AttrValue(RxNode n) => n switch
    {
        RxLit { Value: bool b } => IntImm.Bool(b),
        RxLit { Value: long l } => new IntImm(DataType.Int64, l),
        RxLit { Value: double d } => new FloatImm(DataType.Float64, d),
        RxLit { Value: string s } => new StringImm(s),
        _ => throw Err(n.At, "function attribute values must be literals"),
    };

    /// <summary>'with R.dataflow():' then bindings and a final R.output(...) naming the vars visible after the block.</summary>
    private BindingBlock ParseDataflowBlock()
    {
        var w = Next();
        var head = RxExpr();
        if (head is not RxCall { Func: RxName { Name: "R.dataflow" } }) throw Err(head.At, "only 'with R.dataflow():' is supported in a Relax function");
        Expect(":");
        ExpectNewline();
        ExpectKind(TokKind.Indent, "an indented dataflow block");
        var bindings = new List<Binding>();
        List<RxNode>? outputs = null;
        while (Peek().Kind is not (TokKind.Dedent or TokKind.Eof))
        {
            var t = Peek();
            if (outputs is not null) throw Err(t, "R.output must be the last statement of a dataflow block");
            if (t.IsName("R") && Peek(1).Is(".") && Peek(2).IsName("output"))
            {
                var call = RxExpr();
                ExpectNewline();
                outputs = ((RxCall)call).Args;
                continue;
            }
            if (ParseRelaxStatement(true) is { } b) bindings.Add(b);
        }
        if (Peek().Kind == TokKind.Dedent) Next();
        if (outputs is null) throw Err(w, "a dataflow block must end with R.output(...)");
        // The outputs become ordinary vars: rebuild them and every use inside the block.
        var map = new Dictionary<RVar, RVar>();
        foreach (var o in outputs)
        {
            if (o is not RxName n || !_rx!.Vars.TryGetValue(n.Name, out var v) || !bindings.Any(b => ReferenceEquals(b.Var, v)))
                throw Err(o.At, "R.output takes variables bound in this dataflow block");
            var nv = v with { IsDataflow = false };
            map[v] = nv;
            _rx.Vars[n.Name] = nv;
        }
        var sub = new RelaxVarSubstituter(map);
        var rebuilt = bindings.Select(b => new Binding(map.GetValueOrDefault(b.Var, b.Var), sub.Visit(b.Value), b.Line, b.Col)).ToSeq();
        // Dataflow vars are not visible after the block.
        foreach (var b in bindings)
            if (b.Var.IsDataflow && !map.ContainsKey(b.Var) && _rx!.Vars.TryGetValue(b.Var.Name, out var cur) && ReferenceEquals(cur, b.Var))
                _rx.Vars.Remove(b.Var.Name);
        return new BindingBlock(rebuilt, true);
    }
}
