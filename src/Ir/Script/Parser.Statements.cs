namespace Tuner.Ir.Script;

/// <summary>Statements: suites, for, if, with, assignments (lets, declarations, stores), expression statements.</summary>
internal sealed partial class Parser
{
    private static Stmt MakeBody(List<Stmt> stmts) =>
        stmts.Count == 0 ? new Evaluate(IntImm.I32(0)) : SeqStmt.Flatten(stmts);

    /// <summary>Parses ': NEWLINE INDENT stmts DEDENT' in a fresh scope.</summary>
    private List<Stmt> ParseSuite()
    {
        Expect(":");
        ExpectNewline();
        var ind = Peek();
        if (ind.Kind != TokKind.Indent) throw Err(ind, "expected an indented block");
        Next();
        PushScope();
        var stmts = ParseStmts();
        PopScope();
        ExpectKind(TokKind.Dedent, "end of the indented block");
        return stmts;
    }

    /// <summary>Statements up to the end of the current suite. A let or decl_buffer takes the rest as its body.</summary>
    private List<Stmt> ParseStmts()
    {
        var list = new List<Stmt>();
        while (Peek().Kind is not (TokKind.Dedent or TokKind.Eof))
        {
            if (ParseStatement(list) is { } rest) { list.Add(rest); break; }
        }
        return list;
    }

    /// <summary>Parses one statement into <paramref name="list"/>; returns a scoping statement that swallowed the rest.</summary>
    private Stmt? ParseStatement(List<Stmt> list)
    {
        var t = Peek();
        if (t.Kind == TokKind.Indent) throw Err(t, "unexpected indent");
        if (t.Kind == TokKind.Name)
        {
            switch (t.Text)
            {
                case "for": list.Add(ParseFor()); return null;
                case "if": list.Add(ParseIf()); return null;
                case "with": return ParseWith(list);
                case "pass": Next(); ExpectNewline(); return null;
                case "def" or "class" or "while" or "return" or "import" or "from" or "lambda" or "try" or "del" or "global":
                    throw Err(t, $"'{t.Text}' is not supported inside a T.prim_func");
            }
        }
        if (t.Kind == TokKind.Op && t.Text == "@") throw Err(t, "decorators are not supported inside a T.prim_func");
        if (t.Kind == TokKind.Name && Peek(1).Is(":")) return ParseAnnotatedLet();
        var eq = FindAssign();
        if (eq is not null) return ParseAssign(list, eq);
        var at = Peek();
        var v = ParseExpr();
        ExpectNewline();
        HandleExprStmt(list, v, at);
        return null;
    }

    /// <summary>The '=' (or augmented operator) of an assignment on this logical line, if any.</summary>
    private Token? FindAssign()
    {
        int depth = 0;
        for (int k = _i; k < _toks.Count; k++)
        {
            var t = _toks[k];
            if (t.Kind is TokKind.Newline or TokKind.Eof) return null;
            if (t.Kind != TokKind.Op) continue;
            if (t.Text is "(" or "[" or "{") depth++;
            else if (t.Text is ")" or "]" or "}") depth--;
            else if (depth == 0 && t.Text is "=" or "+=" or "-=" or "*=" or "/=" or "//=" or "%=") return t;
        }
        return null;
    }

    private Stmt? ParseAssign(List<Stmt> list, Token eq)
    {
        var first = Peek();
        if (first.Kind == TokKind.Name && (Peek(1).Is("=") || Peek(1).Is(",")) && eq.Text == "=")
        {
            var names = new List<Token> { Next() };
            while (Accept(",")) names.Add(ExpectName());
            Expect("=");
            var vAt = Peek();
            var v = ParseExpr();
            if (AtOp(","))
            {
                // An unparenthesized tuple on the right: n, m = T.int64(), T.int64()
                var items = new List<PyValue> { v };
                while (Accept(",") && Peek().Kind != TokKind.Newline) items.Add(ParseExpr());
                v = new PySeq(items, false);
            }
            ExpectNewline();
            return names.Count == 1 ? AssignName(list, names[0], v, vAt) : AssignTuple(names, v, vAt);
        }
        // A store: Buf[indices] = value (or an augmented store).
        var target = ParseExpr();
        var load = target switch
        {
            PyExpr { E: BufferLoad l } => l,
            PyRegion { Vector: { } v } => v,
            _ => throw Err(first, "can only assign to a name or a buffer element"),
        };
        var op = Next();
        var valAt = Peek();
        var value = AsExpr(ParseExpr(), valAt);
        ExpectNewline();
        if (op.Text != "=")
        {
            var kind = op.Text switch
            {
                "+=" => BinOp.Add, "-=" => BinOp.Sub, "*=" => BinOp.Mul, "/=" => BinOp.Div, "//=" => BinOp.FloorDiv, _ => BinOp.FloorMod,
            };
            value = ExprOps.Make(kind, load, value, out var err);
            if (err is not null) throw Err(op, err);
        }
        list.Add(MakeStore(load.Buffer, load.Indices, value, valAt));
        return null;
    }

