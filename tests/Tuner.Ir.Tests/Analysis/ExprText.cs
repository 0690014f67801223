namespace Tuner.Ir.Tests.Analysis;

/// <summary>Test-only TVMScript-like rendering of expressions, for readable expected values.</summary>
internal static class ExprText
{
    public static string Of(Expr e) => Go(e, 0);

    private static int Prec(BinOp op) => op switch
    {
        BinOp.Or => 1,
        BinOp.And => 2,
        BinOp.EQ or BinOp.NE or BinOp.LT or BinOp.LE or BinOp.GT or BinOp.GE => 3,
        BinOp.Add or BinOp.Sub => 4,
        _ => 5,
    };

    private static string Sym(BinOp op) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.FloorDiv => "//", BinOp.FloorMod => "%",
        BinOp.EQ => "==", BinOp.NE => "!=", BinOp.LT => "<", BinOp.LE => "<=", BinOp.GT => ">", BinOp.GE => ">=",
        BinOp.And => "and", BinOp.Or => "or", _ => "?",
    };

    private static string Go(Expr e, int outer)
    {
        switch (e)
        {
            case Var v: return v.Name;
            case IntImm { Type.IsBool: true } b: return b.Value != 0 ? "True" : "False";
            case IntImm i: return i.Type == DataType.Int32 ? i.Value.ToString() : $"T.{i.Type}({i.Value})";
            case Binary { Op: BinOp.Min or BinOp.Max or BinOp.Div or BinOp.Mod } b:
                var name = b.Op switch { BinOp.Min => "T.min", BinOp.Max => "T.max", BinOp.Div => "T.truncdiv", _ => "T.truncmod" };
                return $"{name}({Go(b.A, 0)}, {Go(b.B, 0)})";
            case Binary b:
                int p = Prec(b.Op);
                var s = $"{Go(b.A, p)} {Sym(b.Op)} {Go(b.B, p + 1)}";
                return p < outer ? $"({s})" : s;
            case Not n: return $"not {Go(n.Value, 6)}";
            case Select s2: return $"T.Select({Go(s2.Condition, 0)}, {Go(s2.TrueValue, 0)}, {Go(s2.FalseValue, 0)})";
            case Cast c: return $"T.Cast(\"{c.Type}\", {Go(c.Value, 0)})";
            default: return e.ToString();
        }
    }
}
