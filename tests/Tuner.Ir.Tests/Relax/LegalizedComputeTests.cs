using Tuner.Ir.Interp;
using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Exec;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Tests.Script;

namespace Tuner.Ir.Tests.Relax;

public class LegalizedComputeTests
{
    /// <summary>Every operator of Golden/ops.py: its legalized PrimFunc, interpreted, equals the loop reference.</summary>
    [Fact]
    public void Each_legalized_operator_computes_its_reference()
    {
        var before = LegalizeOpsTests.Load(LegalizeOpsTests.GoldenPath("ops.py"));
        var after = RelaxTransform.LegalizeOps().Apply(before);
        var f0 = before.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var f1 = after.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var inputs = ReferenceExecutor.Inputs(f0, 7);
        var byParam = f1.Params.Zip(inputs).ToDictionary(p => p.First, p => p.Second);
        var refs = f0.Params.Zip(inputs).ToDictionary(p => p.First.Name, p => RefTensor.Of(p.Second));
        int checkedOps = 0;
        foreach (var (b0, b1) in f0.Bindings.Zip(f1.Bindings))
        {
            if (b0.Value is not RCall op) continue;
            var call = (RCall)b1.Value;
            var prim = after.Lookup(call.TirName)!;
            var args = call.TirArgs.Select(a => byParam[(RVar)a]).ToList();
            var outT = (TensorStructInfo)call.Info;
            var output = new NDArray(outT.Dtype, outT.ConstShape()!);
            Interpreter.Run(prim, [.. args, output]);
            var expected = ReferenceOps.Eval(op, op.Args.Select(a => a is RConstant c ? new RefTensor([], [c.Value]) : refs[((RVar)a).Name]).ToList());
            ReferenceExecutor.AssertClose(expected, output, $"{b0.Var.Name} = {op.Op} ({call.TirName})");
            checkedOps++;
        }
        Assert.Equal(32, checkedOps);
    }

    [Theory]
    [InlineData("mlp_relax.py")]
    [InlineData("conv_relax.py")]
    public void The_executor_runs_legalized_examples_as_the_reference_computes_them(string name)
    {
        var before = LegalizeOpsTests.Load(ScriptFiles.Example(name));
        var main = before.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var inputs = ReferenceExecutor.Inputs(main, 3);
        var expected = ReferenceExecutor.Run(main, inputs);
        var legal = RelaxTransform.LegalizeOps().Apply(before);
        var actual = new RelaxExecutor(legal, new InterpreterKernels()).Run(inputs);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < actual.Count; i++) ReferenceExecutor.AssertClose(expected[i], actual[i], $"{name} output {i}");
    }

    [Fact]
    public void The_executor_rejects_inputs_of_the_wrong_shape_and_unlegalized_operators()
    {
        var before = LegalizeOpsTests.Load(ScriptFiles.Example("mlp_relax.py"));
        var main = before.Functions.OfType<RelaxFuncEntry>().Single().Func;
        var inputs = ReferenceExecutor.Inputs(main, 3);
        var e = Assert.Throws<RelaxExecException>(() => new RelaxExecutor(before, new InterpreterKernels()).Run(inputs));
        Assert.Equal("main: lv: operator relax.matmul is not legalized (run LegalizeOps first)", e.Message);
        inputs[1] = new NDArray(DataType.Float32, [784, 255]);
        var legal = RelaxTransform.LegalizeOps().Apply(before);
        e = Assert.Throws<RelaxExecException>(() => new RelaxExecutor(legal, new InterpreterKernels()).Run(inputs));
        Assert.Equal("main: input 2 (w1): expected shape (784, 256), got (784, 255)", e.Message);
    }
}
