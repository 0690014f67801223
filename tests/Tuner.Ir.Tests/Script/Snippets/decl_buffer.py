@T.prim_func
def scratch(A: T.Buffer((4,), "float32")):
    for i in range(4):
        tmp = T.decl_buffer((1,), scope="local")
        tmp[0] = A[i] + T.float32(1)
        A[i] = tmp[0]
