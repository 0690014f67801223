using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Relax;

public class RelaxErrorTests
{
    private static TvmScriptException Fail(string text) => Assert.Throws<TvmScriptException>(() => TvmScript.ParseModule(text, "m.py"));

    private static void AssertAt(string text, int line, int col, string detail)
    {
        var e = Fail(text);
        Assert.Equal(("m.py", line, col, detail), (e.File, e.Line, e.Column, e.Detail));
        Assert.StartsWith($"m.py:{line}:{col}: ", e.Message);
    }

    private const string X = "x: R.Tensor((2, 8), dtype=\"float32\")";
    private const string Ret = "R.Tensor((2, 8), dtype=\"float32\")";

    [Fact]
    public void A_shape_mismatch_is_reported_at_the_call()
    {
        var text = RelaxText.Module(X + ", w: R.Tensor((4, 3), dtype=\"float32\")", Ret, "lv = R.nn.relu(x)", "gv = R.matmul(lv, w)");
        AssertAt(text, RelaxText.FirstBindingLine + 1, 18, "R.matmul: reduction dimensions differ: (2, 8) @ (4, 3) (8 vs 4)");
    }

    [Fact]
    public void A_dtype_mismatch_is_reported_at_the_call()
    {
        var text = RelaxText.Module(X + ", y: R.Tensor((2, 8), dtype=\"float16\")", Ret, "gv = R.add(x, y)");
        AssertAt(text, RelaxText.FirstBindingLine, 18, "R.add: dtype mismatch: float32 and float16");
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_are_an_error()
    {
        var text = RelaxText.Module(X + ", y: R.Tensor((3,), dtype=\"float32\")", Ret, "gv = R.multiply(x, y)");
        AssertAt(text, RelaxText.FirstBindingLine, 18, "R.multiply: shapes (2, 8) and (3,) do not broadcast (dimension 1: 8 vs 3)");
    }

    [Fact]
    public void A_reshape_to_another_element_count_is_an_error()
    {
        var text = RelaxText.Module(X, Ret, "gv = R.reshape(x, R.shape([3, 5]))");
        AssertAt(text, RelaxText.FirstBindingLine, 18, "R.reshape: cannot reshape (2, 8) (16 elements) to (3, 5) (15 elements)");
    }

    [Fact]
    public void Conv2d_channel_mismatch_is_an_error()
    {
        var text = RelaxText.Module("x: R.Tensor((1, 3, 8, 8), dtype=\"float32\"), w: R.Tensor((4, 2, 3, 3), dtype=\"float32\")", "R.Object", "gv = R.nn.conv2d(x, w)");
        AssertAt(text, RelaxText.FirstBindingLine, 18, "R.nn.conv2d: data has 3 channels but the weight expects 2 per group x 1 groups");
    }

    [Fact]
    public void Unknown_operators_and_names_are_errors()
    {
        AssertAt(RelaxText.Module(X, Ret, "gv = R.nn.frobnicate(x)"), RelaxText.FirstBindingLine, 18, "unknown Relax operator 'R.nn.frobnicate'");
        AssertAt(RelaxText.Module(X, Ret, "gv = R.nn.relu(y)"), RelaxText.FirstBindingLine, 28, "undefined variable 'y'");
        AssertAt(RelaxText.Module(X, Ret, "gv = R.nn.softmax(x, dim=1)"), RelaxText.FirstBindingLine, 34, "R.nn.softmax got an unexpected keyword argument 'dim'");
        AssertAt(RelaxText.Module(X, Ret, "gv = R.nn.softmax(x, axis=2)"), RelaxText.FirstBindingLine, 18, "R.nn.softmax: axis 2 is out of range for a tensor of rank 2");
    }

    [Fact]
    public void Call_tir_must_name_a_prim_func_of_the_module()
    {
        var text = RelaxText.Module(X, Ret, "gv = R.call_tir(cls.nothing, (x,), out_sinfo=R.Tensor((2, 8), dtype=\"float32\"))")
            .Replace("        with R.dataflow():", "        cls = Module\n        with R.dataflow():");
        AssertAt(text, RelaxText.FirstBindingLine + 1, 29, "R.call_tir calls 'nothing', which is not a T.prim_func of this module");
    }

    [Fact]
    public void A_dataflow_block_without_output_is_an_error()
    {
        var text = RelaxText.Module(X, Ret, "gv = R.nn.relu(x)").Replace("            R.output(gv)\n", "");
        AssertAt(text, 8, 9, "a dataflow block must end with R.output(...)");
    }
}
