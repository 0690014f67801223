using System.Runtime.CompilerServices;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Interp;
using Tuner.Ir.Lowering;
using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>TVMScript as TVM prints it, parsed, lowered, compiled and run against the interpreter.</summary>
public class ParsedScriptTests
{
    private static string Script(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Scripts", name));

    private static void AssertMatchesInterpreter(PrimFunc f, long k)
    {
        var expected = f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, 7 + i)).ToArray();
        var actual = expected.Select(a => a.Clone()).ToArray();
        Interpreter.Run(f, expected);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "kernel"), "kernel").Call(actual));
        double tol = 1e-5 * Math.Sqrt(k) + 1e-5;
        for (long j = 0; j < expected[2].Size; j++)
            Assert.True(Math.Abs(expected[2].GetDouble(j) - actual[2].GetDouble(j)) <= tol * (1 + Math.Abs(expected[2].GetDouble(j))), $"[{j}]");
    }

    [Fact]
    public void The_int64_matmul_TVM_prints_compiles_with_int64_loops_and_matches_the_interpreter()
    {
        var f = TvmScript.ParseFunc(Script("matmul_int64.py"));
        Assert.Contains("for (int64_t i = ((int64_t)0LL); i < ((int64_t)128LL); ++i) {", CodeGenC.Source(f, "kernel"));
        AssertMatchesInterpreter(f, 128);
    }

    [Fact]
    public void A_MetaSchedule_style_schedule_compiles_to_one_parallel_region_with_its_compacted_cache_in_registers()
    {
        var f = TvmScript.ParseFunc(Script("matmul_scheduled.py"));
        string c = CodeGenC.Source(f, "kernel");
        Assert.Equal(1, c.Split("#pragma omp parallel for").Length - 1);
        // The 4 x 64 tile per (i_0_j_0_fused, i_1) is a register tile: one vector variable per register, no array.
        int lanes = VectorWidth.HostBytes / 4;
        Assert.Contains($"tnr_f32x{lanes} C_global_{256 / lanes - 1};", c);
        Assert.DoesNotContain("float C_global[", c);
        AssertMatchesInterpreter(f, 128);
    }
}
