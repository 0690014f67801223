using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>The opt-in check that blocks access only what they declare in T.reads / T.writes.</summary>
public class RegionCheckTests
{
    /*
    @T.prim_func
    def rowsum(A: T.Buffer((4, 10), "float32"), B: T.Buffer((4,), "float32")):
        for i, k in T.grid(4, 10):
            with T.block("B"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(A[v_i, 0:kmax])      # kmax = 10 is right, kmax = 5 is a wrong declaration
                T.writes(B[v_i])
                with T.init():
                    B[v_i] = T.float32(0.0)
                B[v_i] = B[v_i] + A[v_i, v_k]
    */
    private static PrimFunc RowSum(long kmax)
    {
        var (a, b) = (Buf("A", F32, 4, 10), Buf("B", F32, 4));
        var (i, k, vi, vk) = (V("i"), V("k"), V("v_i"), V("v_k"));
        return Func([a, b], Grid([i, k], [4, 10], Block("B", [S(vi, 4, i), R(vk, 10, k)],
            St(b, Ld(b, vi) + Ld(a, vi, vk), vi), init: St(b, Fc(0), vi),
            reads: [Region(a, (vi, C(1)), (C(0), C(kmax)))], writes: [Region(b, (vi, C(1)))])));
    }

    [Fact]
    public void Accesses_inside_the_declared_regions_pass_the_check()
    {
        var (a, b) = (NDArray.Random(F32, [4, 10], 1), new NDArray(F32, [4]));
        Interpreter.Run(RowSum(10), [a, b], new InterpreterOptions(CheckRegions: true));
        float acc = 0;
        for (int k = 0; k < 10; k++) acc = acc + (float)a.GetDouble(k);
        Assert.Equal(acc, (float)b.GetDouble(0));
    }

    [Fact]
    public void An_access_outside_the_declared_regions_names_the_block_the_access_and_the_regions()
    {
        var args = new[] { NDArray.Random(F32, [4, 10], 1), new NDArray(F32, [4]) };
        Interpreter.Run(RowSum(5), args); // unchecked by default
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(RowSum(5), args, new InterpreterOptions(CheckRegions: true)));
        Assert.Equal("block B: access A[0, 5] is outside its declared regions A[0:1, 0:5]", ex.Message);
    }
}
