# from tvm.script import ir as I
# from tvm.script import tir as T

@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((64, 64), "float32"), B: T.Buffer((64, 64), "float32"), C: T.Buffer((64, 64), "float32")):
        # with T.block("root"):
        C_global = T.alloc_buffer((64, 64))
        for i_0_j_0_fused in T.parallel(8, annotations={"pragma_auto_unroll_max_step": 64, "pragma_unroll_explicit": 1}):
            for i_1, j_1 in T.grid(4, 2):
                for i_2_init, j_2_init, i_3_init, j_3_init in T.grid(2, 2, 4, 4):
                    with T.block("C_init"):
                        v_i = T.axis.spatial(64, i_0_j_0_fused // 4 * 32 + i_1 * 8 + i_2_init * 4 + i_3_init)
                        v_j = T.axis.spatial(64, i_0_j_0_fused % 4 * 16 + j_1 * 8 + j_2_init * 4 + j_3_init)
                        T.reads()
                        T.writes(C_global[v_i, v_j])
                        T.block_attr({"meta_schedule.tiling_structure": "SSRSRS"})
                        C_global[v_i, v_j] = T.float32(0.0)
                for k_0, i_2, j_2, k_1, i_3, j_3 in T.grid(16, 2, 2, 4, 4, 4):
                    with T.block("C_update"):
                        v_i = T.axis.spatial(64, i_0_j_0_fused // 4 * 32 + i_1 * 8 + i_2 * 4 + i_3)
                        v_j = T.axis.spatial(64, i_0_j_0_fused % 4 * 16 + j_1 * 8 + j_2 * 4 + j_3)
                        v_k = T.axis.reduce(64, k_0 * 4 + k_1)
                        T.reads(C_global[v_i, v_j], A[v_i, v_k], B[v_k, v_j])
                        T.writes(C_global[v_i, v_j])
                        T.block_attr({"meta_schedule.tiling_structure": "SSRSRS"})
                        C_global[v_i, v_j] = C_global[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
                for ax0 in range(8):
                    for ax1 in T.vectorized(8):
                        with T.block("C_global"):
                            v0 = T.axis.spatial(64, i_0_j_0_fused // 4 * 32 + i_1 * 8 + ax0)
                            v1 = T.axis.spatial(64, i_0_j_0_fused % 4 * 16 + j_1 * 8 + ax1)
                            T.reads(C_global[v0, v1])
                            T.writes(C[v0, v1])
                            C[v0, v1] = C_global[v0, v1]
