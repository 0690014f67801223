@T.prim_func
def ops(A: T.Buffer((64,), "int32"), B: T.Buffer((64,), "int32"), C: T.Buffer((64,), "bool")):
    for i in range(64):
        with T.block("ops"):
            vi = T.axis.spatial(64, i)
            T.reads(A[vi])
            T.writes(B[vi], C[vi])
            B[vi] = A[vi] // 3 + A[vi] % 5 - T.floordiv(A[vi], 2) * T.floormod(A[vi], 7) + T.truncdiv(A[vi], 3) + T.truncmod(A[vi], 3) - -A[vi] + (A[vi] - (vi - 1)) * (2 + vi)
            C[vi] = (A[vi] < 3 and A[vi] >= -1) or not A[vi] == 7 or A[vi] != vi and A[vi] <= 4 or A[vi] > 9
