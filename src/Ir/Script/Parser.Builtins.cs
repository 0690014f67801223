using System.Globalization;

namespace Tuner.Ir.Script;

/// <summary>T.* builtins usable inside expressions; statement-level ones come back as <see cref="PyCall"/>.</summary>
internal sealed partial class Parser
{
    /// <summary>Builtins whose meaning depends on the statement around them (loops, blocks, declarations).</summary>
    private static readonly HashSet<string> Deferred =
    [
        "range", "T.grid", "T.serial", "T.parallel", "T.vectorized", "T.unroll", "T.thread_binding",
        "T.block", "T.sblock", "T.init", "T.LetStmt", "T.Buffer", "T.match_buffer", "T.alloc_buffer",
        "T.sblock_alloc_buffer", "T.decl_buffer", "T.func_attr", "T.reads", "T.writes", "T.where",
        "T.block_attr", "T.sblock_attr", "T.evaluate", "T.axis.spatial", "T.axis.reduce", "T.axis.S",
        "T.axis.R", "T.axis.scan", "T.axis.opaque", "T.axis.remap", "T.prim_func", "I.ir_module", "T.let",
    ];

    private static readonly Dictionary<string, BinOp> RawBinary = new()
    {
        ["T.Add"] = BinOp.Add, ["T.Sub"] = BinOp.Sub, ["T.Mul"] = BinOp.Mul, ["T.Div"] = BinOp.Div,
        ["T.Mod"] = BinOp.Mod, ["T.FloorDiv"] = BinOp.FloorDiv, ["T.FloorMod"] = BinOp.FloorMod,
        ["T.Min"] = BinOp.Min, ["T.Max"] = BinOp.Max, ["T.EQ"] = BinOp.EQ, ["T.NE"] = BinOp.NE,
        ["T.LT"] = BinOp.LT, ["T.LE"] = BinOp.LE, ["T.GT"] = BinOp.GT, ["T.GE"] = BinOp.GE,
        ["T.And"] = BinOp.And, ["T.Or"] = BinOp.Or,
    };

    private static readonly Dictionary<string, BinOp> FoldingBinary = new()
    {
        ["T.max"] = BinOp.Max, ["T.min"] = BinOp.Min, ["T.truncdiv"] = BinOp.Div, ["T.truncmod"] = BinOp.Mod,
        ["T.floordiv"] = BinOp.FloorDiv, ["T.floormod"] = BinOp.FloorMod,
    };

    private static readonly HashSet<string> BoolResult = ["isnan", "isinf", "isfinite"];

    private void Arity(string name, Args a, Token at, int min, int max, params string[] kwargs)
    {
        int n = a.Pos.Count;
        if (n < min || n > max)
        {
            string want = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw Err(at, $"{name} expects {want} positional argument(s), got {n}");
        }
        foreach (var (k, _, kAt) in a.Kw)
            if (!kwargs.Contains(k)) throw Err(kAt, $"{name} got an unexpected keyword argument '{k}'");
    }

    private Expr ArgExpr(Args a, int i) => AsExpr(a.Pos[i].V, a.Pos[i].At);

    private DataType DtypeOf(PyValue v, Token at) => v switch
    {
        PyStr s => DataType.TryParse(s.S) ?? throw Err(at, $"unknown data type '{s.S}'"),
        PyType t => t.T,
        _ => throw Err(at, "expected a data type such as \"float32\""),
    };

