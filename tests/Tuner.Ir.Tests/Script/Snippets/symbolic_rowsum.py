# Symbolic shapes: a scalar parameter, a symbolic var, keyword match_buffer.
@T.prim_func
def rowsum(a: T.handle, n: T.int32, b: T.handle):
    m = T.int32()
    A = T.match_buffer(a, [m, n], dtype="float32")
    B = T.match_buffer(b, (m,))
    for i in range(m):
        with T.block("rowsum"):
            vi = T.axis.spatial(m, i)
            T.reads(A[vi, 0:n])
            T.writes(B[vi])
            B[vi] = T.float32(0)
            for j in range(n):
                B[vi] = B[vi] + A[vi, j]
