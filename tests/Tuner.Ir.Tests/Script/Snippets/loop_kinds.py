@T.prim_func
def loops(A: T.Buffer((64, 64), "float32"), B: T.Buffer((64, 64), "float32")):
    for i in T.parallel(64):
        for j_0 in T.serial(4, annotations={"pragma_auto_unroll_max_step": 16, "pragma_unroll_explicit": 1}):
            for j_1 in T.unroll(2):
                for j_2 in T.vectorized(8):
                    B[i, j_0 * 16 + j_1 * 8 + j_2] = A[i, j_0 * 16 + j_1 * 8 + j_2] * T.float32(2)
    for t in T.thread_binding(64, thread="threadIdx.x"):
        for k in range(8, 16):
            B[t, k] = T.float32(1.5)
