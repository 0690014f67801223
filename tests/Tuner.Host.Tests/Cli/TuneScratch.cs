namespace Tuner.Host.Tests.Cli;

/// <summary>
/// A temporary folder with a small matmul module, quick timing settings (one timed call, 1 ms) and a work_dir path,
/// for the tests that run `tuner tune`.
/// </summary>
public abstract class TuneScratch : IDisposable
{
    protected readonly string Dir = Path.Combine(Path.GetTempPath(), "tuner-cli-tune-" + Guid.NewGuid().ToString("N")[..12]);
    protected readonly string Module, Config, Work;

    protected TuneScratch()
    {
        Directory.CreateDirectory(Dir);
        Module = Path.Combine(Dir, "mm.py");
        File.WriteAllText(Module, Matmul("@T.prim_func", "mm", 32, "T.bool(True)"));
        // Quick timings keep the tests short; the search itself runs with TVM's defaults.
        Config = Path.Combine(Dir, "quick.conf");
        File.WriteAllText(Config, "tuner.runner { number = 1, min-repeat-ms = 1 }\ntuner.builder.timeout = 10s\n");
        Work = Path.Combine(Dir, "work");
    }

    /// <summary>A float32 n×n×n matmul PrimFunc in TVMScript (its decorator line, name and noalias value given).</summary>
    protected static string Matmul(string decorator, string name, int n, string noalias) => $$"""
        {{decorator}}
        def {{name}}(A: T.Buffer(({{n}}, {{n}}), "float32"), B: T.Buffer(({{n}}, {{n}}), "float32"), C: T.Buffer(({{n}}, {{n}}), "float32")):
            T.func_attr({"tir.noalias": {{noalias}}})
            for i, j, k in T.grid({{n}}, {{n}}, {{n}}):
                with T.block("matmul"):
                    v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[v_i, v_k], B[v_k, v_j])
                    T.writes(C[v_i, v_j])
                    with T.init():
                        C[v_i, v_j] = T.float32(0.0)
                    C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]

        """;

    public void Dispose()
    {
        Directory.Delete(Dir, true);
        GC.SuppressFinalize(this);
    }
}
