namespace Tuner.Ir.CodeGen;

/// <summary>Expression rules of the C generator: exact C spellings of TIR operators (fully parenthesized).</summary>
public sealed partial class CodeGenC
{
    private string Expr(Expr e) => e switch
    {
        Var v => VarName(v),
        IntImm i => CTypes.Int(i.Type, i.Value),
        FloatImm f => CTypes.Float(f.Type, f.Value),
        StringImm s => "\"" + s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        Cast { Type.IsScalar: false } c => EmitVectorCast(c),
        Cast c => $"(({CTypes.Name(c.Type)}){Expr(c.Value)})",
        Binary { Dtype.IsScalar: false } b => EmitVectorBinary(b),
        Binary b => EmitBinary(b),
        Not n => $"(!{Expr(n.Value)})",
        Select s => $"({Expr(s.Condition)} ? {Expr(s.TrueValue)} : {Expr(s.FalseValue)})",
        BufferLoad l => EmitLoad(l),
        Call c => EmitCall(c),
        Let l => EmitLetExpr(l),
        Broadcast b => EmitBroadcast(b),
        Ramp => throw new NotSupportedException("a ramp is supported only as the index of a contiguous vector load or store"),
        _ => throw new NotSupportedException($"expression {e.GetType().Name}"),
    };

    /// <summary>A condition without the redundant outer parentheses.</summary>
    private string Cond(Expr e)
    {
        string s = Expr(e);
        if (s.Length < 2 || s[0] != '(' || s[^1] != ')') return s;
        int depth = 0;
        for (int i = 0; i < s.Length - 1; i++)
        {
            depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
            if (depth == 0) return s; // the first '(' closes before the end: not one outer pair
        }
        return s[1..^1];
    }

    private string EmitBinary(Binary b)
    {
        var t = b.A.Dtype;
        string x = Expr(b.A), y = Expr(b.B);
        string? op = b.Op switch
        {
            BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.EQ => "==", BinOp.NE => "!=",
            BinOp.LT => "<", BinOp.LE => "<=", BinOp.GT => ">", BinOp.GE => ">=", BinOp.And => "&&", BinOp.Or => "||",
            BinOp.Div => "/",
            BinOp.Mod when !t.IsFloat => "%",
            BinOp.FloorDiv when t.IsUInt => "/",
            BinOp.FloorMod when t.IsUInt => "%",
            // As TVM lowers them: on a non-negative dividend and a positive constant divisor, floor and truncation
            // agree, and plain / and % keep loop nests branch-free (gcc took 34 s on 64 unrolled copies of a loop
            // whose indices called the branching floordiv helper four times, 0.6 s without).
            BinOp.FloorDiv when t.IsInt && b.B is IntImm { Value: > 0 } && IsNonNegative(b.A) => "/",
            BinOp.FloorMod when t.IsInt && b.B is IntImm { Value: > 0 } && IsNonNegative(b.A) => "%",
            _ => null,
        };
        if (op is not null) return Narrow(t, b.Op, $"({x} {op} {y})");
        return b.Op switch
        {
            BinOp.Mod => $"{(t.Bits == 64 ? "fmod" : "fmodf")}({x}, {y})",
            BinOp.FloorDiv when t.IsFloat => $"{CPrelude.FloorFn(t)}({x} / {y})",
            BinOp.FloorDiv or BinOp.FloorMod or BinOp.Min or BinOp.Max => Helper(b.Op.ToString().ToLowerInvariant(), t, x, y),
            _ => throw new NotSupportedException($"operator {b.Op}"),
        };
    }

    /// <summary>Provably ≥ 0: non-negative constants, loop variables of loops starting at ≥ 0, and their sums, products, floordiv/floormod.</summary>
    private bool IsNonNegative(Expr e) => e switch
    {
        IntImm i => i.Value >= 0,
        Var v => _nonNegative.Contains(v),
        Binary { Op: BinOp.Add or BinOp.Mul } b => IsNonNegative(b.A) && IsNonNegative(b.B),
        Binary { Op: BinOp.FloorDiv, B: IntImm { Value: > 0 } } b => IsNonNegative(b.A),
        Binary { Op: BinOp.FloorMod, B: IntImm { Value: > 0 } } => true,
        _ => false,
    };

    /// <summary>C computes 8/16-bit integer arithmetic in int: cast back so the result wraps as TIR's does.</summary>
    private static string Narrow(DataType t, BinOp op, string s) =>
        t.IsIntegral && t.Bits < 32 && !op.YieldsBool() ? $"(({CTypes.Name(t)}){s})" : s;

    private string Helper(string kind, DataType t, params string[] args)
    {
        string name = $"tnr_{kind}_{CTypes.Suffix(t)}";
        _helpers.Add(name);
        return $"{name}({string.Join(", ", args)})";
    }

    private string EmitLetExpr(Let l)
    {
        string value = Expr(l.Value);
        string ty = CTypes.Name(l.Var.Dtype);
        string v = DeclareVar(l.Var);
        return $"({{ const {ty} {v} = {value}; {Expr(l.Body)}; }})";
    }
}
