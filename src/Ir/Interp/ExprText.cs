using System.Globalization;

namespace Tuner.Ir.Interp;

/// <summary>Compact TVMScript-like text of an expression for error messages (the full printer lives in Tuner.Ir.Script).</summary>
internal static class ExprText
{
    public static string Of(Expr e) => e switch
    {
        IntImm { Type.IsBool: true } b => b.Value != 0 ? "True" : "False",
        IntImm c => c.Value.ToString(CultureInfo.InvariantCulture),
        FloatImm f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        StringImm s => $"\"{s.Value}\"",
        Var v => v.Name,
        Cast c => $"T.Cast(\"{c.Type}\", {Of(c.Value)})",
        Binary b => b.Op switch
        {
            BinOp.Min => $"T.min({Of(b.A)}, {Of(b.B)})",
            BinOp.Max => $"T.max({Of(b.A)}, {Of(b.B)})",
            BinOp.Div when b.Dtype.IsIntegral => $"T.truncdiv({Of(b.A)}, {Of(b.B)})",
            BinOp.Mod when b.Dtype.IsIntegral => $"T.truncmod({Of(b.A)}, {Of(b.B)})",
            _ => $"({Of(b.A)} {Symbol(b.Op)} {Of(b.B)})",
        },
        Not n => $"not {Of(n.Value)}",
        Select s => $"T.Select({Of(s.Condition)}, {Of(s.TrueValue)}, {Of(s.FalseValue)})",
        BufferLoad l => $"{l.Buffer.Name}[{string.Join(", ", l.Indices.Select(Of))}]",
        Call c => $"T.{c.Op}({string.Join(", ", c.Args.Select(Of))})",
        Ramp r => $"T.Ramp({Of(r.Base)}, {Of(r.Stride)}, {r.Lanes})",
        Broadcast b => $"T.Broadcast({Of(b.Value)}, {b.Lanes})",
        Let l => $"T.Let({Of(l.Body)}, where={{{l.Var.Name}: {Of(l.Value)}}})",
        _ => e.GetType().Name,
    };

    private static string Symbol(BinOp op) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.Div => "/", BinOp.Mod => "%",
        BinOp.FloorDiv => "//", BinOp.FloorMod => "%", BinOp.EQ => "==", BinOp.NE => "!=",
        BinOp.LT => "<", BinOp.LE => "<=", BinOp.GT => ">", BinOp.GE => ">=", BinOp.And => "and", BinOp.Or => "or",
        _ => op.ToString(),
    };
}
