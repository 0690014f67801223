@T.prim_func
def consts(A: T.Buffer((T.int64(8),), "float32"), B: T.Buffer((T.int64(8),), "uint8"), C: T.Buffer((T.int64(8),), "float64"), D: T.Buffer((T.int64(8),), "bool")):
    for i in range(T.int64(8)):
        with T.block("consts"):
            vi = T.axis.spatial(T.int64(8), i)
            T.reads()
            T.writes(A[vi], B[vi], C[vi], D[vi])
            A[vi] = T.max(T.float32("-inf"), T.min(T.float32("inf"), A[vi] * T.float32(1e-07) + T.float32(123456789012345678.0) * A[vi] + T.float32(0.1) + T.float32(0.0001)))
            B[vi] = T.uint8(3) + T.Cast("uint8", T.int32(5))
            C[vi] = T.float64(0.5) * 2.0 + T.Cast("float64", vi + 1)
            D[vi] = T.bool(True) and vi < 4 or D[vi] and T.int8(-3) < T.Cast("int8", A[vi])
