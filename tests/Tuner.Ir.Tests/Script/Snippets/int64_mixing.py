@T.prim_func
def mixing(A: T.Buffer((T.int64(16), T.int64(16)), "float32"), B: T.Buffer((T.int64(16),), "float32")):
    for i, k in T.grid(T.int64(16), T.int64(16)):
        with T.block("sum"):
            v_i, v_k = T.axis.remap("SR", [i, k])
            T.reads(A[v_i, v_k])
            T.writes(B[v_i])
            with T.init():
                B[v_i] = T.float32(0)
            B[v_i] = B[v_i] + A[v_i, (v_k + 1) % 16] * 2
