using Tuner.Ir.Analysis;
using static Tuner.Ir.Tests.Analysis.IrBuild;

namespace Tuner.Ir.Tests.Analysis;

/// <summary>Random loop nests built twice from the same seed with fresh, differently named variables and buffers.</summary>
public class StructuralRandomTests
{
    /// <summary>A nest of 1–3 loops storing a random affine index into a fresh buffer; <paramref name="bump"/> perturbs one constant.</summary>
    private static PrimFunc Build(int seed, string suffix, bool bump = false)
    {
        var rng = new Random(seed);
        int depth = rng.Next(1, 4);
        var loops = Enumerable.Range(0, depth).Select(d => (V: I32($"l{d}{suffix}"), Ext: (long)rng.Next(1, 9))).ToList();
        Expr idx = C(rng.Next(0, 3));
        long size = 3;
        foreach (var (v, ext) in loops)
        {
            long k = rng.Next(1, 5);
            idx = Add(idx, Mul(v, C(k)));
            size += k * (ext - 1);
        }
        if (bump) idx = Add(idx, C(1));
        var buf = Buf("buf" + suffix, DataType.Float32, size + 1);
        Stmt body = Store(buf, new FloatImm(DataType.Float32, rng.Next(0, 4)), idx);
        for (int d = depth - 1; d >= 0; d--) body = Loop(loops[d].V, loops[d].Ext, body);
        var h = new Var("h" + suffix, DataType.Handle);
        return new PrimFunc([h], [(h, buf)], body, Attrs.Empty);
    }

    [Fact]
    public void Renamed_copies_are_equal_and_hash_alike_and_perturbed_copies_are_not_equal()
    {
        int collisions = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var a = Build(seed, "");
            var b = Build(seed, "_r");
            var c = Build(seed, "_c", bump: true);
            Assert.True(StructuralEqual.Equal(a, b), $"seed {seed}");
            Assert.Equal(StructuralHash.Hash(a), StructuralHash.Hash(b));
            Assert.False(StructuralEqual.Equal(a, c), $"seed {seed}");
            if (StructuralHash.Hash(a) == StructuralHash.Hash(c)) collisions++;
        }
        Assert.Equal(0, collisions);
    }
}
