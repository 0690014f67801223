namespace Tuner.Ir.Script;

/// <summary>Files and modules: header comments and imports, @I.ir_module classes, decorators, verbatim non-TIR text.</summary>
internal sealed partial class Parser
{
    public IRModule ParseFile()
    {
        SkipNewlines();
        if (Peek().Kind == TokKind.Eof)
            throw _src.Error(1, 1, "empty file: expected an '@I.ir_module' class or a '@T.prim_func' function");
        IRModule? module = null;
        var funcs = new List<ModuleFunc>();
        while (Peek().Kind != TokKind.Eof)
        {
            var t = Peek();
            if (t.IsName("import") || t.IsName("from")) { SkipLine(); }
            else if (t.Is("@"))
            {
                var (path, args, at) = ParseDecorator();
                if (path is "I.ir_module" or "tvm.script.ir_module" or "ir_module")
                {
                    if (module is not null || funcs.Count > 0) throw Err(at, "only one @I.ir_module per file is supported");
                    module = ParseClass();
                }
                else if (IsPrimFuncDecorator(path))
                {
                    var (name, f) = ParsePrimFunc(IsPrivate(args));
                    if (module is not null) throw Err(at, "a standalone @T.prim_func cannot follow an @I.ir_module");
                    funcs.Add(new PrimFuncEntry(name, f));
                }
                else throw NotTvmScript(at);
            }
            else throw NotTvmScript(t);
            SkipNewlines();
        }
        if (module is not null) return module;
        if (funcs.Count == 0) throw _src.Error(1, 1, "no '@I.ir_module' class or '@T.prim_func' function found");
        return new IRModule(funcs.ToSeq());
    }

    private TvmScriptException NotTvmScript(Token t) =>
        Err(t, $"not TVMScript: expected '@I.ir_module' or '@T.prim_func' but found {t.Describe()}");

    private static bool IsPrimFuncDecorator(string path) => path is "T.prim_func" or "tvm.script.tir.prim_func" or "prim_func";

    private bool IsPrivate(Args? args)
    {
        if (args is null) return false;
        foreach (var (k, v, at) in args.Kw)
        {
            if (k != "private" && k != "check_well_formed") throw Err(at, $"T.prim_func got an unexpected keyword argument '{k}'");
            if (k == "private") return v is PyExpr { E: IntImm { Value: not 0 } };
        }
        if (args.Pos.Count > 0) throw Err(args.Pos[0].At, "T.prim_func takes keyword arguments only");
        return false;
    }

    private void SkipNewlines()
    {
        while (Peek().Kind == TokKind.Newline) Next();
    }

    private void SkipLine()
    {
        while (Peek().Kind is not (TokKind.Newline or TokKind.Eof)) Next();
        if (Peek().Kind == TokKind.Newline) Next();
    }

    /// <summary>'@' dotted.name [ '(' args ')' ] NEWLINE. Arguments of non-T decorators are skipped unevaluated.</summary>
    private (string Path, Args? Args, Token At) ParseDecorator()
    {
        var at = Expect("@");
        var path = ExpectName().Text;
        while (Accept(".")) path += "." + ExpectName().Text;
        Args? args = null;
        if (AtOp("("))
        {
            if (IsPrimFuncDecorator(path)) { Next(); args = ParseArgs(")"); }
            else SkipLineTokens();
        }
        ExpectNewline();
        return (path, args, at);
    }

    private void SkipLineTokens()
    {
        while (Peek().Kind is not (TokKind.Newline or TokKind.Eof)) Next();
    }

