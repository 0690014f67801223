using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Exec;
using Tuner.Ir.Relax.Ops;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.Script;
using Tuner.Ir.Transforms;

namespace Tuner.Ir.Tests.Relax;

public class FusionTests
{
    private static IRModule Example(string name) => LegalizeOpsTests.Load(ScriptFiles.Example(name + ".py"));

    [Fact]
    public void Op_patterns_follow_tvms_analysis()
    {
        var m = new Sequential(RelaxTransform.LegalizeOps(), RelaxTransform.AnnotateTIROpPattern()).Apply(LegalizeOpsTests.Load(LegalizeOpsTests.GoldenPath("ops.py")));
        OpPattern P(string f) => (OpPattern)((IntImm)m.Lookup(f)!.Attrs[AnnotateTIROpPattern.Attr]!).Value;
        // (2,3,8,8) + (3,1,8): A is element-wise and B broadcast, which TVM counts as element-wise.
        Assert.Equal(OpPattern.ElemWise, P("add"));
        Assert.Equal(OpPattern.ElemWise, P("relu"));
        Assert.Equal(OpPattern.ElemWise, P("multiply"));
        Assert.Equal(OpPattern.OutEWiseFusable, P("matmul"));
        Assert.Equal(OpPattern.OutEWiseFusable, P("conv2d"));
        Assert.Equal(OpPattern.OutEWiseFusable, P("softmax"));
        Assert.Equal(OpPattern.OutEWiseFusable, P("max_pool2d"));
        Assert.Equal(OpPattern.Opaque, P("layer_norm"));
        Assert.Equal(OpPattern.Injective, P("transpose"));
        Assert.Equal(OpPattern.Injective, P("reshape"));
        Assert.Equal(OpPattern.CommReduce, P("sum"));
        Assert.Equal(OpPattern.Injective, P("take")); // a gather, as TVM's topi.take
    }

    [Theory]
    [InlineData("mlp_relax")]
    [InlineData("conv_relax")]
    [InlineData("transformer_relax")]
    public void Examples_fuse_to_the_golden_modules(string name)
    {
        var m = RelaxTransform.TuningPipeline().Apply(Example(name));
        LegalizeOpsTests.AssertGolden(name + ".fused.py", TvmScript.Print(m));
    }

    [Fact]
    public void The_mlp_fuses_as_tvm_names_it()
    {
        var m = new Sequential(RelaxTransform.LegalizeOps(), RelaxTransform.AnnotateTIROpPattern(), RelaxTransform.FuseOps()).Apply(Example("mlp_relax"));
        Assert.Equal(["fused_matmul1_add1_relu1", "fused_matmul2_add2", "fused_matmul_add_relu", "main"],
            m.Functions.OfType<RelaxFuncEntry>().Select(f => f.Name));
        LegalizeOpsTests.AssertGolden("mlp_relax.fuseops.py", TvmScript.Print(m));
        var after = RelaxTransform.FuseTIR().Apply(m);
        Assert.Equal(["fused_matmul1_add1_relu1", "fused_matmul2_add2", "fused_matmul_add_relu", "softmax", "main"], after.Functions.Select(f => f.Name));
        var fused = after.Lookup("fused_matmul_add_relu")!;
        Assert.Equal(["x", "w1", "b1", "compute_intermediate"], fused.ParamBuffers.Select(b => b.Name));
        Assert.Equal(["matmul_intermediate", "T_add_intermediate"], fused.RootBlock!.AllocBuffers.Select(b => b.Name));
    }

    [Theory]
    [InlineData("mlp_relax")]
    [InlineData("conv_relax")]
    public void Fused_functions_compute_what_the_unfused_ones_do(string name)
    {
        var legal = RelaxTransform.LegalizeOps().Apply(Example(name));
        var fused = RelaxTransform.TuningPipeline().Apply(Example(name));
        var main = RelaxModule.RelaxFuncs(legal).Single().Func;
        var inputs = ReferenceExecutor.Inputs(main, 11);
        var a = new RelaxExecutor(legal, new InterpreterKernels()).Run(inputs);
        var b = new RelaxExecutor(fused, new InterpreterKernels()).Run(inputs);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i].Data, b[i].Data);
    }
}
