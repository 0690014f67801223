using Tuner.Ir.CodeGen;
using Tuner.Ir.Lowering;
using Tuner.Ir.Tests.CodeGen;
using Tuner.Ir.Tests.CodeGen.Programs;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.Lowering;

public class CompactBufferAllocationTests
{
    private static List<Stmt> Stmts(Stmt s)
    {
        var all = new List<Stmt>();
        NodeWalker.Walk(s, onStmt: all.Add);
        return all;
    }

    [Fact]
    public void A_cache_write_buffer_shrinks_to_one_tile_allocated_inside_the_innermost_common_loop()
    {
        var f = LoweringPipeline.Lower(Matmul.CacheWrite(64, 128, 16, ti: 8, tj: 64));
        var j0 = Stmts(f.Body).OfType<For>().Single(l => l.LoopVar.Name == "j0");
        var alloc = Assert.IsType<Allocate>(j0.Body);
        Assert.Equal("C_global", alloc.Buffer.Name);
        Assert.Equal([C(8 * 64)], alloc.Buffer.Shape);
        // Stack array inside the parallel loop: private per thread, no heap (a 32 x 64 tile: too large for RegisterTiles).
        Assert.Contains("float C_global[2048] __attribute__((aligned(64)));", CodeGenC.Source(Matmul.CacheWrite(64, 128, 16, ti: 32, tj: 64), "f"));
    }

    [Fact]
    public void An_allocation_never_moves_inside_a_loop_that_carries_a_reduction()
    {
        // for i: for k: { block sum (S,R): acc[i] (init 0) += A[i, k]; block copy: B[i] = acc[i] }
        var a = Buf("A", F32, 4, 5);
        var bOut = Buf("B", F32, 4);
        var acc = Buf("acc", F32, 4);
        var body = Grid(["i", "k"], [4, 5], l => Seq(
            Block("sum", "SR", [4, 5], [l[0], l[1]], v => St(acc, Ld(acc, v[0]) + Ld(a, v[0], v[1]), v[0]), init: v => St(acc, F(0), v[0])),
            Block("copy", "S", [4], [l[0]], v => St(bOut, Ld(acc, v[0]), v[0]))));
        var f = Func([a, bOut], body, rootAllocs: [acc]);
        var lowered = LoweringPipeline.Lower(f);
        var i = Stmts(lowered.Body).OfType<For>().Single(l => l.LoopVar.Name == "i");
        var alloc = Assert.IsType<Allocate>(i.Body); // inside i, not inside k
        Assert.Equal([C(1)], alloc.Buffer.Shape);

        var x = NDArray.Random(DataType.Float32, [4, 5], 1);
        var y = new NDArray(DataType.Float32, [4]);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "rowsum"), "rowsum").Call(x, y));
        for (int r = 0; r < 4; r++)
        {
            float s = 0;
            for (int c = 0; c < 5; c++) s += (float)x.GetDouble(r * 5 + c);
            Assert.Equal(s, (float)y.GetDouble(r), 1e-5f);
        }
    }

    [Fact]
    public void Buffers_read_across_loop_nests_keep_their_size_and_place()
    {
        var f = LoweringPipeline.Lower(Softmax.Build(8, 8));
        var allocs = Stmts(f.Body).OfType<Allocate>().ToArray();
        Assert.Equal([C(8), C(64), C(8)], allocs.Select(x => x.Buffer.Shape[0]));
        Assert.Same(f.Body, allocs[0]);
    }
}
