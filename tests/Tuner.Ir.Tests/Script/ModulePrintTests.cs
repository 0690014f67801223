using Tuner.Ir.Lowering;
using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

/// <summary>
/// Printer parity with TVM for whole modules (issue 13, item 5): <c>mod.script()</c> of a one-function module,
/// <c>func.script()</c> of a bare PrimFunc, TVM's function order and attribute booleans. The goldens are hand-written
/// from TVM's printer (src/script/printer/ir/ir.cc and tir/function.cc).
/// </summary>
public class ModulePrintTests
{
    private const string Func =
        "@T.prim_func\n" +
        "def main(A: T.Buffer((4,), \"float32\"), B: T.Buffer((4,), \"float32\")):\n" +
        "    T.func_attr({\"tir.noalias\": True})\n" +
        "    # with T.block(\"root\"):\n" +
        "    for i in range(4):\n" +
        "        with T.block(\"B\"):\n" +
        "            vi = T.axis.spatial(4, i)\n" +
        "            T.reads(A[vi])\n" +
        "            T.writes(B[vi])\n" +
        "            B[vi] = A[vi] + T.float32(1.0)\n";

    private const string Bare = "# from tvm.script import tir as T\n\n" + Func;

    private static readonly string AsModule =
        "# from tvm.script import ir as I\n# from tvm.script import tir as T\n\n@I.ir_module\nclass Module:\n" +
        string.Concat(Func.Split('\n').Select(l => l.Length > 0 ? "    " + l + "\n" : ""));

    [Fact]
    public void A_file_of_one_standalone_prim_func_prints_as_the_one_function_module()
    {
        Assert.Equal(AsModule, TvmScript.Print(TvmScript.ParseModule(Bare)));
        // And that module text is stable.
        Assert.Equal(AsModule, TvmScript.Print(TvmScript.ParseModule(AsModule)));
    }

    [Fact]
    public void A_bare_prim_func_prints_as_func_script_and_as_a_module_with_PrintAsModule()
    {
        var f = TvmScript.ParseFunc(AsModule);
        Assert.Equal(Bare, TvmScript.Print(f));
        Assert.Equal(AsModule, TvmScript.PrintAsModule(f));
    }

    [Fact]
    public void Boolean_attributes_print_as_python_booleans_whichever_way_they_were_written()
    {
        var written = Bare.Replace("{\"tir.noalias\": True}", "{\"tir.noalias\": T.bool(True), \"tir.is_scheduled\": False}");
        var printed = TvmScript.Print(TvmScript.ParseModule(written));
        // Keys print sorted, as TVM prints a Map with string keys.
        Assert.Contains("        T.func_attr({\"tir.is_scheduled\": False, \"tir.noalias\": True})\n", printed);
    }

    [Fact]
    public void Functions_print_in_tvm_order_prim_funcs_then_relax_by_name_and_main_last()
    {
        const string relax =
            "    @R.function\n" +
            "    def {0}(x: R.Tensor((4,), dtype=\"float32\")) -> R.Tensor((4,), dtype=\"float32\"):\n" +
            "        cls = Module\n" +
            "        gv = R.call_tir(cls.b_add, (x,), out_sinfo=R.Tensor((4,), dtype=\"float32\"))\n" +
            "        return gv\n";
        string Prim(string name) => string.Concat(Func.Replace("def main", "def " + name).Split('\n').Select(l => l.Length > 0 ? "    " + l + "\n" : ""));
        string Module(params string[] parts) =>
            "# from tvm.script import ir as I\n# from tvm.script import tir as T\n# from tvm.script import relax as R\n\n@I.ir_module\nclass Module:\n"
            + string.Join("\n", parts);
        var written = Module(string.Format(relax, "main"), string.Format(relax, "helper"), Prim("b_add"), Prim("a_add"));
        var expected = Module(Prim("a_add"), Prim("b_add"), string.Format(relax, "helper"), string.Format(relax, "main"));
        Assert.Equal(expected, TvmScript.Print(TvmScript.ParseModule(written)));
    }

    [Fact]
    public void Lowering_dumps_print_the_one_function_module_as_tvm_ir_dumps_do()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tuner-dump-" + Guid.NewGuid().ToString("N"));
        try
        {
            LoweringPipeline.Lower(TvmScript.ParseFunc(Bare), LoweringPipeline.DumpToDirectory(dir));
            var first = File.ReadAllText(Path.Combine(dir, "00_LowerInitBlocks.py"));
            Assert.StartsWith("# from tvm.script import ir as I\n# from tvm.script import tir as T\n\n@I.ir_module\nclass Module:\n    @T.prim_func\n    def main(", first);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
