@T.prim_func
def axis_forms(A: T.Buffer((128,), "float32"), B: T.Buffer((16,), "float32")):
    for i_0, i_1 in T.grid(16, 8):
        with T.block("B"):
            vi = T.axis.S(16, i_0)
            vk = T.axis.R((0, 8), i_1)
            T.where(i_0 * 8 + i_1 < 128)
            T.reads(A[vi * 8 + vk])
            T.writes(B[vi])
            with T.init():
                B[vi] = T.float32(0)
            B[vi] = B[vi] + A[vi * 8 + vk]
    for i in range(8):
        with T.block("shifted"):
            vi = T.axis.spatial((4, 12), i + 4)
            vr = T.axis.reduce(T.int32(1), 0)
            T.reads(A[vi:vi + 4])
            T.writes(B[vi])
            B[vi] = A[vi] + A[vi + 3]