    /// <summary>'class Name:' followed by prim_funcs, verbatim Relax functions and other verbatim class-level text.</summary>
    private IRModule ParseClass()
    {
        var cls = Peek();
        if (!cls.IsName("class")) throw Err(cls, $"expected 'class' after @I.ir_module but found {cls.Describe()}");
        Next();
        var name = ExpectName();
        _className = name.Text;
        if (Accept("(")) { while (!AtOp(")")) Next(); Expect(")"); }
        Expect(":");
        ExpectNewline();
        ExpectKind(TokKind.Indent, "an indented class body");
        var funcs = new List<ModuleFunc>();
        var extra = new List<string>();
        var relax = new List<(int Index, int Start)>();
        while (Peek().Kind is not (TokKind.Dedent or TokKind.Eof))
        {
            var t = Peek();
            if (t.Is("@"))
            {
                int save = _i;
                var (path, args, _) = ParseDecorator();
                if (IsPrimFuncDecorator(path))
                {
                    var (fname, f) = ParsePrimFunc(IsPrivate(args));
                    if (funcs.Any(x => x.Name == fname)) throw Err(t, $"function '{fname}' is defined twice");
                    funcs.Add(new PrimFuncEntry(fname, f));
                    continue;
                }
                _i = save;
                var (oname, text) = SkipVerbatimDef();
                if (funcs.Any(x => x.Name == oname)) throw Err(t, $"function '{oname}' is defined twice");
                if (IsRelaxDecorator(path)) relax.Add((funcs.Count, save));
                funcs.Add(new OpaqueEntry(oname, text));
            }
            else
            {
                int first = t.Line;
                SkipStatementVerbatim();
                extra.Add(Lines(first, LastLine()));
            }
        }
        if (Peek().Kind == TokKind.Dedent) Next();
        ParseRelaxFunctions(funcs, relax);
        return new IRModule(name.Text, funcs.ToSeq(), extra.ToSeq());
    }

    /// <summary>
    /// Relax functions are read after the rest of the class: first every signature (so a call can name a function
    /// defined below it), then every body; call_tir callees must be PrimFuncs of the module.
    /// </summary>
    private void ParseRelaxFunctions(List<ModuleFunc> funcs, List<(int Index, int Start)> relax)
    {
        if (relax.Count == 0) return;
        int end = _i;
        foreach (var (_, start) in relax)
        {
            _i = start;
            var (fname, _, _, ret) = ParseRelaxHeader();
            _rxRets[fname] = ret;
        }
        foreach (var (index, start) in relax)
        {
            _i = start;
            funcs[index] = ParseRelaxFunction();
        }
        _i = end;
        var prims = funcs.OfType<PrimFuncEntry>().Select(f => f.Name).ToHashSet();
        foreach (var (callee, at) in _tirRefs)
            if (!prims.Contains(callee)) throw Err(at, $"R.call_tir calls '{callee}', which is not a T.prim_func of this module");
    }

    /// <summary>Skips decorators and a def with its body; returns its name and exact source text.</summary>
    private (string Name, string Text) SkipVerbatimDef()
    {
        int first = Peek().Line;
        while (AtOp("@")) { SkipLineTokens(); ExpectNewline(); }
        var def = Peek();
        if (!def.IsName("def")) throw Err(def, $"expected 'def' after the decorator but found {def.Describe()}");
        Next();
        var name = ExpectName();
        SkipStatementVerbatim();
        return (name.Text, Lines(first, LastLine()));
    }

    /// <summary>Skips one logical line and, when an indented block follows, that block.</summary>
    private void SkipStatementVerbatim()
    {
        SkipLineTokens();
        ExpectNewline();
        if (Peek().Kind != TokKind.Indent) return;
        int depth = 0;
        do
        {
            var t = Next();
            if (t.Kind == TokKind.Indent) depth++;
            else if (t.Kind == TokKind.Dedent) depth--;
        } while (depth > 0 && Peek().Kind != TokKind.Eof);
    }

    /// <summary>The last line of the statement just skipped: its NEWLINE token's line (DEDENTs carry the next line's).</summary>
    private int LastLine()
    {
        int k = _i - 1;
        while (k > 0 && _toks[k].Kind == TokKind.Dedent) k--;
        return _toks[k].Line;
    }

    private string Lines(int first, int last)
    {
        var lines = _src.Lines[(first - 1)..Math.Min(last, _src.Lines.Length)];
        return string.Join("\n", lines).TrimEnd();
    }
}
