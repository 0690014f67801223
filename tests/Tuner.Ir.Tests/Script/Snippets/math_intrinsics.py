@T.prim_func
def math(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32")):
    for i in range(16):
        with T.block("m"):
            vi = T.axis.remap("S", [i])
            T.reads(A[vi])
            T.writes(B[vi])
            B[vi] = T.exp(A[vi]) + T.log(A[vi]) + T.sqrt(A[vi]) + T.rsqrt(A[vi]) + T.tanh(A[vi]) + T.sigmoid(A[vi]) + T.erf(A[vi]) + T.fabs(A[vi]) + T.pow(A[vi], T.float32(2)) + T.floor(A[vi]) + T.ceil(A[vi]) + T.round(A[vi]) + A[vi] ** T.float32(3) + T.exp(A[vi], dtype="float32")