    private Stmt MakeStore(Buffer buf, Seq<Expr> indices, Expr value, Token at)
    {
        var want = buf.Dtype.WithLanes(indices.Count == 0 ? 1 : indices[^1].Dtype.Lanes);
        if (value.Dtype != want)
        {
            // Literal constants convert to the buffer type (as TVM's parser does); anything else is an error.
            if (value is IntImm or FloatImm && !(value is FloatImm && want.IsIntegral))
                value = ExprOps.CastTo(want, value);
            else
                throw Err(at, $"cannot store a value of type {value.Dtype} into buffer '{buf.Name}' of type {buf.Dtype}; use T.Cast");
        }
        return new BufferStore(buf, value, indices);
    }

    private Stmt? AssignName(List<Stmt> list, Token name, PyValue v, Token vAt)
    {
        switch (v)
        {
            case PyCall c when c.Name.StartsWith("var:", StringComparison.Ordinal):
                Define(name.Text, new Var(name.Text, DataType.Parse(c.Name[4..])), hideable: false);
                return null;
            case PyCall { Name: "T.match_buffer" } c:
                MatchBuffer(name, c);
                return null;
            case PyCall { Name: "T.alloc_buffer" or "T.sblock_alloc_buffer" } c:
                {
                    Arity(c.Name, c.Args, c.At, 1, 2, BufferKwargs);
                    var buf = MakeBuffer(name.Text, c.Args, 0);
                    _blocks[^1].Allocs.Add(buf);
                    Define(name.Text, buf, hideable: false);
                    return null;
                }
            case PyCall { Name: "T.decl_buffer" } c:
                {
                    Arity(c.Name, c.Args, c.At, 1, 2, BufferKwargs);
                    var buf = MakeBuffer(name.Text, c.Args, 0);
                    PushScope();
                    Define(name.Text, buf, hideable: false);
                    var rest = ParseStmts();
                    PopScope();
                    return new Allocate(buf, MakeBody(rest));
                }
            case PyCall { Name: "T.axis.remap" }:
                return AssignTuple([name], v, vAt);
            case PyCall c when c.Name.StartsWith("T.axis.", StringComparison.Ordinal):
                AxisSingle(name, c);
                return null;
            case PyExpr e:
                return MakeLet(name, e.E.Dtype, e.E, vAt);
            default:
                throw Err(vAt, $"cannot assign this value to '{name.Text}'");
        }
    }

    /// <summary>x: T.int32 = value — a let with a declared type.</summary>
    private Stmt? ParseAnnotatedLet()
    {
        var name = Next();
        Expect(":");
        var tAt = Peek();
        var ann = ParseExpr();
        if (ann is not PyType ty) throw Err(tAt, "expected a type such as T.int32");
        Expect("=");
        var vAt = Peek();
        var value = ParseExprValue();
        ExpectNewline();
        return MakeLet(name, ty.T, value, vAt);
    }

    private Stmt MakeLet(Token name, DataType type, Expr value, Token vAt)
    {
        if (value.Dtype != type)
        {
            if (value is IntImm or FloatImm) value = ExprOps.CastTo(type, value);
            else throw Err(vAt, $"value of type {value.Dtype} cannot be bound to '{name.Text}' of type {type}");
        }
        var v = new Var(name.Text, type);
        PushScope();
        Define(name.Text, v, hideable: true);
        var rest = ParseStmts();
        PopScope();
        return new LetStmt(v, value, MakeBody(rest));
    }

