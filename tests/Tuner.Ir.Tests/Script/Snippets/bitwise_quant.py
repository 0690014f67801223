# int4 weights packed eight to a uint32, MLC-LLM style.
@T.prim_func
def dequant(W: T.Buffer((8, 4), "uint32"), S: T.Buffer((8,), "float16"), D: T.Buffer((8, 32), "float16")):
    for i, j in T.grid(8, 32):
        with T.block("decode"):
            v_i, v_j = T.axis.remap("SS", [i, j])
            T.reads(W[v_i, v_j // 8], S[v_i])
            T.writes(D[v_i, v_j])
            D[v_i, v_j] = (T.Cast("float16", T.bitwise_and(T.shift_right(W[v_i, v_j // 8], T.Cast("uint32", v_j % 8 * 4)), T.uint32(15))) - T.float16(7)) * S[v_i]
    for i in range(8):
        with T.block("bits"):
            v_i = T.axis.spatial(8, i)
            T.reads(W[v_i, 0])
            T.writes(W[v_i, 1:4])
            W[v_i, 1] = W[v_i, 0] & T.uint32(255) | W[v_i, 0] >> T.uint32(4) ^ ~W[v_i, 0]
            W[v_i, 2] = W[v_i, 0] << T.uint32(2)
            W[v_i, 3] = T.reinterpret("uint32", T.float32(1)) + T.bitwise_or(T.uint32(3), T.bitwise_xor(W[v_i, 0], T.bitwise_not(T.uint32(0))))
