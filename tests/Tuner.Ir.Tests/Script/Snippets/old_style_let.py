# Older spellings: T.var symbolic variables, with T.let, untyped let assignment, T.cast(value, dtype).
@T.prim_func
def old_style(a: T.handle):
    n = T.var("int32")
    A = T.match_buffer(a, (n,), "float32")
    x = T.int32()
    with T.let(x, n - 1):
        for i in range(x):
            y = A[i] * T.float32(0.5)
            A[i + 1] = T.cast(y, "float32") + A[i + 1]
