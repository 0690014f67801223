# Lowered-style function: no blocks, so no implicit root block.
@T.prim_func
def plain(A: T.Buffer((8, 8), "float32"), B: T.Buffer((8,), "float32")):
    for i in range(8):
        B[i] = T.float32(0)
        for j in range(8):
            B[i] = B[i] + A[i, j]
