using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

public class RoundTripTests
{
    public static IEnumerable<object[]> Snippets() => ScriptFiles.Snippets();

    public static IEnumerable<object[]> Examples() => [["matmul_handle.py"], ["mlp_module.py"]];

    [Fact]
    public void There_are_at_least_fifteen_snippets()
    {
        Assert.True(Snippets().Count() >= 15, $"only {Snippets().Count()} snippets");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_prints_stably_after_a_round_trip(string name)
    {
        AssertStable(File.ReadAllText(ScriptFiles.Snippet(name)), name);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_prints_stably_after_a_round_trip(string name)
    {
        AssertStable(File.ReadAllText(ScriptFiles.Example(name)), name);
    }

    [Fact]
    public void Mlp_module_as_TVM_prints_it_comes_back_unchanged()
    {
        var text = File.ReadAllText(ScriptFiles.Example("mlp_module.py"));
        var printed = TvmScript.Print(TvmScript.ParseModule(text));
        Assert.Equal(ScriptFiles.Normalize(text), ScriptFiles.Normalize(printed));
        // Exactly as TVM prints: even the header and the root-block comment match line for line.
        Assert.Equal(text.TrimEnd(), printed.TrimEnd());
    }

    [Theory]
    [InlineData("dynamic_add_tvm.py")]
    [InlineData("brief_matmul_tvm.py")]
    public void Text_formatted_as_TVM_prints_it_comes_back_unchanged(string name)
    {
        var text = File.ReadAllText(ScriptFiles.Snippet(name));
        var printed = TvmScript.Print(TvmScript.ParseModule(text));
        Assert.Equal(ScriptFiles.Normalize(text), ScriptFiles.Normalize(printed));
    }

    [Fact]
    public void A_standalone_function_prints_with_the_tir_header_only_and_reparses()
    {
        var f = TvmScript.ParseFunc(File.ReadAllText(ScriptFiles.Example("matmul_handle.py")));
        var text = TvmScript.Print(f, "mm");
        Assert.StartsWith("# from tvm.script import tir as T\n\n@T.prim_func\ndef mm(A: T.Buffer((128, 128), \"float32\")", text);
        Assert.DoesNotContain("ir as I", text);
        Assert.Equal(text, TvmScript.Print(TvmScript.ParseFunc(text), "mm"));
    }

    private static void AssertStable(string source, string name)
    {
        var m1 = TvmScript.ParseModule(source, name);
        var p1 = TvmScript.Print(m1);
        Assert.Equal(p1, TvmScript.Print(m1));
        var m2 = TvmScript.ParseModule(p1, name);
        var p2 = TvmScript.Print(m2);
        Assert.Equal(p1, p2);
        Assert.Equal(m1.Functions.Select(f => (f.Name, f.GetType())), m2.Functions.Select(f => (f.Name, f.GetType())));
        Assert.Equal(m1.Extra, m2.Extra);
        foreach (var (a, b) in m1.PrimFuncs.Zip(m2.PrimFuncs))
        {
            // Record equality where it does not depend on variable identity.
            Assert.Equal(a.Func.Attrs, b.Func.Attrs);
            Assert.Equal(a.Func.IsPrivate, b.Func.IsPrivate);
            Assert.Equal(a.Func.Params.Select(p => p.Dtype), b.Func.Params.Select(p => p.Dtype));
            Assert.Equal(a.Func.ParamBuffers.Select(x => (x.Name, x.Dtype, x.Scope, x.Rank)), b.Func.ParamBuffers.Select(x => (x.Name, x.Dtype, x.Scope, x.Rank)));
        }
        foreach (var (a, b) in m1.Functions.OfType<OpaqueEntry>().Zip(m2.Functions.OfType<OpaqueEntry>()))
            Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Line_endings_tabs_comments_and_trailing_spaces_do_not_matter(string nl)
    {
        var text = string.Join(nl,
            "# leading comment",
            "@T.prim_func  # decorator comment",
            "def f(A: T.Buffer((4,),",
            "                  \"float32\")):  # params span lines inside brackets",
            "\tfor i in \\",
            "\t\trange(4):",
            "\t\t# a comment line inside the body",
            "",
            "\t\tA[i] = A[i] + T.float32(1)   ",
            "   ");
        var printed = TvmScript.Print(TvmScript.ParseFunc(text), "f");
        Assert.Equal(
            "# from tvm.script import tir as T\n\n@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n    for i in range(4):\n        A[i] = A[i] + T.float32(1.0)\n",
            printed);
    }
}
