using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>Relax-generated workloads index with int64 (T.int64 shapes and loops): new loops, bindings and regions must stay int64.</summary>
public class Int64IndexTests
{
    private static PrimFunc MatmulRelu64()
    {
        var t = DataType.Int64;
        var (a, b, c, d) = (Buf64("A", 8, 8), Buf64("B", 8, 8), Buf64("C", 8, 8), Buf64("D", 8, 8));
        var mm = Compute("matmul", "SSR", [8, 8, 8], ["i", "j", "k"],
            v => St(c, L(c, v[0], v[1]) + L(a, v[0], v[2]) * L(b, v[2], v[1]), v[0], v[1]),
            v => St(c, F(0), v[0], v[1]), t);
        var relu = Compute("relu", "SS", [8, 8], ["i", "j"], v => St(d, E.Max(L(c, v[0], v[1]), F(0)), v[0], v[1]), index: t);
        return Func([a, b, d], [c], mm, relu);
    }

    [Fact]
    public void Cache_and_placement_primitives_keep_int64_indices()
    {
        var f = MatmulRelu64();
        var s = new ScheduleState(f);
        CacheReadPrimitive.Apply(s, "matmul", 0, "local");
        var copy = CacheWritePrimitive.Apply(s, "matmul", 0, "local");
        var i = LoopsOf(s, "matmul")[0];
        ReverseComputeAtPrimitive.Apply(s, copy, i, true, -1);
        ComputeAtPrimitive.Apply(s, "A_local", i, false, -1);
        DecomposeReductionPrimitive.Apply(s, "matmul", LoopsOf(s, "matmul")[1]);
        ReverseComputeInlinePrimitive.Apply(s, "relu");
        Assert.Equal(DataType.Int64, s.FindBlock("A_local", "t").IterValues[0].Dtype);
        AssertIndexDtypesConsistent(s.Func);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void RFactor_and_ComputeInline_keep_int64_indices()
    {
        var f = MatmulRelu64();
        var s = new ScheduleState(f);
        RFactorPrimitive.Apply(s, LoopsOf(s, "matmul")[2], 0);
        AssertIndexDtypesConsistent(s.Func);
        AssertSameOutputs(f, s.Func);

        var t = DataType.Int64;
        var (a, b, c) = (Buf64("A", 8), Buf64("B", 8), Buf64("C", 8));
        var g = Func([a, c], [b],
            Compute("B", "S", [8], ["i"], v => St(b, L(a, v[0]) * F(2), v[0]), index: t),
            Compute("C", "S", [8], ["i"], v => St(c, L(b, v[0]) + F(1), v[0]), index: t));
        var s2 = new ScheduleState(g);
        ComputeInlinePrimitive.Apply(s2, "B");
        AssertIndexDtypesConsistent(s2.Func);
        AssertSameOutputs(g, s2.Func);
    }
}
