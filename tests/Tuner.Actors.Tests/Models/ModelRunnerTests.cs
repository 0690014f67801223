using Tuner.Actors.Models;
using Tuner.Actors.Tests.Space;
using Tuner.Ir;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Script;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tests.Models;

public class ModelRunnerTests
{
    private static IRModule Example(string name) =>
        TvmScript.ParseModule(File.ReadAllText(Path.Combine(Workloads.RepoRoot, "examples", name)), name);

    /// <summary>
    /// Float32 tolerance: compiled kernels reorder and contract sums (reductions up to 1024 long), and an output
    /// element near zero carries the rounding of its large intermediate sums, so the bound scales with the output's largest magnitude.
    /// </summary>
    private static void AssertClose(NDArray expected, NDArray actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = Enumerable.Range(0, (int)expected.Size).Max(i => Math.Abs(expected.GetDouble(i)));
        for (long i = 0; i < expected.Size; i++)
        {
            double e = expected.GetDouble(i), a = actual.GetDouble(i);
            Assert.True(Math.Abs(e - a) <= 1e-4 * Math.Abs(e) + 1e-5 * (1 + scale), $"{what}: element {i}: interpreter {e}, compiled {a}");
        }
    }

    // The transformer interprets ~30 M multiply-adds: about 6 s of CPU, up to ~20 s on a loaded machine.
    [Theory]
    [InlineData("mlp_relax.py")]
    [InlineData("conv_relax.py")]
    [InlineData("transformer_relax.py")]
    public void Compiled_execution_of_each_example_equals_the_interpreter(string name)
    {
        var target = Target.Parse("llvm -num-cores 1");
        var m = ModelRunner.Prepare(Example(name), target, null);
        Assert.False(ModelRunner.NeedsLegalization(m));
        var inputs = ModelRunner.RandomInputs(m, 5);
        var compiled = ModelRunner.Run(m, inputs, target);
        var interpreted = ModelRunner.Run(m, inputs, target, interpret: true);
        Assert.Equal(interpreted.Count, compiled.Count);
        for (int i = 0; i < compiled.Count; i++) AssertClose(interpreted[i], compiled[i], $"{name} output {i}");
    }

    [Fact]
    public void An_embedding_lookup_gets_token_ids_in_range_and_runs_compiled_as_interpreted()
    {
        var m = TvmScript.ParseModule("""
            # from tvm.script import ir as I
            # from tvm.script import relax as R

            @I.ir_module
            class Module:
                @R.function
                def main(ids: R.Tensor((16,), dtype="int64"), emb: R.Tensor((1000, 64), dtype="float32"), w: R.Tensor((64, 32), dtype="float32")) -> R.Tensor((16, 32), dtype="float32"):
                    with R.dataflow():
                        lv: R.Tensor((16, 64), dtype="float32") = R.take(emb, ids, axis=0)
                        lv1: R.Tensor((16, 32), dtype="float32") = R.matmul(lv, w, out_dtype="void")
                        gv: R.Tensor((16, 32), dtype="float32") = R.nn.relu(lv1)
                        R.output(gv)
                    return gv
            """, "embedding.py");
        var target = Target.Parse("llvm -num-cores 1");
        var prepared = ModelRunner.Prepare(m, target, null);
        var inputs = ModelRunner.RandomInputs(prepared, 5);
        var ids = Enumerable.Range(0, 16).Select(i => inputs[0].GetLong(i)).ToArray();
        Assert.All(ids, id => Assert.InRange(id, 0, 999));
        Assert.True(ids.Distinct().Count() > 8, "the ids should spread over the table");
        var compiled = ModelRunner.Run(prepared, inputs, target);
        var interpreted = ModelRunner.Run(prepared, inputs, target, interpret: true);
        AssertClose(interpreted[0], compiled[0], "embedding output");
    }

    [Fact]
    public void Bench_times_every_call_of_main()
    {
        var target = Target.Parse("llvm -num-cores 1");
        var m = ModelRunner.Prepare(Example("conv_relax.py"), target, null);
        var calls = ModelRunner.Bench(m, ModelRunner.RandomInputs(m, 1), target, new Tuner.Actors.Runner.EvaluatorConfig(1, 1, 0));
        Assert.Equal(["fused_conv2d_add_relu", "max_pool2d"], calls.Select(c => c.Func));
        Assert.All(calls, c => { Assert.Equal(1, c.Calls); Assert.True(c.SecsPerCall > 0); });
    }

    [Fact]
    public void A_module_already_of_call_tir_is_tuned_as_it_is()
    {
        var m = Example("mlp_module.py");
        Assert.Same(m, ModelRunner.ForTuning(m));
        var fused = ModelRunner.ForTuning(Example("mlp_relax.py"));
        Assert.Equal(["fused_matmul1_add1_relu1", "fused_matmul2_add2", "fused_matmul_add_relu", "softmax"], fused.PrimFuncs.Select(p => p.Name));
        Assert.Single(RelaxModule.RelaxFuncs(fused));
    }
}
