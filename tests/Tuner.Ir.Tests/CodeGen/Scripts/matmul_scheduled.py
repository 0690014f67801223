# A MetaSchedule-style schedule of a 128x128x128 matmul as TVM prints it: SSRSRS tiles, a global cache write,
# a fused parallel loop with unroll pragmas, a vectorized innermost loop and a decomposed reduction.
# from tvm.script import tir as T

@T.prim_func
def main(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
    T.func_attr({"tir.noalias": True})
    # with T.block("root"):
    C_global = T.alloc_buffer((128, 128))
    for i_0_j_0_fused in T.parallel(8, annotations={"pragma_auto_unroll_max_step": 16, "pragma_unroll_explicit": 1}):
        for i_1, j_1 in T.grid(4, 1):
            for i_2_init, i_3_init in T.grid(2, 2):
                for j_3_init in T.vectorized(64):
                    with T.block("matmul_init"):
                        v_i = T.axis.spatial(128, i_0_j_0_fused // 2 * 16 + i_1 * 4 + i_2_init * 2 + i_3_init)
                        v_j = T.axis.spatial(128, i_0_j_0_fused % 2 * 64 + j_1 * 64 + j_3_init)
                        T.reads()
                        T.writes(C_global[v_i, v_j])
                        C_global[v_i, v_j] = T.float32(0.0)
            for k_0, i_2, k_1, i_3 in T.grid(32, 2, 4, 2):
                for j_3 in T.vectorized(64):
                    with T.block("matmul_update"):
                        v_i = T.axis.spatial(128, i_0_j_0_fused // 2 * 16 + i_1 * 4 + i_2 * 2 + i_3)
                        v_j = T.axis.spatial(128, i_0_j_0_fused % 2 * 64 + j_1 * 64 + j_3)
                        v_k = T.axis.reduce(128, k_0 * 4 + k_1)
                        T.reads(C_global[v_i, v_j], A[v_i, v_k], B[v_k, v_j])
                        T.writes(C_global[v_i, v_j])
                        C_global[v_i, v_j] = C_global[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
            for ax0 in range(4):
                for ax1 in T.vectorized(64):
                    with T.block("C_global"):
                        v0 = T.axis.spatial(128, i_0_j_0_fused // 2 * 16 + i_1 * 4 + ax0)
                        v1 = T.axis.spatial(128, i_0_j_0_fused % 2 * 64 + ax1)
                        T.reads(C_global[v0, v1])
                        T.writes(C[v0, v1])
                        C[v0, v1] = C_global[v0, v1]
