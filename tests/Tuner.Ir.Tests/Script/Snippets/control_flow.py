@T.prim_func
def control(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32")):
    for i in range(16):
        if i < 8:
            B[i] = A[i]
        else:
            x: T.int32 = i - 8
            if x == 0:
                T.evaluate(0)
            B[i] = T.if_then_else(A[i] > T.float32(0), A[x], T.Select(A[i] < T.float32(-1), T.float32(-1), A[i]))
    with T.LetStmt(T.float32(2.5)) as c:
        B[0] = A[0] * c
    B[1] = A[1]
