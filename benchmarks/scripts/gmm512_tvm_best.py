# The best GMM 1x512x512x512 schedule TVM 0.18 MetaSchedule found on the design machine (design §8):
# SSRSRS tiles i=[2,4,32,2], j=[1,1,512,1], k=[128,4], global cache write, 8-way fused parallel loop,
# auto-unroll 16, decomposed reduction. Written by hand as TVM prints it (the i_3/j_3 vectorize of the fused
# innermost pair of extent 2 is left serial here: gcc vectorizes the stride-1 j_2 loop instead).
# from tvm.script import tir as T

@T.prim_func
def main(A: T.Buffer((512, 512), "float32"), B: T.Buffer((512, 512), "float32"), C: T.Buffer((512, 512), "float32")):
    T.func_attr({"tir.noalias": T.bool(True)})
    # with T.block("root"):
    C_global = T.alloc_buffer((512, 512))
    for i_0_j_0_i_1_j_1_fused in T.parallel(8, annotations={"pragma_auto_unroll_max_step": 16, "pragma_unroll_explicit": 1}):
        for i_2_init, j_2_init, i_3_init in T.grid(32, 512, 2):
            with T.block("matmul_init"):
                v_i = T.axis.spatial(512, i_0_j_0_i_1_j_1_fused * 64 + i_2_init * 2 + i_3_init)
                v_j = T.axis.spatial(512, j_2_init)
                T.reads()
                T.writes(C_global[v_i, v_j])
                C_global[v_i, v_j] = T.float32(0.0)
        for k_0, i_2, j_2, k_1, i_3 in T.grid(128, 32, 512, 4, 2):
            with T.block("matmul_update"):
                v_i = T.axis.spatial(512, i_0_j_0_i_1_j_1_fused * 64 + i_2 * 2 + i_3)
                v_j = T.axis.spatial(512, j_2)
                v_k = T.axis.reduce(512, k_0 * 4 + k_1)
                T.reads(C_global[v_i, v_j], A[v_i, v_k], B[v_k, v_j])
                T.writes(C_global[v_i, v_j])
                C_global[v_i, v_j] = C_global[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]
        for ax0 in range(64):
            for ax1 in T.vectorized(512):
                with T.block("C_global"):
                    v0 = T.axis.spatial(512, i_0_j_0_i_1_j_1_fused * 64 + ax0)
                    v1 = T.axis.spatial(512, ax1)
                    T.reads(C_global[v0, v1])
                    T.writes(C[v0, v1])
                    C[v0, v1] = C_global[v0, v1]
