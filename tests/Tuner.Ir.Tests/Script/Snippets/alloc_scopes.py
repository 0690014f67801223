@T.prim_func(private=True)
def cached(A: T.Buffer((32, 32), "float16"), B: T.Buffer((32, 32), "float16")):
    T.func_attr({"tirx.noalias": True, "tag": "cached", "sizes": [32, 32], "ratio": T.float32(0.5)})
    A_local = T.alloc_buffer((32, 32), "float16", scope="local")
    A_shared = T.sblock_alloc_buffer([32, 32], dtype="float16", scope="shared")
    for i, j in T.grid(32, 32):
        with T.sblock("A_local"):
            v0, v1 = T.axis.remap("SS", [i, j])
            T.reads(A[v0, v1])
            T.writes(A_local[v0, v1])
            A_local[v0, v1] = A[v0, v1]
    for i, j in T.grid(32, 32):
        with T.block("A_shared"):
            v0, v1 = T.axis.remap("SS", [i, j])
            T.reads(A_local[v0, v1])
            T.writes(A_shared[v0, v1])
            A_shared[v0, v1] = A_local[v0, v1]
    for i in range(32):
        with T.block("B"):
            v0 = T.axis.spatial(32, i)
            T.reads(A_shared[v0, 0:32])
            T.writes(B[v0, 0:32])
            T.block_attr({"meta_schedule.tiling_structure": "SSRSRS"})
            tmp = T.alloc_buffer((32,), "float16", scope="local")
            for j in range(32):
                tmp[j] = A_shared[v0, j] * T.float16(2)
            for j in range(32):
                B[v0, j] = tmp[j]