    private PyValue CallBuiltin(string name, Args a, Token at)
    {
        if (Deferred.Contains(name)) return new PyCall(name, a, at);
        if (name.StartsWith("T.", StringComparison.Ordinal) && DataType.TryParse(name[2..]) is { } dt)
            return TypedConst(name, dt, a, at);
        if (RawBinary.TryGetValue(name, out var raw))
        {
            Arity(name, a, at, 2, 2);
            return new PyExpr(new Binary(raw, ArgExpr(a, 0), ArgExpr(a, 1)));
        }
        if (FoldingBinary.TryGetValue(name, out var op))
        {
            Arity(name, a, at, 2, 2);
            var e = ExprOps.Make(op, ArgExpr(a, 0), ArgExpr(a, 1), out var err);
            if (err is not null) throw Err(at, err);
            return new PyExpr(e);
        }
        switch (name)
        {
            case "T.var":
                // Older spelling of a symbolic variable: n = T.var("int32").
                Arity(name, a, at, 1, 1);
                return new PyCall("var:" + DtypeOf(a.Pos[0].V, a.Pos[0].At), a, at);
            case "T.min_value":
            case "T.max_value":
            case "T.infinity":
            case "T.ninf":
                {
                    Arity(name, a, at, 1, 1);
                    var t = DtypeOf(a.Pos[0].V, a.Pos[0].At);
                    return new PyExpr(Limit(name, t, a.Pos[0].At));
                }
            case "T.abs":
                {
                    Arity(name, a, at, 1, 1);
                    var x = ArgExpr(a, 0);
                    if (x.Dtype.IsFloat) return new PyExpr(new Call(x.Dtype, "fabs", [x]));
                    if (x.Dtype.IsUInt) return new PyExpr(x);
                    var neg = ExprOps.Make(BinOp.Mul, x, ExprOps.Const(x.Dtype, -1), out _);
                    return new PyExpr(new Select(ExprOps.Make(BinOp.GE, x, ExprOps.Const(x.Dtype, 0), out _), x, neg));
                }
            case "T.target":
                // A target attribute value, kept as data: T.target({"kind": "llvm", ...}) or T.target("llvm").
                Arity(name, a, at, 1, 2);
                return new PyExpr(new Call(DataType.Handle, "target", a.Pos.Select(p => AttrValue(p.V, p.At)).ToSeq()));
            case "T.Not":
                Arity(name, a, at, 1, 1);
                return new PyExpr(new Not(ArgExpr(a, 0)));
            case "T.Cast":
            case "T.cast":
                {
                    Arity(name, a, at, 2, 2);
                    // T.Cast(dtype, value) as TVM prints it; the older T.cast(value, dtype) is accepted too.
                    bool dtypeFirst = a.Pos[0].V is PyStr or PyType;
                    var (d, v) = dtypeFirst ? (a.Pos[0], a.Pos[1]) : (a.Pos[1], a.Pos[0]);
                    return new PyExpr(new Cast(DtypeOf(d.V, d.At), AsExpr(v.V, v.At)));
                }
            case "T.Select":
                {
                    Arity(name, a, at, 3, 3);
                    var (t, f) = ExprOps.MatchTypes(ArgExpr(a, 1), ArgExpr(a, 2), out var err);
                    if (err is not null) throw Err(at, err);
                    return new PyExpr(new Select(Cond(a, 0), t, f));
                }
            case "T.if_then_else":
                {
                    Arity(name, a, at, 3, 3, "dtype");
                    var (t, f) = ExprOps.MatchTypes(ArgExpr(a, 1), ArgExpr(a, 2), out var err);
                    if (err is not null) throw Err(at, err);
                    var type = a.Kwarg("dtype") is { } kd ? DtypeOf(kd, a.KwargAt("dtype")!) : t.Dtype;
                    return new PyExpr(new Call(type, "if_then_else", [Cond(a, 0), t, f]));
                }
            case "T.reinterpret":
                {
                    // T.reinterpret("uint32", x) as printed, or T.reinterpret(x, dtype="uint32").
                    Arity(name, a, at, 1, 2, "dtype");
                    if (a.Pos.Count == 2) return new PyExpr(new Call(DtypeOf(a.Pos[0].V, a.Pos[0].At), "reinterpret", [ArgExpr(a, 1)]));
                    var kd = a.Kwarg("dtype") ?? throw Err(at, "T.reinterpret needs the target dtype");
                    return new PyExpr(new Call(DtypeOf(kd, a.KwargAt("dtype")!), "reinterpret", [ArgExpr(a, 0)]));
                }
            case "T.Ramp":
                Arity(name, a, at, 3, 3);
                return new PyExpr(new Ramp(ArgExpr(a, 0), ArgExpr(a, 1), (int)ConstInt(a, 2)));
            case "T.Broadcast":
                Arity(name, a, at, 2, 2);
                return new PyExpr(new Broadcast(ArgExpr(a, 0), (int)ConstInt(a, 1)));
        }
        if (name.StartsWith("T.", StringComparison.Ordinal) && Intrinsics.Arity.TryGetValue(name[2..], out int arity))
        {
            string op2 = name[2..];
            Arity(name, a, at, arity, arity, "dtype");
            var args = a.Pos.Select(p => AsExpr(p.V, p.At)).ToList();
            if (args.Count == 2)
            {
                var (x, y) = ExprOps.MatchTypes(args[0], args[1], out var err);
                if (err is not null) throw Err(at, err);
                args = [x, y];
            }
            var type = a.Kwarg("dtype") is { } kd ? DtypeOf(kd, a.KwargAt("dtype")!)
                : BoolResult.Contains(op2) ? DataType.Bool : args[0].Dtype;
            return new PyExpr(new Call(type, op2, args.ToSeq()));
        }
        throw Err(at, $"unknown TVMScript builtin '{name}'");
    }

