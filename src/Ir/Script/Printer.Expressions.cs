namespace Tuner.Ir.Script;

/// <summary>Expressions with Python precedence and the fewest parentheses, as TVM's Python doc printer.</summary>
internal sealed partial class Printer
{
    private const int POr = 1, PAnd = 2, PNot = 3, PCmp = 4, PAdd = 9, PMul = 10, PUnary = 11, PAtom = 13;

    private string Ex(Expr e) => Ex(e, out _);

    private string Ex(Expr e, out int prec)
    {
        prec = PAtom;
        switch (e)
        {
            case Var v: return NameOf(v);
            case IntImm i: return Int(i, out prec);
            case FloatImm f:
                return double.IsFinite(f.Value)
                    ? $"T.{f.Type}({PyFormat.TvmFloat(f.Value)})"
                    : $"T.{f.Type}(\"{PyFormat.Float(f.Value)}\")";
            case StringImm s: return PyFormat.Str(s.Value);
            case Cast c: return $"T.Cast(\"{c.Type}\", {Ex(c.Value)})";
            case Binary b: return BinaryText(b, out prec);
            case Not n:
                if (n.Value is IntImm) return $"T.Not({Ex(n.Value)})";
                prec = PNot;
                return "not " + Child(n.Value, PNot, false);
            case Select s: return $"T.Select({Ex(s.Condition)}, {Ex(s.TrueValue)}, {Ex(s.FalseValue)})";
            case BufferLoad l: return Access(l.Buffer, l.Indices);
            case Call c: return CallText(c);
            case Ramp r: return $"T.Ramp({Ex(r.Base)}, {Ex(r.Stride)}, {r.Lanes})";
            case Broadcast b: return $"T.Broadcast({Ex(b.Value)}, {b.Lanes})";
            case Let l: return $"T.Let({Ex(l.Body)}, where={{{NameOf(l.Var)}: {Ex(l.Value)}}})";
            default: throw new InvalidOperationException($"cannot print {e.GetType().Name}");
        }
    }

    /// <summary>A[i, j]; a Ramp index with a constant stride prints as a slice base:base + lanes*stride[:stride] as TVM does.</summary>
    private string Access(Buffer b, Seq<Expr> indices)
    {
        if (indices.Count == 0) return $"{NameOf(b)}[()]";
        var parts = indices.Select(i =>
        {
            if (i is not Ramp { Stride: IntImm st } r) return Ex(i);
            var stop = ExprOps.End(r.Base, new IntImm(r.Base.Dtype, st.Value * r.Lanes));
            return $"{Ex(r.Base)}:{Ex(stop)}" + (st.Value == 1 ? "" : $":{Ex(st)}");
        });
        return $"{NameOf(b)}[{string.Join(", ", parts)}]";
    }

    private static string Int(IntImm i, out int prec)
    {
        prec = PAtom;
        if (i.Type.IsBool) return i.Value != 0 ? "T.bool(True)" : "T.bool(False)";
        if (i.Type == DataType.Int32)
        {
            if (i.Value < 0) prec = PUnary;
            return i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return $"T.{i.Type}({i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    /// <summary>A child operand, parenthesized when it binds looser than its parent (or equally, on the right).</summary>
    private string Child(Expr e, int parent, bool right)
    {
        var s = Ex(e, out int p);
        bool paren = p < parent || (right && p == parent) || (parent == PCmp && p == PCmp);
        return paren ? $"({s})" : s;
    }

    private static string? OpText(BinOp op, Expr a) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*",
        BinOp.Div => a.Dtype.IsFloat ? "/" : null,
        BinOp.FloorDiv => "//", BinOp.FloorMod => "%",
        BinOp.EQ => "==", BinOp.NE => "!=", BinOp.LT => "<", BinOp.LE => "<=", BinOp.GT => ">", BinOp.GE => ">=",
        BinOp.And => "and", BinOp.Or => "or",
        _ => null,
    };

    private static int OpPrec(BinOp op) => op switch
    {
        BinOp.Add or BinOp.Sub => PAdd,
        BinOp.Mul or BinOp.Div or BinOp.FloorDiv or BinOp.FloorMod => PMul,
        BinOp.And => PAnd,
        BinOp.Or => POr,
        _ => PCmp,
    };

    private string BinaryText(Binary b, out int prec)
    {
        prec = PAtom;
        var op = OpText(b.Op, b.A);
        bool sameType = b.A.Dtype == b.B.Dtype;
        bool folds = ExprOps.TryFold(b.Op, b.A, b.B) is not null;
        bool logicalOk = !b.Op.IsLogical() || (b.A.Dtype.IsBool && b.B.Dtype.IsBool);
        if (op is not null && sameType && !folds && logicalOk)
        {
            prec = OpPrec(b.Op);
            return $"{Child(b.A, prec, false)} {op} {Child(b.B, prec, true)}";
        }
        // Spelled as a call so that reparsing neither folds nor re-types it.
        string fn = b.Op switch
        {
            BinOp.Min when sameType && !folds => "T.min",
            BinOp.Max when sameType && !folds => "T.max",
            BinOp.Mod when sameType && !folds => "T.truncmod",
            _ => "T." + b.Op,
        };
        return $"{fn}({Ex(b.A)}, {Ex(b.B)})";
    }

    private string CallText(Call c)
    {
        var args = c.Args.Select(Ex).ToList();
        switch (c.Op)
        {
            case "list": return $"[{string.Join(", ", args)}]";
            case "dict" when args.Count % 2 == 0:
                return "{" + string.Join(", ", Enumerable.Range(0, args.Count / 2).Select(k => $"{args[2 * k]}: {args[2 * k + 1]}")) + "}";
            case "reinterpret": return $"T.reinterpret(\"{c.Type}\", {string.Join(", ", args)})";
        }
        DataType natural = c.Op switch
        {
            "isnan" or "isinf" or "isfinite" => DataType.Bool,
            "if_then_else" when c.Args.Count == 3 => c.Args[1].Dtype,
            _ => c.Args.Count > 0 ? c.Args[0].Dtype : DataType.Void,
        };
        if (c.Type != natural) args.Add($"dtype=\"{c.Type}\"");
        return $"T.{c.Op}({string.Join(", ", args)})";
    }

    private string Tuple(IEnumerable<Expr> items)
    {
        var list = items.Select(Ex).ToList();
        return list.Count == 1 ? $"({list[0]},)" : $"({string.Join(", ", list)})";
    }

    /// <summary>
    /// An attribute dict. As TVM v0.23 (attributes hold FFI values): a boolean prints as Python's True/False, not
    /// as a TIR constant, e.g. <c>T.func_attr({"tir.noalias": True})</c>.
    /// </summary>
    private string AttrsText(Attrs attrs) =>
        "{" + string.Join(", ", attrs.Select(kv => $"{PyFormat.Str(kv.Key)}: {AttrValueText(kv.Value)}")) + "}";

    private string AttrValueText(Expr e) => e is IntImm { Type.IsBool: true } b ? (b.Value != 0 ? "True" : "False") : Ex(e);
}
