using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Analysis;

/// <summary>IndexOperands: which integer buffers index others (gathers) and the extent that bounds them.</summary>
public sealed class IndexOperandsTests
{
    private static PrimFunc Func(string body, string pars) => TvmScript.ParseFunc($$"""
        @T.prim_func
        def main({{pars}}):
            T.func_attr({"tir.noalias": T.bool(True)})
        {{string.Join("\n", body.Split('\n').Select(l => "    " + l))}}
        """);

    private static Dictionary<string, long> Bounds(PrimFunc f) => IndexOperands.Bounds(f).ToDictionary(kv => kv.Key.Name, kv => kv.Value);

    [Fact]
    public void A_take_bounds_its_index_buffer_by_the_gathered_dimension()
    {
        var f = Func("""
            for i, j in T.grid(16, 64):
                with T.block("T_take"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T_take[vi, vj] = A[B[vi], vj]
            """, """A: T.Buffer((1000, 64), "float32"), B: T.Buffer((16,), "int64"), T_take: T.Buffer((16, 64), "float32")""");
        Assert.Equal(new Dictionary<string, long> { ["B"] = 1000 }, Bounds(f));
    }

    [Fact]
    public void A_nested_gather_takes_the_innermost_dimension_and_several_uses_the_least()
    {
        var f = Func("""
            for i in T.serial(8):
                with T.block("g"):
                    vi = T.axis.spatial(8, i)
                    O[vi] = A[B[C[vi]]] + A[C[vi] + 1]
            """, """A: T.Buffer((500,), "float32"), B: T.Buffer((40,), "int32"), C: T.Buffer((8,), "int32"), O: T.Buffer((8,), "float32")""");
        // C indexes B (40) and, inside an expression, A (500): the least, 40. B indexes A: 500.
        Assert.Equal(new Dictionary<string, long> { ["B"] = 500, ["C"] = 40 }, Bounds(f));
    }

    [Fact]
    public void Affine_accesses_and_integer_values_that_are_not_indices_give_no_bound()
    {
        var f = Func("""
            for i, k in T.grid(16, 32):
                with T.block("C"):
                    vi, vk = T.axis.remap("SR", [i, k])
                    with T.init():
                        C[vi] = 0
                    C[vi] = C[vi] + T.Cast("int32", A[vi, vk]) * T.Cast("int32", B[vk])
            """, """A: T.Buffer((16, 32), "int8"), B: T.Buffer((32,), "int8"), C: T.Buffer((16,), "int32")""");
        Assert.Empty(Bounds(f));
    }

    [Fact]
    public void Random_indices_stay_in_range_for_every_integer_type()
    {
        foreach (var t in new[] { DataType.Int64, DataType.Int32, new DataType(TypeCode.Int, 8), new DataType(TypeCode.UInt, 8) })
        {
            var a = NDArray.Random(t, [4096], seed: 7, indexBound: 300);
            var values = Enumerable.Range(0, 4096).Select(i => a.GetLong(i)).ToArray();
            long top = t.Bits == 8 ? (t.IsUInt ? 255 : 127) : 299;
            Assert.All(values, v => Assert.InRange(v, 0, top - (t.Bits == 8 ? 1 : 0)));
            Assert.True(values.Distinct().Count() > 50, $"{t}: too few distinct indices");
        }
    }
}
