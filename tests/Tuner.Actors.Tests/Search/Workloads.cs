using Tuner.Ir;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Search;

/// <summary>TVMScript workloads shared by the search and tuning tests.</summary>
internal static class Workloads
{
    /// <summary>An n×n×n float32 matmul as TVM prints it (block "matmul").</summary>
    public static string MatmulScript(int n, string name = "matmul") => $$"""
        # from tvm.script import ir as I
        # from tvm.script import tir as T

        @I.ir_module
        class Module:
            @T.prim_func
            def {{name}}(A: T.Buffer(({{n}}, {{n}}), "float32"), B: T.Buffer(({{n}}, {{n}}), "float32"), C: T.Buffer(({{n}}, {{n}}), "float32")):
                T.func_attr({"tir.noalias": T.bool(True)})
                for i, j, k in T.grid({{n}}, {{n}}, {{n}}):
                    with T.block("matmul"):
                        v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                        T.reads(A[v_i, v_k], B[v_k, v_j])
                        T.writes(C[v_i, v_j])
                        with T.init():
                            C[v_i, v_j] = T.float32(0.0)
                        C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        """;

    public static IRModule Matmul(int n) => TvmScript.ParseModule(MatmulScript(n));

    public static PrimFunc MatmulFunc(int n) => Matmul(n).PrimFuncs.Single().Func;
}
