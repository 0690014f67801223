using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

/// <summary>The checks the primitive tests rely on can fail.</summary>
public class SupportTests
{
    [Fact]
    public void SameResults_detects_a_function_that_computes_something_else()
    {
        var f = TestFuncs.Matmul(4, 4, 4);
        var root = ((BlockRealize)f.Body).Block;
        var wrong = f with
        {
            Body = ((BlockRealize)f.Body) with
            {
                Block = root with { Body = new InitChanger().VisitStmt(root.Body) },
            },
        };
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ScheduleAssert.SameResults(f, wrong));
    }

    [Fact]
    public void IrText_tells_apart_functions_that_differ_in_a_binding()
    {
        var sch1 = new Sched(TestFuncs.Vector(16));
        sch1.Split(sch1.GetLoops(sch1.GetBlock("B"))[0], [2L, 8L]);
        var sch2 = new Sched(TestFuncs.Vector(16));
        sch2.Split(sch2.GetLoops(sch2.GetBlock("B"))[0], [8L, 2L]);
        Assert.NotEqual(IrText.Of(sch1.Func), IrText.Of(sch2.Func));
        var sch3 = new Sched(TestFuncs.Vector(16));
        sch3.Split(sch3.GetLoops(sch3.GetBlock("B"))[0], [2L, 8L]);
        Assert.Equal(IrText.Of(sch1.Func), IrText.Of(sch3.Func));
    }

    private sealed class InitChanger : IrRewriter
    {
        public override Stmt VisitBlock(Block b) =>
            b.Init is BufferStore st ? b with { Init = st with { Value = new FloatImm(DataType.Float32, 1) } } : base.VisitBlock(b);
    }
}
