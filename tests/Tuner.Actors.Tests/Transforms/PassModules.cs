using System.Collections.Immutable;
using System.Security.Cryptography;
using Tuner.Actors.Tests.Search;
using Tuner.Ir;
using Tuner.Ir.Script;
using Tuner.Ir.Transforms;

namespace Tuner.Actors.Tests.Transforms;

/// <summary>What the pass tests share: a module of two matmuls beside a Relax function, contexts, work_dir snapshots.</summary>
internal static class PassModules
{
    public const string Relax = """
            @R.function
            def main(a: R.Tensor((16, 16), dtype="float32"), b: R.Tensor((32, 32), dtype="float32")) -> R.Tensor((32, 32), dtype="float32"):
                cls = Module
                with R.dataflow():
                    lv = R.call_tir(cls.mm16, (a, a), out_sinfo=R.Tensor((16, 16), dtype="float32"))
                    gv = R.call_tir(cls.mm32, (b, b), out_sinfo=R.Tensor((32, 32), dtype="float32"))
                    R.output(gv)
                return gv
        """;

    /// <summary>Two structurally distinct PrimFuncs (both with block "matmul", for the test space) and a Relax function.</summary>
    public static IRModule TwoMatmulsAndRelax()
    {
        var first = Workloads.MatmulScript(16, "mm16");
        var second = Workloads.MatmulScript(32, "mm32");
        var text = first.Replace("# from tvm.script import tir as T", "# from tvm.script import tir as T\n# from tvm.script import relax as R")
            + "\n" + second[second.IndexOf("    @T.prim_func", StringComparison.Ordinal)..] + "\n" + Relax;
        return TvmScript.ParseModule(text);
    }

    /// <summary>A pass context whose config holds <paramref name="entries"/>.</summary>
    public static PassContext With(params (string Key, object Value)[] entries) =>
        new PassContext() with { Config = entries.ToImmutableDictionary(e => e.Key, e => e.Value) };

    /// <summary>Every file under <paramref name="dir"/> (relative path → SHA-256 of its bytes), for "nothing was written".</summary>
    public static SortedDictionary<string, string> Snapshot(string dir)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return files;
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(dir, path)] = File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "dir";
        return files;
    }
}
