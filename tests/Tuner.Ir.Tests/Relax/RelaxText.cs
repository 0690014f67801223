using Tuner.Ir.Relax;
using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Relax;

/// <summary>Builds small Relax modules for tests: a main with the given parameters and dataflow bindings.</summary>
internal static class RelaxText
{
    public const string Header = "# from tvm.script import ir as I\n# from tvm.script import relax as R\n\n@I.ir_module\nclass Module:\n";

    /// <summary>Line number (1-based) of the first binding in <see cref="Module"/>'s text.</summary>
    public const int FirstBindingLine = 9;

    public static string Module(string parms, string ret, params string[] bindings) =>
        Header +
        "    @R.function\n" +
        $"    def main({parms}) -> {ret}:\n" +
        "        with R.dataflow():\n" +
        string.Concat(bindings.Select(b => $"            {b}\n")) +
        "            R.output(gv)\n" +
        "        return gv\n";

    public static RelaxFunction ParseMain(string text) =>
        TvmScript.ParseModule(text, "m.py").Functions.OfType<RelaxFuncEntry>().Single(f => f.Name == "main").Func;

    /// <summary>The struct info of 'gv' when main computes one op call on tensors of the given shapes.</summary>
    public static StructInfo Infer(string call, params string[] parms)
    {
        var text = Module(string.Join(", ", parms), "R.Object", $"gv = {call}");
        return ParseMain(text).Bindings.Last().Var.Info;
    }

    public static string T(params long[] shape) => $"R.Tensor(({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), dtype=\"float32\")";
}
