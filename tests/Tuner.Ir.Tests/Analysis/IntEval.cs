namespace Tuner.Ir.Tests.Analysis;

/// <summary>
/// Test-only evaluator of integer/bool expressions under a variable assignment, with the IR's exact
/// semantics (floor vs truncating division, wrap to the dtype width). Independent of the simplifier.
/// </summary>
internal static class IntEval
{
    public static long Eval(Expr e, IReadOnlyDictionary<Var, long> env) => e switch
    {
        IntImm i => i.Value,
        Var v => env[v],
        Cast c => Wrap(Eval(c.Value, env), c.Type),
        Not n => Eval(n.Value, env) == 0 ? 1 : 0,
        Select s => Eval(s.Condition, env) != 0 ? Eval(s.TrueValue, env) : Eval(s.FalseValue, env),
        Binary b => Wrap(Bin(b.Op, Eval(b.A, env), Eval(b.B, env)), b.Dtype),
        Let l => Eval(l.Body, new Dictionary<Var, long>(env) { [l.Var] = Eval(l.Value, env) }),
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    private static long Bin(BinOp op, long a, long b) => op switch
    {
        BinOp.Add => a + b,
        BinOp.Sub => a - b,
        BinOp.Mul => a * b,
        BinOp.Div => a / b,
        BinOp.Mod => a % b,
        BinOp.FloorDiv => (long)Math.Floor((decimal)a / b),
        BinOp.FloorMod => a - b * (long)Math.Floor((decimal)a / b),
        BinOp.Min => Math.Min(a, b),
        BinOp.Max => Math.Max(a, b),
        BinOp.EQ => a == b ? 1 : 0,
        BinOp.NE => a != b ? 1 : 0,
        BinOp.LT => a < b ? 1 : 0,
        BinOp.LE => a <= b ? 1 : 0,
        BinOp.GT => a > b ? 1 : 0,
        BinOp.GE => a >= b ? 1 : 0,
        BinOp.And => a != 0 && b != 0 ? 1 : 0,
        BinOp.Or => a != 0 || b != 0 ? 1 : 0,
        _ => throw new NotSupportedException(op.ToString()),
    };

    private static long Wrap(long v, DataType t) => t.IsBool ? (v != 0 ? 1 : 0)
        : t.Bits == 32 ? (int)v : t.Bits == 16 ? (short)v : t.Bits == 8 ? (sbyte)v : v;
}
