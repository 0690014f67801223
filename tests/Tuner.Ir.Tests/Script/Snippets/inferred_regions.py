# Blocks without T.reads/T.writes: the regions are inferred, as TVM's parser does.
@T.prim_func
def inferred(a: T.handle, b: T.handle, c: T.handle):
    A = T.match_buffer(a, (16, 16))
    B = T.match_buffer(b, (16, 16))
    C = T.match_buffer(c, (16, 16))
    for i, j, k in T.grid(16, 16, 16):
        with T.block("C"):
            vi, vj, vk = T.axis.remap("SSR", [i, j, k])
            with T.init():
                C[vi, vj] = T.float32(0)
            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
    for i_0 in range(4):
        with T.block("outer"):
            vo = T.axis.spatial(4, i_0)
            for i_1, j in T.grid(4, 16):
                with T.block("inner"):
                    vi = T.axis.spatial(16, vo * 4 + i_1)
                    vj = T.axis.spatial(16, j)
                    B[vi, vj] = A[vi, vj] + T.float32(1)
    for i in range(16):
        with T.block("row"):
            vi = T.axis.spatial(16, i)
            for j in range(8):
                A[vi, j * 2] = B[vi // 2, (j + vi) % 16] + A[vi, j * 2 + 1]
