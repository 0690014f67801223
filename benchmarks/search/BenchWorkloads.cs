using Tuner.Ir;
using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

/// <summary>The benchmark's workloads: the library's (design §7, TVM's te_workload shapes) and the shipped example.</summary>
internal static class BenchWorkloads
{
    public static readonly string[] Names = ["gmm", "c2d", "sfm", "example"];

    /// <summary>A library key at its default shape (gmm: 1×512×512×512, c2d: 1×14×14×256→256 3×3, sfm: 256×256, …) or "example".</summary>
    public static IRModule Get(string name) => name == "example"
        ? TvmScript.ParseModule(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "mlp_module.py")))
        : WorkloadLibrary.Get(name).Module();

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (Tuner.Actors.sln) not found");
    }
}
