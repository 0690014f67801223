using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>
/// The closed-form shortcuts of the enumerating checks (decompose_reduction's repeated instances, reverse_compute_at's
/// production density) are sound: whenever they claim a property, enumerating the nest confirms it — on 3000 random
/// affine index sets — and they do fire on the tiled bindings the search produces.
/// </summary>
public class AffineNestTests
{
    private static For Loop(string name, long min, long extent) =>
        new(new Var(name, DataType.Int32), new IntImm(DataType.Int32, min), new IntImm(DataType.Int32, extent), ForKind.Serial, new Evaluate(new IntImm(DataType.Int32, 0)));

    private static Expr C(long v) => new IntImm(DataType.Int32, v);

    [Fact]
    public void Tiled_bindings_are_proven_distinct_and_dense()
    {
        var i0 = Loop("i0", 0, 4); var i1 = Loop("i1", 0, 8); var i2 = Loop("i2", 0, 16);
        var k0 = Loop("k0", 0, 8); var k1 = Loop("k1", 0, 64);
        var outer = new Var("fused", DataType.Int32);
        Expr vi = new Binary(BinOp.FloorDiv, outer, C(8)) * C(512) + i0.LoopVar * C(128) + i1.LoopVar * C(16) + i2.LoopVar;
        Expr vk = k0.LoopVar * C(64) + k1.LoopVar;
        Assert.True(AffineNest.ProvenDistinct([vi, vk], [i0, k0, i1, k1, i2]));
        Assert.True(AffineNest.ProvenCovers([vi], [i0, i1, i2], [new Binary(BinOp.FloorDiv, outer, C(8)) * C(512)], [C(512)]));
    }

    [Fact]
    public void Unused_overlapping_or_strided_loops_are_not_proven()
    {
        var a = Loop("a", 0, 4); var b = Loop("b", 0, 4); var u = Loop("u", 0, 2);
        Assert.False(AffineNest.ProvenDistinct([a.LoopVar * C(4) + b.LoopVar], [a, b, u]));      // u repeats instances
        Assert.False(AffineNest.ProvenDistinct([a.LoopVar * C(2) + b.LoopVar], [a, b]));         // a·2 + b overlaps
        Assert.False(AffineNest.ProvenDistinct([a.LoopVar + C(0), (Expr)a.LoopVar * C(1)], [a])); // a in two bindings
        Assert.False(AffineNest.ProvenCovers([a.LoopVar * C(5) + b.LoopVar], [a, b], [C(0)], [C(20)])); // holes
        Assert.False(AffineNest.ProvenCovers([a.LoopVar * C(4) + b.LoopVar], [a, b], [C(0)], [C(17)])); // box past the range
        Assert.False(AffineNest.ProvenCovers([new Binary(BinOp.FloorMod, a.LoopVar, C(3))], [a], [C(0)], [C(3)])); // not affine
    }

    [Fact]
    public void Claims_agree_with_enumeration_on_random_nests()
    {
        var rng = new Random(7);
        int distinctClaims = 0, coverClaims = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            var loops = Enumerable.Range(0, rng.Next(1, 4)).Select(i => Loop($"l{i}", rng.Next(-1, 2), rng.Next(1, 5))).ToList();
            var values = new List<Expr>();
            for (int d = 0, n = rng.Next(1, 3); d < n; d++)
            {
                Expr e = C(rng.Next(-2, 3));
                foreach (var l in loops)
                    if (rng.Next(3) > 0) e = e + l.LoopVar * C(rng.Next(-8, 9));
                values.Add(e);
            }
            var points = Points(loops, values);
            if (AffineNest.ProvenDistinct(values, loops))
            {
                distinctClaims++;
                Assert.Equal(points.Count, points.Distinct(new SeqComparer()).Count());
            }
            var boxMin = values.Select((_, d) => (Expr)C(points.Min(p => p[d]) + rng.Next(0, 2))).ToList();
            var boxExt = values.Select((_, d) => (Expr)C(rng.Next(1, 12))).ToList();
            if (AffineNest.ProvenCovers(values, loops, boxMin, boxExt))
            {
                coverClaims++;
                var set = points.Select(p => string.Join(",", p)).ToHashSet();
                foreach (var box in Box(boxMin.Select(e => ((IntImm)e).Value).ToArray(), boxExt.Select(e => ((IntImm)e).Value).ToArray()))
                    Assert.Contains(string.Join(",", box), set);
            }
        }
        Assert.True(distinctClaims > 300, $"only {distinctClaims} distinctness claims");
        Assert.True(coverClaims > 50, $"only {coverClaims} coverage claims");
    }

    private static List<long[]> Points(List<For> loops, List<Expr> values)
    {
        var result = new List<long[]>();
        var env = new Dictionary<Var, long>();
        void Go(int depth)
        {
            if (depth == loops.Count) { result.Add(values.Select(v => IntEval.Eval(v, env)!.Value).ToArray()); return; }
            var l = loops[depth];
            for (long x = 0; x < ((IntImm)l.Extent).Value; x++) { env[l.LoopVar] = ((IntImm)l.Min).Value + x; Go(depth + 1); }
        }
        Go(0);
        return result;
    }

    private static IEnumerable<long[]> Box(long[] min, long[] ext)
    {
        IEnumerable<long[]> acc = [[]];
        for (int d = 0; d < min.Length; d++)
        {
            int dd = d;
            acc = acc.SelectMany(p => Enumerable.Range(0, (int)ext[dd]).Select(x => p.Append(min[dd] + x).ToArray())).ToList();
        }
        return acc;
    }

    private sealed class SeqComparer : IEqualityComparer<long[]>
    {
        public bool Equals(long[]? x, long[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(long[] a) => a.Aggregate(17, (h, v) => h * 31 + v.GetHashCode());
    }
}
