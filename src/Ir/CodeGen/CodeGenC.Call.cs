namespace Tuner.Ir.CodeGen;

/// <summary>Intrinsic calls: libm functions by precision (expf for float32, exp for float64; float16 via float).</summary>
public sealed partial class CodeGenC
{
    /// <summary>Intrinsics that map to one libm function (float32 name = name + "f").</summary>
    private static readonly HashSet<string> Libm =
    [
        "exp", "exp2", "exp10", "log", "log2", "log10", "log1p", "sqrt", "tanh", "erf", "fabs", "sin", "cos", "tan",
        "atan", "asin", "acos", "sinh", "cosh", "pow", "atan2", "fmod", "floor", "ceil", "nearbyint", "trunc",
    ];

    private string EmitCall(Call c)
    {
        var args = c.Args;
        switch (c.Op)
        {
            case "if_then_else": return $"({Expr(args[0])} ? {Expr(args[1])} : {Expr(args[2])})";
            case "shift_left": return Narrow(c.Type, BinOp.Add, $"({Expr(args[0])} << {Expr(args[1])})");
            case "shift_right": return Narrow(c.Type, BinOp.Add, $"({Expr(args[0])} >> {Expr(args[1])})");
            case "bitwise_and": return Narrow(c.Type, BinOp.Add, $"({Expr(args[0])} & {Expr(args[1])})");
            case "bitwise_or": return Narrow(c.Type, BinOp.Add, $"({Expr(args[0])} | {Expr(args[1])})");
            case "bitwise_xor": return Narrow(c.Type, BinOp.Add, $"({Expr(args[0])} ^ {Expr(args[1])})");
            case "bitwise_not": return Narrow(c.Type, BinOp.Add, $"(~{Expr(args[0])})");
            case "isnan" or "isinf" or "isfinite": return $"((bool){c.Op}({Expr(args[0])}))";
            case "popcount": return $"(({CTypes.Name(c.Type)})__builtin_popcountll((uint64_t){Expr(args[0])}))";
            case "clz":
                return args[0].Dtype.Bits == 64
                    ? $"(({CTypes.Name(c.Type)})__builtin_clzll((uint64_t){Expr(args[0])}))"
                    : $"(({CTypes.Name(c.Type)})__builtin_clz((uint32_t){Expr(args[0])}))";
            case "reinterpret":
            {
                string from = CTypes.Name(args[0].Dtype), to = CTypes.Name(c.Type);
                return $"({{ {from} tnr_v = {Expr(args[0])}; {to} tnr_r; memcpy(&tnr_r, &tnr_v, sizeof tnr_r); tnr_r; }})";
            }
            case "call_extern" or "call_pure_extern":
                // T.call_extern(dtype, "name", args...): a C function declared by the prelude's headers.
                if (args.Count == 0 || args[0] is not StringImm fn) throw new NotSupportedException($"{c.Op} needs a function name first");
                return $"{fn.Value}({string.Join(", ", args.Skip(1).Select(Expr))})";
        }
        if (!c.Type.IsFloat) throw new NotSupportedException($"intrinsic {c.Op} on {c.Type}");
        return c.Type.Bits switch
        {
            32 => Math(c.Op, "f", args),
            64 => Math(c.Op, "", args),
            _ => $"((_Float16){Math(c.Op, "f", args.Map(a => (Expr)new Cast(DataType.Float32, a)))})",
        };
    }

    private string Math(string op, string suffix, Seq<Expr> args)
    {
        string one = args.Count > 0 ? Expr(args[0]) : "";
        string lit1 = suffix == "f" ? "1.0f" : "1.0";
        return op switch
        {
            "rsqrt" => $"({lit1} / sqrt{suffix}({one}))",
            "sigmoid" => $"({lit1} / ({lit1} + exp{suffix}(-{one})))",
            // TVM lowers round to llvm.nearbyint: half to even under the default rounding mode.
            "round" => $"nearbyint{suffix}({one})",
            _ when Libm.Contains(op) => $"{op}{suffix}({string.Join(", ", args.Select(Expr))})",
            _ => throw new NotSupportedException($"intrinsic {op}"),
        };
    }
}
