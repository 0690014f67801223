namespace Tuner.Ir.Relax.Legalize;

/// <summary>Broadcast binaries (topi.add ...), unary element-wise ops (topi's "compute" blocks), gelu, gelu_tanh, silu.</summary>
public static partial class Legalizer
{
    private static string BinExpr(string op, string a, string b) => op switch
    {
        "add" => $"{a} + {b}",
        "subtract" => $"{a} - {b}",
        "multiply" => $"{a} * {b}",
        "divide" => $"{a} / {b}",
        _ => $"T.max({a}, {b})",
    };

    private static LegalFunc Binary(LegalInput x, string op)
    {
        var outS = x.OutShape;
        var dt = x.OutDtype;
        var c0 = x.Const(0);
        var c1 = x.Const(1);
        var tensors = new List<int>();
        if (c0 is null) tensors.Add(0);
        if (c1 is null) tensors.Add(1);
        return new LegalFunc(op, name =>
        {
            var w = new TirWriter();
            var it = TirWriter.Spatial("ax", outS);
            string Operand(int i, RConstant? c, string pname) => c is not null
                ? TirWriter.F(c.Value, dt)
                : TirWriter.At(w.Param(pname, x.Shapes[i], x.Dtypes[i]), BIdx(x.Shapes[i], outS, it));
            var a = Operand(0, c0, "A");
            var b = Operand(1, c1, c0 is null ? "B" : "A");
            var o = w.Param($"T_{op}", outS, dt);
            w.Block($"T_{op}", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {BinExpr(op, a, b)}"]);
            return w.Build(name);
        }, tensors.ToSeq());
    }

    private static LegalFunc Unary(LegalInput x, string op) => new(op, name =>
    {
        var w = new TirWriter();
        var a = w.Param("A", x.Shapes[0], x.Dtypes[0]);
        var o = w.Param("compute", x.OutShape, x.OutDtype);
        var it = TirWriter.Spatial("i", x.OutShape);
        var at = TirWriter.At(a, it.Select(i => i.V));
        var value = op switch
        {
            "relu" => $"T.max({at}, {TirWriter.F(0, x.OutDtype)})",
            "cast" => $"T.Cast(\"{x.OutDtype}\", {at})",
            _ => $"T.{op}({at})",
        };
        w.Block("compute", it, [$"{TirWriter.At(o, it.Select(i => i.V))} = {value}"]);
        return w.Build(name);
    }, Range(1));

    /// <summary>An element-wise chain: each stage (block name, expression over the previous buffers) gets a buffer; the last is the output.</summary>
    private static string Chain(string name, LegalInput x, string output, params (string Block, string Prefix, Func<Func<string, string>, string> Expr)[] stages)
    {
        var w = new TirWriter();
        var dt = x.OutDtype;
        w.Param("A", x.Shapes[0], x.Dtypes[0]);
        var names = stages.Select((s, k) => k == stages.Length - 1 ? output : s.Block).ToList();
        for (int k = 0; k < stages.Length - 1; k++) w.Alloc(names[k], x.OutShape, dt);
        w.Param(output, x.OutShape, dt);
        for (int k = 0; k < stages.Length; k++)
        {
            var it = TirWriter.Spatial(stages[k].Prefix, x.OutShape);
            string Ref(string buf) => TirWriter.At(buf, it.Select(i => i.V));
            w.Block(stages[k].Block, it, [$"{Ref(names[k])} = {stages[k].Expr(Ref)}"]);
        }
        return w.Build(name);
    }

    /// <summary>TVM: x * (0.5 + erf(x * 0.5**0.5) * 0.5).</summary>
    private static LegalFunc Gelu(LegalInput x)
    {
        var dt = x.OutDtype;
        string F(double v) => TirWriter.F(v, dt);
        return new LegalFunc("gelu", name => Chain(name, x, "T_multiply_2",
            ("T_multiply", "ax", r => $"{r("A")} * {F(Math.Sqrt(0.5))}"),
            ("compute", "i", r => $"T.erf({r("T_multiply")})"),
            ("T_multiply_1", "ax", r => $"{r("compute")} * {F(0.5)}"),
            ("T_add", "ax", r => $"{F(0.5)} + {r("T_multiply_1")}"),
            ("T_multiply_2", "ax", r => $"{r("A")} * {r("T_add")}")), Range(1));
    }

    /// <summary>TVM: 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3))).</summary>
    private static LegalFunc GeluTanh(LegalInput x)
    {
        var dt = x.OutDtype;
        string F(double v) => TirWriter.F(v, dt);
        return new LegalFunc("gelu_tanh", name => Chain(name, x, "T_multiply_4",
            ("T_multiply", "ax", r => $"{F(0.5)} * {r("A")}"),
            ("T_power", "ax", r => $"T.pow({r("A")}, {F(3)})"),
            ("T_multiply_1", "ax", r => $"{F(0.044715)} * {r("T_power")}"),
            ("T_add", "ax", r => $"{r("A")} + {r("T_multiply_1")}"),
            ("T_multiply_2", "ax", r => $"{F(Math.Sqrt(2 / Math.PI))} * {r("T_add")}"),
            ("compute", "i", r => $"T.tanh({r("T_multiply_2")})"),
            ("T_add_1", "ax", r => $"{F(1)} + {r("compute")}"),
            ("T_multiply_4", "ax", r => $"{r("T_multiply")} * {r("T_add_1")}")), Range(1));
    }

    /// <summary>TVM: x * sigmoid(x).</summary>
    private static LegalFunc Silu(LegalInput x) => new("silu", name => Chain(name, x, "T_multiply",
        ("compute", "i", r => $"T.sigmoid({r("A")})"),
        ("T_multiply", "ax", r => $"{r("A")} * {r("compute")}")), Range(1));
}
