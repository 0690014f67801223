using Tuner.Actors.CostModel.Features;
using Tuner.Ir.Script;
using L = Tuner.Actors.CostModel.Features.FeatureLayout;

namespace Tuner.Actors.Tests.CostModel;

public sealed class PerStoreFeatureTests
{
    private const string Matmul = """
        @T.prim_func
        def main(A: T.Buffer((64, 32), "float32"), B: T.Buffer((32, 16), "float32"), C: T.Buffer((64, 16), "float32")):
            for i, j, k in T.grid(64, 16, 32):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """;

    private const string ParallelVectorized = """
        @T.prim_func
        def main(A: T.Buffer((64, 16), "float32"), B: T.Buffer((64, 16), "float32")):
            for i in T.parallel(64):
                for j in T.vectorized(16):
                    with T.block("B"):
                        vi, vj = T.axis.remap("SS", [i, j])
                        B[vi, vj] = T.exp(A[vi, vj])
        """;

    private static float[] BufferBlock(float[] row, int k) =>
        row.Skip(L.Group2Start + k * L.BufferFeatures).Take(L.BufferFeatures).ToArray();

    [Fact]
    public void Every_store_gives_one_row_of_164_finite_values()
    {
        var rows = PerStoreFeature.Extract(TvmScript.ParseFunc(Matmul));
        Assert.Equal(2, rows.Length); // the init store and the update
        Assert.All(rows, r => { Assert.Equal(164, r.Length); Assert.All(r, x => Assert.True(float.IsFinite(x))); });
    }

    [Fact]
    public void The_update_counts_one_float_multiply_add_per_iteration_of_the_whole_nest()
    {
        var update = PerStoreFeature.Extract(TvmScript.ParseFunc(Matmul))[1];
        Assert.Equal(L.Slog(64 * 16 * 32), update[L.FloatMad], 4);
        Assert.Equal(0, update[L.FloatMul]);
        Assert.Equal(L.Slog(64 * 16 * 32), update[L.Group5Start], 4); // outer_prod
        Assert.Equal(L.Slog(3), update[L.Group5Start + 1], 4);         // three loops
    }

    [Fact]
    public void Buffers_report_access_kind_stride_and_reuse_of_the_reduction_loop()
    {
        var update = PerStoreFeature.Extract(TvmScript.ParseFunc(Matmul))[1];
        // Sorted by bytes: C is read and written (2 accesses), then A and B.
        var c = BufferBlock(update, 0);
        Assert.Equal(1, c[L.AccReadWrite]);
        Assert.Equal(1, c[L.ReuseLoopMultipleRead]);        // k does not move C
        Assert.Equal(L.Slog(32), c[L.ReuseCt], 4);
        Assert.Equal(L.Slog(64 * 16 * 4), c[L.UniqueBytes], 4);
        var strides = new[] { BufferBlock(update, 1), BufferBlock(update, 2) }.Select(b => b[L.Stride]).OrderBy(x => x).ToArray();
        Assert.Equal(L.Slog(1), strides[0], 4);              // A[vi, vk] along k
        Assert.Equal(L.Slog(16), strides[1], 4);             // B[vk, vj] along k
    }

    [Fact]
    public void Parallel_and_vectorized_loops_set_their_annotation_features()
    {
        var row = PerStoreFeature.Extract(TvmScript.ParseFunc(ParallelVectorized)).Single();
        Assert.Equal(L.Slog(16), row[L.Vectorize + 2], 4);                          // vec_len
        Assert.Equal(1, row[L.Vectorize + 3 + (int)LoopPosition.InnerSpatial]);
        Assert.Equal(L.Slog(64), row[L.Parallel + 1], 4);                           // parallel_prod
        Assert.Equal(1, row[L.Parallel + 3 + (int)LoopPosition.OuterSpatial]);
        Assert.Equal(1, row[L.Unroll + 3 + (int)LoopPosition.None]);
        Assert.Equal(L.Slog(64 * 16), row[L.FloatMathFunc], 4);
    }

    [Fact]
    public void The_intensity_curve_rises_for_a_matmul_and_stays_flat_for_an_elementwise_op()
    {
        var mm = PerStoreFeature.Extract(TvmScript.ParseFunc(Matmul))[1];
        var ew = PerStoreFeature.Extract(TvmScript.ParseFunc(ParallelVectorized)).Single();
        var mmCurve = mm.Skip(L.Group3Start).Take(10).ToArray();
        Assert.True(mmCurve[^1] > mmCurve[0], string.Join(", ", mmCurve));
        Assert.True(mm[L.Group3Start + 9] > ew[L.Group3Start + 9]);
    }
}
