using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>Intrinsic calls evaluated one at a time: O[0] = T.op(x) for a scalar parameter x.</summary>
public class IntrinsicTests
{
    /*
    @T.prim_func
    def f(O: T.Buffer((1,), dtype), x: dtype):
        O[0] = T.<op>(x)
    */
    private static double Eval(string op, DataType t, params double[] xs)
    {
        var o = Buf("O", t, 1);
        var ps = xs.Select((_, k) => V("x" + k, t)).ToArray();
        var func = RawFunc([o], St(o, Call(t, op, ps.Cast<Expr>().ToArray()), C(0)), ps);
        var oo = new NDArray(t, [1]);
        Interpreter.Run(func, [oo, .. xs.Select(x => IntegerTests.Scalar(t, x))]);
        return oo.GetDouble(0);
    }

    [Theory]
    [InlineData("exp", 1.5)]
    [InlineData("log", 3.25)]
    [InlineData("sqrt", 2.0)]
    [InlineData("tanh", -0.75)]
    [InlineData("fabs", -3.5)]
    [InlineData("floor", -2.5)]
    [InlineData("ceil", -2.5)]
    [InlineData("trunc", -2.7)]
    [InlineData("sin", 0.3)]
    [InlineData("log2", 10.0)]
    public void Float32_math_is_the_double_result_rounded_to_float(string op, double x)
    {
        Func<double, double> reference = op switch
        {
            "exp" => Math.Exp, "log" => Math.Log, "sqrt" => Math.Sqrt, "tanh" => Math.Tanh, "fabs" => Math.Abs,
            "floor" => Math.Floor, "ceil" => Math.Ceiling, "trunc" => Math.Truncate, "sin" => Math.Sin, "log2" => Math.Log2,
            _ => throw new ArgumentException(op),
        };
        float fx = (float)x;
        Assert.Equal((float)reference(fx), (float)Eval(op, F32, fx)); // exact: one rounding of the double result
    }

    [Fact]
    public void Rsqrt_and_sigmoid_match_their_float32_expansions()
    {
        float x = 0.7f;
        Assert.Equal(1f / MathF.Sqrt(x), (float)Eval("rsqrt", F32, x));
        Assert.Equal(1f / (1f + (float)Math.Exp(-x)), (float)Eval("sigmoid", F32, x));
        Assert.Equal(MathF.Pow(2f, 10f), (float)Eval("pow", F32, 2, 10));
    }

    [Theory]
    [InlineData(2.5, 2.0)]
    [InlineData(3.5, 4.0)]
    [InlineData(-0.5, -0.0)]
    [InlineData(-1.5, -2.0)]
    [InlineData(1.4, 1.0)]
    public void Round_rounds_halves_to_even_like_nearbyint(double x, double expected)
    {
        Assert.Equal(expected, Eval("round", DataType.Float64, x));
        Assert.Equal(expected, Eval("nearbyint", F32, x));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(-2.0, -0.9953222650189527)]
    [InlineData(3.5, 0.9999992569016276)]
    [InlineData(0.01, 0.011283415555849618)]
    public void Erf_matches_tabulated_values(double x, double expected)
    {
        Assert.Equal(expected, Eval("erf", DataType.Float64, x), tolerance: 1e-14); // absolute, float64
    }

    [Fact]
    public void Isnan_and_reinterpret_see_the_bits()
    {
        var b = Buf("B", DataType.Bool, 2);
        var o = Buf("O", I32, 1);
        var of = Buf("OF", F32, 1);
        var x = V("x", F32);
        var body = Seq(
            St(b, Call(DataType.Bool, "isnan", x), C(0)),
            St(b, Call(DataType.Bool, "isinf", x), C(1)),
            St(o, Call(I32, "reinterpret", x), C(0)),
            St(of, Call(F32, "reinterpret", C(0x40490FDB)), C(0)));
        var func = RawFunc([b, o, of], body, [x]);
        var (bb, oo, ff) = (new NDArray(DataType.Bool, [2]), new NDArray(I32, [1]), new NDArray(F32, [1]));
        Interpreter.Run(func, [bb, oo, ff, IntegerTests.Scalar(F32, 1.0)]);
        Assert.Equal((0L, 0L), (bb.GetLong(0), bb.GetLong(1)));
        Assert.Equal(0x3F800000, oo.GetLong(0));
        Assert.Equal(3.14159274f, (float)ff.GetDouble(0));
        Interpreter.Run(func, [bb, oo, ff, IntegerTests.Scalar(F32, double.NaN)]);
        Assert.Equal(1, bb.GetLong(0));
    }

    [Fact]
    public void Popcount_and_clz_count_within_the_type_width()
    {
        var u32 = DataType.UInt32;
        var o = Buf("O", u32, 2);
        var x = V("x", u32);
        var func = RawFunc([o], Seq(St(o, Call(u32, "popcount", x), C(0)), St(o, Call(u32, "clz", x), C(1))), [x]);
        var oo = new NDArray(u32, [2]);
        Interpreter.Run(func, [oo, IntegerTests.Scalar(u32, 0x00F0_0001)]);
        Assert.Equal((5L, 8L), (oo.GetLong(0), oo.GetLong(1)));
    }

    [Fact]
    public void Unknown_intrinsics_are_rejected_by_name()
    {
        var o = Buf("O", F32, 1);
        var func = RawFunc([o], St(o, Call(F32, "my_extern", Fc(1)), C(0)));
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [1])]));
        Assert.Contains("my_extern", ex.Message);
    }
}
