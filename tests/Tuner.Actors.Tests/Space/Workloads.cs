using Tuner.Ir;
using Tuner.Ir.Interp;
using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

namespace Tuner.Actors.Tests.Space;

/// <summary>The workloads the design-space tests schedule (small shapes: the interpreter checks every candidate).</summary>
internal static class Workloads
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tuner.Actors.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Tuner.Actors.sln) not found");
    }

    public static string Golden(string name) => Path.Combine(RepoRoot, "tests", "Tuner.Actors.Tests", "Space", "Golden", name);

    /// <summary>TVM's te_workload matmul n×n×n (block "C"), named main.</summary>
    public static PrimFunc Matmul(int n) => WorkloadLibrary.Func("MM", [n, n, n], "main");

    /// <summary>
    /// TVM's matmul_relu n×n×n: the matmul into a scratch buffer (block "C"), then relu into the output (block
    /// "compute"); <paramref name="matmulAttr"/> is a line added to block "C" (e.g. a T.block_attr).
    /// </summary>
    public static PrimFunc MatmulRelu(int n, string matmulAttr = "")
    {
        var text = WorkloadLibrary.Script("MMR", [n, n, n], "main");
        if (matmulAttr.Length > 0)
        {
            const string remap = "v_i, v_j, v_k = T.axis.remap(\"SSR\", [i, j, k])\n";
            int at = text.IndexOf(remap, StringComparison.Ordinal) + remap.Length;
            text = text.Insert(at, "            " + matmulAttr + "\n");
        }
        return TvmScript.ParseFunc(text);
    }

    /// <summary>conv2d NHWC 1×8×8×4 → 1×6×6×8, 3×3 kernel, stride 1, no padding (the pad block is a copy).</summary>
    public static PrimFunc Conv2dNhwc() => WorkloadLibrary.Func("C2D", [1, 8, 8, 4, 8, 3, 1, 0], "main");

    /// <summary>conv2d NHWC 1×6×6×4 → 1×6×6×8, 3×3 kernel, stride 1, padding 1 (a padding block, then the convolution).</summary>
    public static PrimFunc Conv2dNhwcPadded() => WorkloadLibrary.Func("C2D", [1, 6, 6, 4, 8, 3, 1, 1], "main");

    /// <summary>topi's softmax over the rows of a 4×16 matrix (blocks T_softmax_maxelem, _exp, _expsum, _norm).</summary>
    public static PrimFunc Softmax() => WorkloadLibrary.Func("SFM", [4, 16], "main");

    /// <summary>Every workload of the sampling tests by name: the examples' PrimFuncs and the snippets above.</summary>
    public static IReadOnlyDictionary<string, PrimFunc> All() => new Dictionary<string, PrimFunc>
    {
        ["matmul_handle"] = TvmScript.ParseFunc(File.ReadAllText(Path.Combine(RepoRoot, "examples", "matmul_handle.py"))),
        ["conv2d_nhwc"] = Conv2dNhwc(),
        ["softmax"] = Softmax(),
        ["matmul_relu"] = MatmulRelu(16),
    }.Concat(TvmScript.ParseModule(File.ReadAllText(Path.Combine(RepoRoot, "examples", "mlp_module.py"))).PrimFuncs
        .Select(e => KeyValuePair.Create("mlp." + e.Name, e.Func))).ToDictionary();

    /// <summary>Seeded random inputs for every parameter buffer (outputs zeroed by the function itself).</summary>
    public static List<NDArray> Inputs(PrimFunc f, int seed) =>
        f.ParamBuffers.Select((b, i) => NDArray.Random(b.Dtype, b.ConstShape()!, seed + i)).ToList();

    /// <summary>Runs a function on copies of the arguments and returns them (outputs written in place).</summary>
    public static List<NDArray> Run(PrimFunc f, IReadOnlyList<NDArray> args)
    {
        var copies = args.Select(a => new NDArray(a.Dtype, a.Shape, (byte[])a.Data.Clone())).ToList();
        Interpreter.Run(f, copies);
        return copies;
    }
}
