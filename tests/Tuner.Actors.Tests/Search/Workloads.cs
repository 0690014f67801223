using Tuner.Ir;
using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

namespace Tuner.Actors.Tests.Search;

/// <summary>TVMScript workloads shared by the search and tuning tests: the library's matmul in an ir_module.</summary>
internal static class Workloads
{
    /// <summary>TVM's te_workload matmul n×n×n (block "C") as a module holding one function named <paramref name="name"/>.</summary>
    public static string MatmulScript(int n, string name = "matmul")
    {
        var func = WorkloadLibrary.Script("MM", [n, n, n], name);
        var body = func[func.IndexOf("@T.prim_func", StringComparison.Ordinal)..].TrimEnd('\n').Split('\n').Select(l => "    " + l);
        return "# from tvm.script import ir as I\n# from tvm.script import tir as T\n\n@I.ir_module\nclass Module:\n" + string.Join("\n", body) + "\n";
    }

    public static IRModule Matmul(int n) => TvmScript.ParseModule(MatmulScript(n));

    public static PrimFunc MatmulFunc(int n) => Matmul(n).PrimFuncs.Single().Func;
}
