@T.prim_func
def nested(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32")):
    for i_0 in range(4):
        with T.block("outer"):
            vo = T.axis.spatial(4, i_0)
            T.reads(A[vo * 4:vo * 4 + 4, 0:16])
            T.writes(B[vo * 4:vo * 4 + 4, 0:16])
            for i_1, j in T.grid(4, 16):
                with T.block("inner"):
                    vi = T.axis.spatial(16, vo * 4 + i_1)
                    vj = T.axis.spatial(16, j)
                    T.reads(A[vi, vj])
                    T.writes(B[vi, vj])
                    B[vi, vj] = A[vi, vj] + T.float32(1)