    /// <summary>T.min_value / T.max_value / T.infinity / T.ninf of a type.</summary>
    private Expr Limit(string name, DataType t, Token at)
    {
        if (t.IsFloat)
        {
            double max = t.Bits switch { 16 => 65504.0, 32 => float.MaxValue, _ => double.MaxValue };
            return new FloatImm(t, name switch
            {
                "T.min_value" => -max, "T.max_value" => max,
                "T.infinity" => double.PositiveInfinity, _ => double.NegativeInfinity,
            });
        }
        if (!t.IsIntegral || name is "T.infinity" or "T.ninf") throw Err(at, $"{name} is not defined for {t}");
        long lo = t.IsUInt ? 0 : t.Bits >= 64 ? long.MinValue : -(1L << (t.Bits - 1));
        long hi = t.IsUInt ? (t.Bits >= 64 ? -1 : (1L << t.Bits) - 1) : t.Bits >= 64 ? long.MaxValue : (1L << (t.Bits - 1)) - 1;
        return new IntImm(t, name == "T.min_value" ? lo : hi);
    }

    private Expr Cond(Args a, int i)
    {
        var c = ArgExpr(a, i);
        if (!c.Dtype.IsBool) throw Err(a.Pos[i].At, $"condition must be bool, got {c.Dtype}");
        return c;
    }

    private long ConstInt(Args a, int i) =>
        ArgExpr(a, i) is IntImm c ? c.Value : throw Err(a.Pos[i].At, "expected an integer constant");

    /// <summary>T.float32(0.0), T.int64(5), T.bool(True), T.float32("inf"); T.int64() declares a symbolic variable.</summary>
    private PyValue TypedConst(string name, DataType t, Args a, Token at)
    {
        if (a.Pos.Count == 0 && a.Kw.All(k => k.Key == "is_size_var")) return new PyCall("var:" + t, a, at);
        Arity(name, a, at, 1, 1);
        var (v, vAt) = a.Pos[0];
        if (v is PyStr s)
        {
            double d = s.S switch
            {
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                "nan" => double.NaN,
                _ => double.TryParse(s.S, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    ? x : throw Err(vAt, $"cannot convert \"{s.S}\" to {t}"),
            };
            if (!t.IsFloat) throw Err(vAt, $"cannot convert \"{s.S}\" to {t}");
            return new PyExpr(new FloatImm(t, d));
        }
        var e = AsExpr(v, vAt);
        if (e is IntImm or FloatImm)
        {
            if (t.IsIntegral && e is FloatImm f && f.Value != Math.Floor(f.Value))
                throw Err(vAt, $"cannot convert {f.Value.ToString(CultureInfo.InvariantCulture)} to {t} without losing precision");
            return new PyExpr(ExprOps.CastTo(t, e) is var c && c.Dtype == t ? c : new Cast(t, e));
        }
        // T.float32(x) on a non-constant is a conversion.
        return new PyExpr(e.Dtype == t ? e : new Cast(t, e));
    }
}
