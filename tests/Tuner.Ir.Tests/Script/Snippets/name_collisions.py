@T.prim_func
def collide(A: T.Buffer((4, 4), "float32")):
    for i in range(4):
        for i_1 in range(4):
            with T.block("x"):
                v = T.axis.spatial(4, i)
                v_1 = T.axis.spatial(4, i_1)
                T.reads()
                T.writes(A[v, v_1])
                A[v, v_1] = T.float32(0)
    for i in range(4):
        with T.block("y"):
            v = T.axis.spatial(4, i)
            T.reads()
            T.writes(A[v, 0])
            A[v, 0] = T.float32(1)
