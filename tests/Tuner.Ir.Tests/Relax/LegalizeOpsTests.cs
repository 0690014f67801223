using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.Script;

namespace Tuner.Ir.Tests.Relax;

public class LegalizeOpsTests
{
    internal static string GoldenPath(string name) => Path.Combine(ScriptFiles.RepoRoot, "tests", "Tuner.Ir.Tests", "Relax", "Golden", name);

    /// <summary>Compares with a golden file; TUNER_UPDATE_GOLDEN=1 rewrites it (review the diff before committing).</summary>
    internal static void AssertGolden(string name, string actual)
    {
        var path = GoldenPath(name);
        if (Environment.GetEnvironmentVariable("TUNER_UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.Equal(File.ReadAllText(path), actual);
        // The golden reads back to the same text.
        Assert.Equal(actual, TvmScript.Print(TvmScript.ParseModule(actual, name)));
    }

    internal static IRModule Load(string path) => TvmScript.ParseModule(File.ReadAllText(path), Path.GetFileName(path));

    [Fact]
    public void Every_operator_legalizes_to_the_golden_prim_funcs()
    {
        var m = RelaxTransform.LegalizeOps().Apply(Load(GoldenPath("ops.py")));
        AssertGolden("ops.legalized.py", TvmScript.Print(m));
    }

    [Theory]
    [InlineData("mlp_relax")]
    [InlineData("conv_relax")]
    [InlineData("transformer_relax")]
    public void Examples_legalize_to_the_golden_modules(string name)
    {
        var m = RelaxTransform.LegalizeOps().Apply(Load(ScriptFiles.Example(name + ".py")));
        AssertGolden(name + ".legalized.py", TvmScript.Print(m));
    }

    [Fact]
    public void Calls_with_one_signature_share_a_prim_func_and_others_get_numbered_names()
    {
        var m = RelaxTransform.LegalizeOps().Apply(Load(ScriptFiles.Example("mlp_relax.py")));
        Assert.Equal(["add", "add1", "add2", "matmul", "matmul1", "matmul2", "relu", "relu1", "softmax", "main"], m.Functions.Select(f => f.Name));
        var main = m.Functions.OfType<RelaxFuncEntry>().Single().Func;
        Assert.All(main.Bindings, b => Assert.True(((RCall)b.Value).IsCallTir));
    }
}
