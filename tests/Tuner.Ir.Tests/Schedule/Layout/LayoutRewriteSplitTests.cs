using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Blocks;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Layout;

/// <summary>
/// LayoutRewriteSplit (TVM's RemoveWeightLayoutRewriteBlock / SplitLayoutRewritePreproc): the preproc then the compute,
/// interpreted, give the outputs of the whole scheduled function, which gives the untuned function's outputs.
/// </summary>
public class LayoutRewriteSplitTests
{
    /// <summary>B[k, j] packed into B_global[j // 8, k, j % 8] by a preproc-annotated cache read, as RewriteLayout does.</summary>
    private static (PrimFunc Untuned, PrimFunc Packed) PackedMatmul()
    {
        var f = BlockTestWorkloads.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var mm = sch.GetBlock("matmul");
        var cache = sch.CacheRead(mm, 1, "global");
        sch.Annotate(cache, LayoutRewriteSplit.PreprocAnnotation, 1L);
        sch.TransformLayout(mm, 1, isWrite: false, IndexMap.FromFunc(2, v => [E.FloorDiv(v[1], I(8)), v[0], E.FloorMod(v[1], I(8))]));
        return (f, sch.Func);
    }

    [Fact]
    public void The_compute_takes_the_packed_weight_in_the_weights_place_and_the_preproc_packs_it()
    {
        var (f, packed) = PackedMatmul();
        AssertSameOutputs(f, packed);

        var split = LayoutRewriteSplit.Of(packed)!;

        Assert.Equal([1], split.Weights);
        var b = Assert.Single(split.Packed);
        Assert.Equal([2L, 16L, 8L], b.ConstShape()!);
        Assert.Equal(["A", "B_global", "C"], split.Compute.ParamBuffers.Select(x => x.Name));
        Assert.Empty(split.Compute.RootBlock!.AllocBuffers);
        Assert.Equal(["B", "B_global"], split.Preproc.ParamBuffers.Select(x => x.Name));
        Assert.Empty(Verifier.VerifyStrict(split.Compute));
        Assert.Empty(Verifier.VerifyStrict(split.Preproc));

        var args = f.ParamBuffers.Select((x, i) => NDArray.Random(x.Dtype, x.ConstShape()!, 3 + i)).ToArray();
        var expected = args.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        var pack = new NDArray(b.Dtype, b.ConstShape()!);
        Interpreter.Run(split.Preproc, [args[1], pack]);
        Assert.Equal(args[1].GetDouble(3 * 16 + 10), pack.GetDouble((1 * 16 + 3) * 8 + 2)); // B[3, 10] → B_global[1, 3, 2]
        var computeArgs = new[] { args[0], pack, args[2] };
        Interpreter.Run(split.Compute, computeArgs);
        for (long k = 0; k < expected[2].Size; k++)
            Assert.Equal(expected[2].GetDouble(k), computeArgs[2].GetDouble(k), 4);
    }

    [Fact]
    public void Functions_without_a_preproc_block_are_not_split()
    {
        Assert.Null(LayoutRewriteSplit.Of(BlockTestWorkloads.Matmul()));
        // A cache read that is not marked as a layout rewrite stays inside the function.
        var sch = new TracedSchedule(BlockTestWorkloads.Matmul(), seed: 1);
        sch.CacheRead(sch.GetBlock("matmul"), 1, "global");
        Assert.Null(LayoutRewriteSplit.Of(sch.Func));
    }
}