    private void HandleExprStmt(List<Stmt> list, PyValue v, Token at)
    {
        switch (v)
        {
            case PyCall c when c.Name is "T.func_attr":
                {
                    Arity(c.Name, c.Args, c.At, 1, 1);
                    if (_blocks.Count != 1 || _func is null) throw Err(at, "T.func_attr must be at the function level");
                    _func.Attrs = ToAttrs(c.Args.Pos[0].V, c.Args.Pos[0].At);
                    return;
                }
            case PyCall c when c.Name is "T.evaluate":
                Arity(c.Name, c.Args, c.At, 1, 1);
                list.Add(new Evaluate(ArgExpr(c.Args, 0)));
                return;
            case PyCall c when c.Name is "T.reads" or "T.writes" or "T.where" or "T.block_attr" or "T.sblock_attr":
                BlockHeader(c);
                return;
            case PyCall c:
                throw Err(at, $"{c.Name}(...) cannot be used as a statement here");
            case PyExpr e:
                list.Add(new Evaluate(e.E));
                return;
            default:
                throw Err(at, "this expression cannot be used as a statement");
        }
    }

    private Stmt ParseIf()
    {
        Next(); // 'if' or 'elif'
        var cAt = Peek();
        var cond = ParseExprValue();
        if (!cond.Dtype.IsBool) throw Err(cAt, $"if condition must be bool, got {cond.Dtype}");
        var then = MakeBody(ParseSuite());
        Stmt? els = null;
        if (Peek().IsName("elif")) els = ParseIf();
        else if (Peek().IsName("else"))
        {
            Next();
            els = MakeBody(ParseSuite());
        }
        return new IfThenElse(cond, then, els);
    }

    private Stmt? ParseWith(List<Stmt> list)
    {
        var kw = Next();
        var at = Peek();
        var v = ParseExpr();
        Token? asName = null;
        if (Peek().IsName("as")) { Next(); asName = ExpectName(); }
        switch (v)
        {
            case PyCall { Name: "T.block" or "T.sblock" } c:
                list.Add(ParseBlock(c));
                return null;
            case PyCall { Name: "T.init" } c:
                ParseInit(c);
                return null;
            case PyCall { Name: "T.decl_buffer" } c:
                {
                    Arity(c.Name, c.Args, c.At, 1, 2, BufferKwargs);
                    var name = asName ?? throw Err(kw, "with T.decl_buffer(...) needs 'as name'");
                    var buf = MakeBuffer(name.Text, c.Args, 0);
                    PushScope();
                    Define(name.Text, buf, hideable: false);
                    var body = ParseSuite();
                    PopScope();
                    list.Add(new Allocate(buf, MakeBody(body)));
                    return null;
                }
            case PyCall { Name: "T.let" } c:
                {
                    // with T.let(x, value): binds a variable declared earlier (x = T.int32()).
                    Arity(c.Name, c.Args, c.At, 2, 2);
                    if (ArgExpr(c.Args, 0) is not Var lv) throw Err(c.Args.Pos[0].At, "T.let binds a variable declared with T.int32() or similar");
                    var value = ArgExpr(c.Args, 1);
                    if (value.Dtype != lv.Dtype) value = value is IntImm or FloatImm ? ExprOps.CastTo(lv.Dtype, value)
                        : throw Err(c.Args.Pos[1].At, $"value of type {value.Dtype} cannot be bound to '{lv.Name}' of type {lv.Dtype}");
                    list.Add(new LetStmt(lv, value, MakeBody(ParseSuite())));
                    return null;
                }
            case PyCall { Name: "T.LetStmt" } c:
                {
                    Arity(c.Name, c.Args, c.At, 1, 1, "var");
                    var value = ArgExpr(c.Args, 0);
                    PushScope();
                    Var lv;
                    if (c.Args.Kwarg("var") is { } kv)
                    {
                        // with T.LetStmt(value, var=x): rebinds a variable that is already defined.
                        lv = AsExpr(kv, c.Args.KwargAt("var")!) as Var ?? throw Err(c.Args.KwargAt("var")!, "var= must name a variable");
                    }
                    else
                    {
                        var name = asName ?? throw Err(kw, "with T.LetStmt(value) needs 'as name'");
                        lv = new Var(name.Text, value.Dtype);
                        Define(name.Text, lv, hideable: true);
                    }
                    var body = ParseSuite();
                    PopScope();
                    list.Add(new LetStmt(lv, value, MakeBody(body)));
                    return null;
                }
            default:
                throw Err(at, "unsupported 'with' statement; expected T.block, T.init, T.LetStmt, T.let or T.decl_buffer");
        }
    }
}
