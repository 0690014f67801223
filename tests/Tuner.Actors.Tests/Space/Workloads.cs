using Tuner.Ir;
using Tuner.Ir.Interp;
using Tuner.Ir.Script;

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

    public static PrimFunc Matmul(int n) => TvmScript.ParseFunc($$"""
        @T.prim_func
        def main(A: T.Buffer(({{n}}, {{n}}), "float32"), B: T.Buffer(({{n}}, {{n}}), "float32"), C: T.Buffer(({{n}}, {{n}}), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            for i, j, k in T.grid({{n}}, {{n}}, {{n}}):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """);

    /// <summary>An n³ matmul into a scratch buffer followed by relu into the output (an elementwise consumer).</summary>
    public static PrimFunc MatmulRelu(int n, string matmulAttr = "") => TvmScript.ParseFunc($$"""
        @T.prim_func
        def main(A: T.Buffer(({{n}}, {{n}}), "float32"), B: T.Buffer(({{n}}, {{n}}), "float32"), D: T.Buffer(({{n}}, {{n}}), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            C = T.alloc_buffer(({{n}}, {{n}}))
            for i, j, k in T.grid({{n}}, {{n}}, {{n}}):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    {{matmulAttr}}
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
            for i, j in T.grid({{n}}, {{n}}):
                with T.block("D"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(C[vi, vj])
                    T.writes(D[vi, vj])
                    D[vi, vj] = T.max(C[vi, vj], T.float32(0.0))
        """);

    /// <summary>conv2d NHWC on a pre-padded 1×8×8×4 input → 1×6×6×8, 3×3 kernel, stride 1 (no padding block).</summary>
    public static PrimFunc Conv2dNhwc() => TvmScript.ParseFunc("""
        @T.prim_func
        def main(X: T.Buffer((1, 8, 8, 4), "float32"), W: T.Buffer((3, 3, 4, 8), "float32"), Y: T.Buffer((1, 6, 6, 8), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            for n, h, w, co, rh, rw, rc in T.grid(1, 6, 6, 8, 3, 3, 4):
                with T.block("conv"):
                    vn, vh, vw, vco, vrh, vrw, vrc = T.axis.remap("SSSSRRR", [n, h, w, co, rh, rw, rc])
                    T.reads(X[vn, vh + vrh, vw + vrw, vrc], W[vrh, vrw, vrc, vco])
                    T.writes(Y[vn, vh, vw, vco])
                    with T.init():
                        Y[vn, vh, vw, vco] = T.float32(0.0)
                    Y[vn, vh, vw, vco] = Y[vn, vh, vw, vco] + X[vn, vh + vrh, vw + vrw, vrc] * W[vrh, vrw, vrc, vco]
        """);

    /// <summary>conv2d NHWC 1×6×6×4 → 1×6×6×8, 3×3 kernel, stride 1, padding 1 (a padding block, then the convolution).</summary>
    public static PrimFunc Conv2dNhwcPadded() => TvmScript.ParseFunc("""
        @T.prim_func
        def main(X: T.Buffer((1, 6, 6, 4), "float32"), W: T.Buffer((3, 3, 4, 8), "float32"), Y: T.Buffer((1, 6, 6, 8), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            pad = T.alloc_buffer((1, 8, 8, 4))
            for n, h, w, c in T.grid(1, 8, 8, 4):
                with T.block("pad"):
                    vn, vh, vw, vc = T.axis.remap("SSSS", [n, h, w, c])
                    T.reads(X[vn, vh - 1, vw - 1, vc])
                    T.writes(pad[vn, vh, vw, vc])
                    pad[vn, vh, vw, vc] = T.if_then_else(1 <= vh and vh < 7 and 1 <= vw and vw < 7, X[vn, vh - 1, vw - 1, vc], T.float32(0.0))
            for n, h, w, co, rh, rw, rc in T.grid(1, 6, 6, 8, 3, 3, 4):
                with T.block("conv"):
                    vn, vh, vw, vco, vrh, vrw, vrc = T.axis.remap("SSSSRRR", [n, h, w, co, rh, rw, rc])
                    T.reads(pad[vn, vh + vrh, vw + vrw, vrc], W[vrh, vrw, vrc, vco])
                    T.writes(Y[vn, vh, vw, vco])
                    with T.init():
                        Y[vn, vh, vw, vco] = T.float32(0.0)
                    Y[vn, vh, vw, vco] = Y[vn, vh, vw, vco] + pad[vn, vh + vrh, vw + vrw, vrc] * W[vrh, vrw, vrc, vco]
        """);

    /// <summary>softmax over rows of a 4×16 matrix (max, exp, sum, divide).</summary>
    public static PrimFunc Softmax() => TvmScript.ParseFunc("""
        @T.prim_func
        def main(A: T.Buffer((4, 16), "float32"), S: T.Buffer((4, 16), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            mx = T.alloc_buffer((4,))
            ex = T.alloc_buffer((4, 16))
            sm = T.alloc_buffer((4,))
            for i, k in T.grid(4, 16):
                with T.block("max"):
                    vi, vk = T.axis.remap("SR", [i, k])
                    T.reads(A[vi, vk])
                    T.writes(mx[vi])
                    with T.init():
                        mx[vi] = T.float32(-3.4028234663852886e+38)
                    mx[vi] = T.max(mx[vi], A[vi, vk])
            for i, j in T.grid(4, 16):
                with T.block("exp"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj], mx[vi])
                    T.writes(ex[vi, vj])
                    ex[vi, vj] = T.exp(A[vi, vj] - mx[vi])
            for i, k in T.grid(4, 16):
                with T.block("sum"):
                    vi, vk = T.axis.remap("SR", [i, k])
                    T.reads(ex[vi, vk])
                    T.writes(sm[vi])
                    with T.init():
                        sm[vi] = T.float32(0.0)
                    sm[vi] = sm[vi] + ex[vi, vk]
            for i, j in T.grid(4, 16):
                with T.block("norm"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(ex[vi, vj], sm[vi])
                    T.writes(S[vi, vj])
                    S[vi, vj] = ex[vi, vj] / sm[vi]
        """);

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
