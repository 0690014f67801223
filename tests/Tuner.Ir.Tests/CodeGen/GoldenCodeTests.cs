using System.Runtime.CompilerServices;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>
/// Golden C files for representative lowered schedules. Regenerate with TUNER_REGEN_GOLDEN=1 and review the diff.
/// Every file under Golden/ must belong to a case (no stale goldens), every case must have its file.
/// Generated for a fixed AVX-512 target, so the vector width of register tiles does not depend on the test machine.
/// </summary>
public class GoldenCodeTests
{
    public static readonly IReadOnlyDictionary<string, Func<PrimFunc>> Cases = new Dictionary<string, Func<PrimFunc>>
    {
        ["naive_matmul"] = () => Matmul.Naive(128, 128, 128),
        ["tiled_parallel_vectorized_matmul"] = () => Matmul.Tiled(256, 256, 256),
        ["softmax"] = () => Softmax.Build(256, 256),
        ["conv2d_nhwc_padded"] = () => Conv2d.Build(14, 14, 16, 32, 3, 1, 1),
        ["int_ops"] = () => Programs.IntOps.Build(64),
        ["conv2d_nchw_tile14"] = () => Conv2dNchw.HandTraced(4, 16),
        ["metaschedule_style_matmul"] = () => Tuner.Ir.Script.TvmScript.ParseFunc(File.ReadAllText(Path.Combine(ScriptDir(), "matmul_scheduled.py"))),
    };

    private static string ScriptDir([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Scripts");

    private static string Dir([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Golden");

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_C_equals_the_golden_file(string name)
    {
        string code;
        using (Targets.Target.Parse("llvm -num-cores 1 -mcpu=skylake-avx512").Enter()) code = CodeGenC.Source(Cases[name](), name);
        string file = Path.Combine(Dir(), name + ".c");
        if (Environment.GetEnvironmentVariable("TUNER_REGEN_GOLDEN") == "1") File.WriteAllText(file, code);
        Assert.True(File.Exists(file), $"missing golden {file}; run with TUNER_REGEN_GOLDEN=1");
        Assert.Equal(File.ReadAllText(file), code);
    }

    [Fact]
    public void Every_golden_file_is_exercised_by_a_case()
    {
        var files = Directory.GetFiles(Dir(), "*.c").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Equal(Cases.Keys.Order().ToArray(), files);
    }
}
