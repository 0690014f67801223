using Tuner.Ir.Analysis;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.CodeGen;
using Tuner.Ir.Workloads;

namespace Tuner.Ir.Tests.Workloads;

/// <summary>
/// Every workload of the library, generated at its small shape, parses, passes the strict verifier, interprets to
/// what its hand-written reference computes, and compiles to C that agrees with the interpreter; every benchmark
/// shape parses.
/// </summary>
public class WorkloadLibraryTests
{
    public static TheoryData<string> Keys() => [.. WorkloadLibrary.All.Select(w => w.Key)];

    /// <summary>Seeded inputs; packed int4 weights get full 32-bit words so that every nibble is exercised.</summary>
    private static NDArray[] Args(PrimFunc f) => f.ParamBuffers.Select((b, i) =>
    {
        var a = NDArray.Random(b.Dtype, b.ConstShape()!, 7 + i);
        if (b.Dtype.IsUInt && b.Dtype.Bits == 32)
        {
            var rng = new Random(11 + i);
            for (long j = 0; j < a.Size; j++) a.SetLong(j, rng.NextInt64(0, 1L << 32));
        }
        return a;
    }).ToArray();

    [Fact]
    public void The_library_holds_the_operator_set_of_design_section_7_and_the_fused_and_int4_workloads()
    {
        string[] expected = ["GMM", "C1D", "C2D", "C3D", "DEP", "DIL", "GRP", "T2D", "CAP", "NRM", "SFM", "CBR", "TBG", "DBR", "Q4MM"];
        Assert.Empty(expected.Except(WorkloadLibrary.All.Select(w => w.Key)));
        Assert.Equal(WorkloadLibrary.All.Count, WorkloadLibrary.All.Select(w => w.Key).Distinct().Count());
        Assert.Equal([1L, 512, 512, 512], WorkloadLibrary.Get("gmm").DefaultShape);
        Assert.Equal([1L, 128, 12, 64], WorkloadLibrary.Get("TBG").DefaultShape);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_benchmark_shape_parses_and_passes_the_strict_verifier(string key)
    {
        var w = WorkloadLibrary.Get(key);
        foreach (var shape in w.Shapes.Append(w.Small))
        {
            var f = w.Func(shape);
            Assert.Empty(Verifier.VerifyStrict(f));
            Assert.True(FlopCounter.Count(f) > 0, $"{key} {WorkloadDef.FormatShape(shape)} counts no FLOPs");
            // Canonical text round-trips: what `tuner workloads emit` prints parses to the same function.
            Assert.True(StructuralEqual.Equal(f, TvmScript.ParseFunc(TvmScript.Print(f, w.DefaultName))));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_interpreter_computes_what_the_hand_reference_computes_at_the_small_shape(string key)
    {
        var w = WorkloadLibrary.Get(key);
        var f = w.Func(w.Small);
        var args = Args(f);
        Interpreter.Run(f, args);
        var expected = HandReferences.All[key](w.Small, args);
        var output = args[^1];
        Assert.Equal(expected.Length, output.Size);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = output.GetDouble(i);
            Assert.True(Math.Abs(e - a) <= 1e-4 * (1 + Math.Abs(e)), $"{key} output[{i}]: reference {e}, interpreter {a}");
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_compiled_untuned_function_matches_the_interpreter_at_the_small_shape(string key)
    {
        var w = WorkloadLibrary.Get(key);
        var f = w.Func(w.Small);
        var expected = Args(f);
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "kernel"), "kernel").Call(actual));
        for (long j = 0; j < expected[^1].Size; j++)
        {
            double e = expected[^1].GetDouble(j), a = actual[^1].GetDouble(j);
            Assert.True(Math.Abs(e - a) <= 1e-4 * (1 + Math.Abs(e)), $"{key} [{j}]: interpreter {e}, C {a}");
        }
    }

    [Fact]
    public void A_shape_of_the_wrong_length_or_one_the_operator_cannot_take_is_refused_in_plain_words()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadLibrary.Script("C2D", [1, 14, 14]));
        Assert.Equal("C2D takes 8 numbers (N,H,W,CI,CO,kernel,stride,padding), got 3", e.Message);
        Assert.Contains("groups must divide", Assert.Throws<ArgumentException>(() => WorkloadLibrary.Script("GRP", [1, 8, 8, 6, 8, 3, 1, 1, 1, 4])).Message);
        Assert.Contains("multiple of 8", Assert.Throws<ArgumentException>(() => WorkloadLibrary.Script("Q4MM", [1, 8, 12, 4])).Message);
        Assert.Contains("known: GMM, C1D", Assert.Throws<ArgumentException>(() => WorkloadLibrary.Get("XYZ")).Message);
        Assert.Contains("not a whole number", Assert.Throws<ArgumentException>(() => WorkloadLibrary.ParseShape("1,a")).Message);
    }

    [Fact]
    public void The_function_takes_the_given_name_and_the_key_in_lower_case_by_default()
    {
        Assert.Contains("def gmm(", WorkloadLibrary.Script("GMM"));
        Assert.Contains("def main(", WorkloadLibrary.Script("GMM", name: "main"));
    }
}
