using Tuner.Ir.Relax;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.Script;

namespace Tuner.Ir.Tests.Relax;

public class RelaxScriptTests
{
    [Theory]
    [InlineData("mlp_relax.py")]
    [InlineData("conv_relax.py")]
    [InlineData("transformer_relax.py")]
    [InlineData("mlp_module.py")]
    public void Examples_print_back_exactly_as_written(string name)
    {
        var text = File.ReadAllText(ScriptFiles.Example(name));
        var m = TvmScript.ParseModule(text, name);
        Assert.Contains(m.Functions, f => f is RelaxFuncEntry);
        Assert.Equal(text, TvmScript.Print(m));
    }

    [Fact]
    public void Mixed_modules_keep_both_halves()
    {
        var m = TvmScript.ParseModule(File.ReadAllText(ScriptFiles.Example("mlp_module.py")));
        Assert.Equal(4, m.PrimFuncs.Count());
        var main = m.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var calls = main.Bindings.Select(b => (RCall)b.Value).ToList();
        Assert.All(calls, c => Assert.True(c.IsCallTir));
        Assert.Equal(["matmul", "add", "relu", "softmax"], calls.Select(c => c.TirName));
        Assert.Equal(TensorStructInfo.Of(DataType.Float32, 32, 64), main.Bindings.Last().Var.Info);
        Assert.False(main.Bindings.Last().Var.IsDataflow);
        Assert.True(main.Bindings.First().Var.IsDataflow);
    }

    [Fact]
    public void Symbolic_dims_are_quoted_in_the_signature_and_declared_in_the_body()
    {
        var text = RelaxText.Header +
            "    @R.function(private=True)\n" +
            "    def main(x: R.Tensor((\"n\", 784), dtype=\"float32\"), w: R.Tensor((784, 10), dtype=\"float32\")) -> R.Tensor((\"n\", 10), dtype=\"float32\"):\n" +
            "        n = T.int64()\n" +
            "        R.func_attr({\"num_input\": 1})\n" +
            "        with R.dataflow():\n" +
            "            lv: R.Tensor((n, 10), dtype=\"float32\") = R.matmul(x, w, out_dtype=\"void\")\n" +
            "            gv = R.nn.relu(lv)\n" +
            "            R.output(gv)\n" +
            "        return gv\n";
        var m = TvmScript.ParseModule(text);
        var f = m.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var n = (Var)((TensorStructInfo)f.Params[0].Info).Shape!.Value[0];
        Assert.Same(n, ((TensorStructInfo)f.Bindings.Last().Var.Info).Shape!.Value[0]);
        Assert.True(f.IsPrivate);
        var printed = TvmScript.Print(m);
        Assert.Contains("# from tvm.script import tir as T\n", printed);
        Assert.Contains("def main(x: R.Tensor((\"n\", 784), dtype=\"float32\"), w: R.Tensor((784, 10), dtype=\"float32\")) -> R.Tensor((\"n\", 10), dtype=\"float32\"):\n        n = T.int64()\n        R.func_attr({\"num_input\": 1})\n", printed);
        Assert.Equal(printed, TvmScript.Print(TvmScript.ParseModule(printed)));
    }

    [Fact]
    public void Float_attributes_print_as_tvm_prints_them()
    {
        var text = RelaxText.Module("x: R.Tensor((2, 8), dtype=\"float32\"), g: R.Tensor((8,), dtype=\"float32\")", "R.Tensor((2, 8), dtype=\"float32\")",
            "gv = R.nn.rms_norm(x, g, axes=[-1], epsilon=1e-05)");
        var printed = TvmScript.Print(TvmScript.ParseModule(text));
        Assert.Contains("gv = R.nn.rms_norm(x, g, axes=[-1], epsilon=1.0000000000000001e-05)", printed);
    }

    [Fact]
    public void Omitted_attributes_are_printed_with_their_defaults()
    {
        var text = RelaxText.Module("x: R.Tensor((2, 8), dtype=\"float32\")", "R.Tensor((2, 8), dtype=\"float32\")", "gv = R.nn.softmax(x)");
        Assert.Contains("gv = R.nn.softmax(x, axis=-1)", TvmScript.Print(TvmScript.ParseModule(text)));
    }

    [Fact]
    public void Tuples_and_tuple_items_round_trip()
    {
        var text = RelaxText.Module("x: R.Tensor((2, 8), dtype=\"float32\")", "R.Tensor((2, 8), dtype=\"float32\")",
            "lv = (x, x)", "gv = lv[1]");
        var m = TvmScript.ParseModule(text);
        Assert.Equal(text, TvmScript.Print(m));
        Assert.IsType<TupleGetItem>(m.Functions.OfType<RelaxFuncEntry>().Single().Func.Bindings.Last().Value);
    }
}
