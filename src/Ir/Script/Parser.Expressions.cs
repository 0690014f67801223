namespace Tuner.Ir.Script;

/// <summary>Expressions: Python precedence climbing, attribute paths and builtin calls.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> ModuleAliases = ["T", "I", "R", "tir", "relax", "ir", "tvm"];

    private PyValue ParseExpr() => ParseOr();

    private Expr ParseExprValue()
    {
        var at = Peek();
        return AsExpr(ParseExpr(), at);
    }

    private Expr AsExpr(PyValue v, Token at) => v switch
    {
        PyExpr e => e.E,
        PyBuf b => throw Err(at, $"buffer '{b.B.Name}' is used as a value; index it, e.g. {b.B.Name}[i]"),
        PyPath p => throw Err(at, $"unknown TVMScript name '{p.Path}'"),
        PyType t => throw Err(at, $"type '{t.T}' is used as a value"),
        PyCall c => throw Err(at, $"'{c.Name}(...)' cannot be used as a value here"),
        PyRegion { Vector: { } vec } => vec,
        PyRegion => throw Err(at, "a buffer slice cannot be used as a value"),
        _ => throw Err(at, "expected an expression"),
    };

    private PyValue Bin(Token opTok, BinOp op, PyValue a, Token aAt, PyValue b, Token bAt)
    {
        var e = ExprOps.Make(op, AsExpr(a, aAt), AsExpr(b, bAt), out var err);
        if (err is not null) throw Err(opTok, err);
        return new PyExpr(e);
    }

    private PyValue CallOp(Token opTok, string name, PyValue a, Token aAt, PyValue b, Token bAt)
    {
        var (x, y) = ExprOps.MatchTypes(AsExpr(a, aAt), AsExpr(b, bAt), out var err);
        if (err is not null) throw Err(opTok, err);
        if (name != "pow" && (!x.Dtype.IsIntegral || !y.Dtype.IsIntegral))
            throw Err(opTok, $"operator '{opTok.Text}' needs integer operands, got {x.Dtype} and {y.Dtype}");
        return new PyExpr(new Call(x.Dtype, name, [x, y]));
    }

    private PyValue ParseOr()
    {
        var at = Peek();
        var v = ParseAnd();
        while (Peek().IsName("or"))
        {
            var op = Next();
            var rAt = Peek();
            v = Bin(op, BinOp.Or, v, at, ParseAnd(), rAt);
        }
        return v;
    }

    private PyValue ParseAnd()
    {
        var at = Peek();
        var v = ParseNot();
        while (Peek().IsName("and"))
        {
            var op = Next();
            var rAt = Peek();
            v = Bin(op, BinOp.And, v, at, ParseNot(), rAt);
        }
        return v;
    }

    private PyValue ParseNot()
    {
        if (!Peek().IsName("not")) return ParseComparison();
        var op = Next();
        var at = Peek();
        var x = AsExpr(ParseNot(), at);
        if (!x.Dtype.IsBool) throw Err(op, $"operand of 'not' must be bool, got {x.Dtype}");
        return new PyExpr(x is IntImm c ? IntImm.Bool(c.Value == 0) : new Not(x));
    }

    private static BinOp? CompareOp(Token t) => t.Kind != TokKind.Op ? null : t.Text switch
    {
        "<" => BinOp.LT, "<=" => BinOp.LE, ">" => BinOp.GT, ">=" => BinOp.GE, "==" => BinOp.EQ, "!=" => BinOp.NE,
        _ => null,
    };

    private PyValue ParseComparison()
    {
        var at = Peek();
        var v = ParseBitOr();
        if (CompareOp(Peek()) is not { } op) return v;
        var opTok = Next();
        var rAt = Peek();
        v = Bin(opTok, op, v, at, ParseBitOr(), rAt);
        if (CompareOp(Peek()) is not null)
            throw Err(Peek(), "chained comparisons (a < b < c) are not supported; use 'and'");
        return v;
    }

    private PyValue ParseBitOr()
    {
        var at = Peek();
        var v = ParseBitXor();
        while (AtOp("|"))
        {
            var op = Next();
            var rAt = Peek();
            v = BitOp(op, BinOp.Or, "bitwise_or", v, at, ParseBitXor(), rAt);
        }
        return v;
    }

    private PyValue ParseBitXor()
    {
        var at = Peek();
        var v = ParseBitAnd();
        while (AtOp("^"))
        {
            var op = Next();
            var rAt = Peek();
            v = CallOp(op, "bitwise_xor", v, at, ParseBitAnd(), rAt);
        }
        return v;
    }

    private PyValue ParseBitAnd()
    {
        var at = Peek();
        var v = ParseShift();
        while (AtOp("&"))
        {
            var op = Next();
            var rAt = Peek();
            v = BitOp(op, BinOp.And, "bitwise_and", v, at, ParseShift(), rAt);
        }
        return v;
    }

    /// <summary>&amp; and | on bools are logical (as in TVM), on integers bitwise intrinsics.</summary>
    private PyValue BitOp(Token op, BinOp logical, string intrinsic, PyValue a, Token aAt, PyValue b, Token bAt)
    {
        if (AsExpr(a, aAt).Dtype.IsBool && AsExpr(b, bAt).Dtype.IsBool) return Bin(op, logical, a, aAt, b, bAt);
        return CallOp(op, intrinsic, a, aAt, b, bAt);
    }

    private PyValue ParseShift()
    {
        var at = Peek();
        var v = ParseArith();
        while (AtOp("<<") || AtOp(">>"))
        {
            var op = Next();
            var rAt = Peek();
            v = CallOp(op, op.Text == "<<" ? "shift_left" : "shift_right", v, at, ParseArith(), rAt);
        }
        return v;
    }

    private PyValue ParseArith()
    {
        var at = Peek();
        var v = ParseTerm();
        while (AtOp("+") || AtOp("-"))
        {
            var op = Next();
            var rAt = Peek();
            v = Bin(op, op.Text == "+" ? BinOp.Add : BinOp.Sub, v, at, ParseTerm(), rAt);
        }
        return v;
    }

    private PyValue ParseTerm()
    {
        var at = Peek();
        var v = ParseFactor();
        while (AtOp("*") || AtOp("/") || AtOp("//") || AtOp("%"))
        {
            var op = Next();
            var rAt = Peek();
            var kind = op.Text switch { "*" => BinOp.Mul, "/" => BinOp.Div, "//" => BinOp.FloorDiv, _ => BinOp.FloorMod };
            v = Bin(op, kind, v, at, ParseFactor(), rAt);
        }
        return v;
    }

    private PyValue ParseFactor()
    {
        if (AtOp("-") || AtOp("+") || AtOp("~"))
        {
            var op = Next();
            var at = Peek();
            var x = AsExpr(ParseFactor(), at);
            if (op.Text == "+") return new PyExpr(x);
            if (op.Text == "~")
            {
                if (x.Dtype.IsBool) return new PyExpr(new Not(x));
                if (!x.Dtype.IsIntegral) throw Err(op, $"operator '~' needs an integer operand, got {x.Dtype}");
                return new PyExpr(new Call(x.Dtype, "bitwise_not", [x]));
            }
            return new PyExpr(x switch
            {
                IntImm i when !i.Type.IsBool => new IntImm(i.Type, ExprOps.Wrap(i.Type, -i.Value)),
                FloatImm f => new FloatImm(f.Type, -f.Value),
                // TVM's __neg__ multiplies by a -1 of the operand's type.
                _ => ExprOps.Make(BinOp.Mul, x, ExprOps.Const(x.Dtype, -1), out _),
            });
        }
        return ParsePower();
    }

    private PyValue ParsePower()
    {
        var at = Peek();
        var v = ParsePostfix();
        if (!AtOp("**")) return v;
        var op = Next();
        var rAt = Peek();
        return CallOp(op, "pow", v, at, ParseFactor(), rAt);
    }

    private PyValue ParsePostfix()
    {
        var start = Peek();
        var v = ParseAtom();
        while (true)
        {
            if (AtOp("."))
            {
                Next();
                var name = ExpectName();
                if (v is not PyPath p) throw Err(name, $"attribute '.{name.Text}' is not supported here");
                v = new PyPath(p.Path + "." + name.Text);
            }
            else if (AtOp("("))
            {
                var open = Next();
                if (v is not PyPath p) throw Err(open, "only T.* builtins and range can be called");
                bool saved = _bindingContext;
                if (p.Path.StartsWith("T.axis", StringComparison.Ordinal) || p.Path == "T.where") _bindingContext = true;
                var args = ParseArgs(")");
                _bindingContext = saved;
                v = CallBuiltin(p.Path, args, start);
            }
            else if (AtOp("["))
            {
                var open = Next();
                if (v is not PyBuf b) throw Err(open, "only buffers can be indexed");
                v = ParseSubscript(b.B, start);
            }
            else break;
        }
        if (v is PyPath q && q.Path.StartsWith("T.", StringComparison.Ordinal) && DataType.TryParse(q.Path[2..]) is { } t)
            return new PyType(t);
        return v;
    }

    /// <summary>Arguments up to the closing bracket: positional then keyword (name=value).</summary>
    private Args ParseArgs(string close)
    {
        var args = new Args([], []);
        while (!AtOp(close))
        {
            var at = Peek();
            if (at.Kind == TokKind.Name && Peek(1).Is("="))
            {
                Next();
                Next();
                var vAt = Peek();
                args.Kw.Add((at.Text, ParseExpr(), vAt));
            }
            else
            {
                if (args.Kw.Count > 0) throw Err(at, "positional argument follows keyword argument");
                args.Pos.Add((ParseExpr(), at));
            }
            if (!Accept(",")) break;
        }
        Expect(close);
        return args;
    }
}
