using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

/// <summary>
/// Random integer expressions printed and parsed back must compute the same values: this catches missing
/// parentheses, which a text-only comparison cannot (a wrongly printed tree reparses to one that prints alike).
/// </summary>
public class ExpressionRoundTripTests
{
    private static readonly Var I = new("i", DataType.Int32);
    private static readonly Var J = new("j", DataType.Int32);

    private static Expr RandomInt(Random r, int depth)
    {
        if (depth == 0 || r.Next(5) == 0)
            return r.Next(3) switch { 0 => I, 1 => J, _ => IntImm.I32(r.Next(-9, 10)) };
        var a = RandomInt(r, depth - 1);
        var b = RandomInt(r, depth - 1);
        return r.Next(9) switch
        {
            0 => new Binary(BinOp.Add, a, b),
            1 => new Binary(BinOp.Sub, a, b),
            2 => new Binary(BinOp.Mul, a, b),
            3 => new Binary(BinOp.FloorDiv, a, IntImm.I32(r.Next(1, 7))),
            4 => new Binary(BinOp.FloorMod, a, IntImm.I32(r.Next(1, 7))),
            5 => new Binary(r.Next(2) == 0 ? BinOp.Min : BinOp.Max, a, b),
            6 => new Binary(BinOp.Div, a, IntImm.I32(r.Next(1, 7))),
            7 => new Select(RandomBool(r, depth - 1), a, b),
            _ => new Binary(BinOp.Sub, a, new Binary(BinOp.Sub, b, a)),
        };
    }

    private static Expr RandomBool(Random r, int depth)
    {
        if (depth <= 0 || r.Next(3) == 0)
        {
            var op = new[] { BinOp.LT, BinOp.LE, BinOp.GT, BinOp.GE, BinOp.EQ, BinOp.NE }[r.Next(6)];
            return new Binary(op, RandomInt(r, 1), RandomInt(r, 1));
        }
        return r.Next(3) switch
        {
            0 => new Binary(BinOp.And, RandomBool(r, depth - 1), RandomBool(r, depth - 1)),
            1 => new Binary(BinOp.Or, RandomBool(r, depth - 1), RandomBool(r, depth - 1)),
            _ => new Not(RandomBool(r, depth - 1)),
        };
    }

    private static long Eval(Expr e, long i, long j) => e switch
    {
        IntImm c => c.Value,
        Var v => v.Name == "i" ? i : j,
        Not n => Eval(n.Value, i, j) == 0 ? 1 : 0,
        Select s => Eval(s.Condition, i, j) != 0 ? Eval(s.TrueValue, i, j) : Eval(s.FalseValue, i, j),
        Binary b => Apply(b.Op, Eval(b.A, i, j), Eval(b.B, i, j)),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static long Apply(BinOp op, long a, long b) => op switch
    {
        BinOp.Add => a + b, BinOp.Sub => a - b, BinOp.Mul => a * b, BinOp.Div => a / b, BinOp.Mod => a % b,
        BinOp.FloorDiv => (long)Math.Floor((double)a / b), BinOp.FloorMod => a - (long)Math.Floor((double)a / b) * b,
        BinOp.Min => Math.Min(a, b), BinOp.Max => Math.Max(a, b),
        BinOp.LT => a < b ? 1 : 0, BinOp.LE => a <= b ? 1 : 0, BinOp.GT => a > b ? 1 : 0, BinOp.GE => a >= b ? 1 : 0,
        BinOp.EQ => a == b ? 1 : 0, BinOp.NE => a != b ? 1 : 0,
        BinOp.And => a != 0 && b != 0 ? 1 : 0, BinOp.Or => a != 0 || b != 0 ? 1 : 0,
        _ => throw new InvalidOperationException(op.ToString()),
    };

    [Fact]
    public void Random_expressions_keep_their_values_through_print_and_parse()
    {
        var r = new Random(20261127);
        var x = new Buffer("X", DataType.Int32, [IntImm.I32(64)]);
        var y = new Buffer("Y", DataType.Bool, [IntImm.I32(64)]);
        for (int n = 0; n < 300; n++)
        {
            var ie = RandomInt(r, 4);
            var be = RandomBool(r, 3);
            Stmt body = new SeqStmt([new BufferStore(x, ie, [I]), new BufferStore(y, be, [J])]);
            body = new For(I, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, new For(J, IntImm.I32(0), IntImm.I32(8), ForKind.Serial, body));
            var f = new PrimFunc([new Var("X", DataType.Handle), new Var("Y", DataType.Handle)], default, body, Attrs.Empty);
            f = f with { BufferMap = [(f.Params[0], x), (f.Params[1], y)] };
            var text = TvmScript.Print(f);
            var g = TvmScript.ParseFunc(text);
            Assert.Equal(text, TvmScript.Print(g));
            var stores = ((SeqStmt)((For)((For)g.Body).Body).Body).Stmts.Cast<BufferStore>().ToList();
            for (long i = -3; i <= 3; i += 2)
                for (long j = -2; j <= 4; j += 3)
                {
                    Assert.True(Eval(ie, i, j) == Eval(stores[0].Value, i, j), $"int expression changed at i={i}, j={j}:\n{text}");
                    Assert.True(Eval(be, i, j) == Eval(stores[1].Value, i, j), $"bool expression changed at i={i}, j={j}:\n{text}");
                }
        }
    }
}
