using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Script;
using Tuner.Ir.Transforms;

namespace Tuner.Ir.Tests.Relax;

/// <summary>What the Relax pipeline refuses, with a clear located error, and the limits FuseOps applies as TVM does.</summary>
public class RelaxLimitsTests
{
    private const string Symbolic =
        "# from tvm.script import ir as I\n# from tvm.script import tir as T\n# from tvm.script import relax as R\n\n@I.ir_module\nclass Module:\n" +
        "    @R.function\n" +
        "    def main(x: R.Tensor((\"n\", 784), dtype=\"float32\"), w: R.Tensor((784, 10), dtype=\"float32\")) -> R.Tensor((\"n\", 10), dtype=\"float32\"):\n" +
        "        n = T.int64()\n" +
        "        with R.dataflow():\n" +
        "            lv = R.matmul(x, w, out_dtype=\"void\")\n" +
        "            gv = R.nn.relu(lv)\n" +
        "            R.output(gv)\n" +
        "        return gv\n";

    [Fact]
    public void LegalizeOps_on_a_symbolic_shape_names_the_op_the_line_and_the_symbolic_dims()
    {
        var m = TvmScript.ParseModule(Symbolic, "sym.py");
        var e = Assert.Throws<RelaxPassException>(() => RelaxTransform.LegalizeOps().Apply(m));
        Assert.Equal(
            "sym.py:11:18: LegalizeOps: main: lv = R.matmul: symbolic dimensions are not supported by LegalizeOps "
            + "(argument 1 (x) has shape (n, 784)); give the model constant shapes",
            e.Located("sym.py"));
    }

    [Fact]
    public void Metadata_constants_are_a_located_error_saying_what_to_do()
    {
        var text = RelaxText.Module("x: " + RelaxText.T(1, 4), RelaxText.T(1, 4), "gv = R.add(x, metadata[\"relax.expr.Constant\"][0])");
        var e = Assert.Throws<TvmScriptException>(() => TvmScript.ParseModule(text, "m.py"));
        Assert.Equal((RelaxText.FirstBindingLine, 27), (e.Line, e.Column));
        Assert.StartsWith("metadata[...] constants are not supported (TVM omits their values from the script): make the tensor a parameter", e.Detail);
    }

    /// <summary>A chain of n element-wise adds, each with its own parameter: x + p0 + p1 + ... .</summary>
    private static IRModule AddChain(int n)
    {
        var parms = "x: " + RelaxText.T(4) + string.Concat(Enumerable.Range(0, n).Select(i => $", p{i}: {RelaxText.T(4)}"));
        var bindings = Enumerable.Range(0, n).Select(i => $"{(i == n - 1 ? "gv" : $"lv{i}")} = R.add({(i == 0 ? "x" : $"lv{i - 1}")}, p{i})");
        var m = TvmScript.ParseModule(RelaxText.Module(parms, RelaxText.T(4), [.. bindings]), "chain.py");
        return new Sequential(RelaxTransform.LegalizeOps(), RelaxTransform.AnnotateTIROpPattern()).Apply(m);
    }

    private static List<RelaxFunction> Fused(IRModule m) =>
        m.Functions.OfType<RelaxFuncEntry>().Where(f => f.Func.IsPrimitive).Select(f => f.Func).ToList();

    [Fact]
    public void FuseOps_has_no_argument_limit_as_relax_passes_max_function_args_0()
    {
        // 40 adds with 41 distinct inputs fuse into one function: Relax's FuseOps gives its partitioner no argument cap
        // (Relay's took max_function_args from the target).
        var fused = Fused(FuseOps.Run(AddChain(40)));
        var f = Assert.Single(fused);
        Assert.Equal(41, f.Params.Count);
        Assert.Equal(40, f.Bindings.Count());
    }

    [Fact]
    public void FuseOps_caps_a_group_at_max_fuse_depth_nodes()
    {
        // TVM's relax.FuseOps.max_depth (kMaxFusedOps = 256 by default): no group grows past it. 12 adds at depth 5
        // make groups of 5, 5 and 2; the two groups of 5 are the same function, which BlockBuilder.AddFunction shares.
        var m = FuseOps.Run(AddChain(12), maxFuseDepth: 5);
        Assert.Equal([2, 5], Fused(m).Select(f => f.Bindings.Count()).Order());
        var main = m.Functions.OfType<RelaxFuncEntry>().Single(f => f.Name == "main").Func;
        Assert.Equal(3, main.Bindings.Count(b => b.Value is RCall { Callee: not null }));
        Assert.Equal(256, FuseOps.DefaultMaxDepth);
    }
}
