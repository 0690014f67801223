namespace Tuner.Ir.Schedule;

/// <summary>
/// Evaluates an integer or boolean index expression (bindings, predicates) for given loop values; null when it uses
/// anything else (an unbound variable, a load, a call). Booleans are 1 and 0.
/// </summary>
internal static class IntEval
{
    public static long? Eval(Expr e, IReadOnlyDictionary<Var, long> env) => e switch
    {
        IntImm i => i.Value,
        Var v => env.TryGetValue(v, out var x) ? x : null,
        Cast c when c.Type.IsIntegral || c.Type.IsBool => Eval(c.Value, env),
        Not n => Eval(n.Value, env) is { } b ? (b == 0 ? 1 : 0) : null,
        Select s => Eval(s.Condition, env) is { } c ? Eval(c != 0 ? s.TrueValue : s.FalseValue, env) : null,
        Binary b => Eval(b.A, env) is { } x && Eval(b.B, env) is { } y ? Apply(b.Op, x, y) : null,
        _ => null,
    };

    private static long? Apply(BinOp op, long x, long y) => op switch
    {
        BinOp.Add => x + y,
        BinOp.Sub => x - y,
        BinOp.Mul => x * y,
        BinOp.FloorDiv when y != 0 => BlockAffineForm.FloorDivL(x, y),
        BinOp.FloorMod when y != 0 => BlockAffineForm.FloorModL(x, y),
        BinOp.Div when y != 0 => x / y,
        BinOp.Mod when y != 0 => x % y,
        BinOp.Min => Math.Min(x, y),
        BinOp.Max => Math.Max(x, y),
        BinOp.EQ => x == y ? 1 : 0,
        BinOp.NE => x != y ? 1 : 0,
        BinOp.LT => x < y ? 1 : 0,
        BinOp.LE => x <= y ? 1 : 0,
        BinOp.GT => x > y ? 1 : 0,
        BinOp.GE => x >= y ? 1 : 0,
        BinOp.And => x != 0 && y != 0 ? 1 : 0,
        BinOp.Or => x != 0 || y != 0 ? 1 : 0,
        _ => null,
    };
}
