# from tvm.script import ir as I
# from tvm.script import tir as T
# from tvm.script import relax as R

@I.ir_module
class Module:
    @T.prim_func(private=True)
    def add(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_add: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2], B[v_ax0, v_ax1, v_ax2])
                T.writes(T_add[v_ax0, v_ax1, v_ax2])
                T_add[v_ax0, v_ax1, v_ax2] = A[v_ax0, v_ax1, v_ax2] + B[v_ax0, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def add1(A: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32"), B: T.Buffer((T.int64(1024),), "float32"), T_add: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2], B[v_ax2])
                T.writes(T_add[v_ax0, v_ax1, v_ax2])
                T_add[v_ax0, v_ax1, v_ax2] = A[v_ax0, v_ax1, v_ax2] + B[v_ax2]

    @T.prim_func(private=True)
    def add2(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(256),), "float32"), T_add: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2], B[v_ax2])
                T.writes(T_add[v_ax0, v_ax1, v_ax2])
                T_add[v_ax0, v_ax1, v_ax2] = A[v_ax0, v_ax1, v_ax2] + B[v_ax2]

    @T.prim_func(private=True)
    def gelu(A: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32"), T_multiply_2: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_multiply = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        compute = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_multiply_1 = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_add = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2])
                T_multiply[v_ax0, v_ax1, v_ax2] = A[v_ax0, v_ax1, v_ax2] * T.float32(0.70710678118654757)
        for i0, i1, i2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("compute"):
                v_i0, v_i1, v_i2 = T.axis.remap("SSS", [i0, i1, i2])
                T.reads(T_multiply[v_i0, v_i1, v_i2])
                T.writes(compute[v_i0, v_i1, v_i2])
                compute[v_i0, v_i1, v_i2] = T.erf(T_multiply[v_i0, v_i1, v_i2])
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_multiply_1"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(compute[v_ax0, v_ax1, v_ax2])
                T.writes(T_multiply_1[v_ax0, v_ax1, v_ax2])
                T_multiply_1[v_ax0, v_ax1, v_ax2] = compute[v_ax0, v_ax1, v_ax2] * T.float32(0.5)
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(T_multiply_1[v_ax0, v_ax1, v_ax2])
                T.writes(T_add[v_ax0, v_ax1, v_ax2])
                T_add[v_ax0, v_ax1, v_ax2] = T.float32(0.5) + T_multiply_1[v_ax0, v_ax1, v_ax2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_multiply_2"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2], T_add[v_ax0, v_ax1, v_ax2])
                T.writes(T_multiply_2[v_ax0, v_ax1, v_ax2])
                T_multiply_2[v_ax0, v_ax1, v_ax2] = A[v_ax0, v_ax1, v_ax2] * T_add[v_ax0, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def layer_norm(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(256),), "float32"), C: T.Buffer((T.int64(256),), "float32"), T_layer_norm: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_layer_norm_red_temp_v0 = T.alloc_buffer((T.int64(1), T.int64(128)))
        T_layer_norm_red_temp_v1 = T.alloc_buffer((T.int64(1), T.int64(128)))
        for ax0, ax1, k2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_layer_norm_red_temp"):
                v_ax0, v_ax1, v_k2 = T.axis.remap("SSR", [ax0, ax1, k2])
                T.reads(A[v_ax0, v_ax1, v_k2])
                T.writes(T_layer_norm_red_temp_v0[v_ax0, v_ax1], T_layer_norm_red_temp_v1[v_ax0, v_ax1])
                with T.init():
                    T_layer_norm_red_temp_v0[v_ax0, v_ax1] = T.float32(0.0)
                    T_layer_norm_red_temp_v1[v_ax0, v_ax1] = T.float32(0.0)
                v_T_layer_norm_red_temp_v0: T.float32 = T_layer_norm_red_temp_v0[v_ax0, v_ax1] + A[v_ax0, v_ax1, v_k2]
                v_T_layer_norm_red_temp_v1: T.float32 = T_layer_norm_red_temp_v1[v_ax0, v_ax1] + A[v_ax0, v_ax1, v_k2] * A[v_ax0, v_ax1, v_k2]
                T_layer_norm_red_temp_v0[v_ax0, v_ax1] = v_T_layer_norm_red_temp_v0
                T_layer_norm_red_temp_v1[v_ax0, v_ax1] = v_T_layer_norm_red_temp_v1
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_layer_norm"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[v_ax0, v_ax1, v_ax2], T_layer_norm_red_temp_v0[v_ax0, v_ax1], T_layer_norm_red_temp_v1[v_ax0, v_ax1], B[v_ax2], C[v_ax2])
                T.writes(T_layer_norm[v_ax0, v_ax1, v_ax2])
                T_layer_norm[v_ax0, v_ax1, v_ax2] = (A[v_ax0, v_ax1, v_ax2] - T_layer_norm_red_temp_v0[v_ax0, v_ax1] * T.float32(0.00390625)) * T.rsqrt(T_layer_norm_red_temp_v1[v_ax0, v_ax1] * T.float32(0.00390625) - T_layer_norm_red_temp_v0[v_ax0, v_ax1] * T.float32(0.00390625) * (T_layer_norm_red_temp_v0[v_ax0, v_ax1] * T.float32(0.00390625)) + T.float32(1.0000000000000001e-05)) * B[v_ax2] + C[v_ax2]

    @T.prim_func(private=True)
    def matmul(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(256), T.int64(256)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(256), T.int64(256)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(A[v_i0, v_i1, v_k], B[v_k, v_i2])
                T.writes(matmul[v_i0, v_i1, v_i2])
                with T.init():
                    matmul[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2] = matmul[v_i0, v_i1, v_i2] + A[v_i0, v_i1, v_k] * B[v_k, v_i2]

    @T.prim_func(private=True)
    def matmul1(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), B: T.Buffer((T.int64(1), T.int64(4), T.int64(64), T.int64(128)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3, k in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128), T.int64(64)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_i3, v_k = T.axis.remap("SSSSR", [i0, i1, i2, i3, k])
                T.reads(A[v_i0, v_i1, v_i2, v_k], B[v_i0, v_i1, v_k, v_i3])
                T.writes(matmul[v_i0, v_i1, v_i2, v_i3])
                with T.init():
                    matmul[v_i0, v_i1, v_i2, v_i3] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2, v_i3] = matmul[v_i0, v_i1, v_i2, v_i3] + A[v_i0, v_i1, v_i2, v_k] * B[v_i0, v_i1, v_k, v_i3]

    @T.prim_func(private=True)
    def matmul2(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32"), B: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3, k in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(64), T.int64(128)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_i3, v_k = T.axis.remap("SSSSR", [i0, i1, i2, i3, k])
                T.reads(A[v_i0, v_i1, v_i2, v_k], B[v_i0, v_i1, v_k, v_i3])
                T.writes(matmul[v_i0, v_i1, v_i2, v_i3])
                with T.init():
                    matmul[v_i0, v_i1, v_i2, v_i3] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2, v_i3] = matmul[v_i0, v_i1, v_i2, v_i3] + A[v_i0, v_i1, v_i2, v_k] * B[v_i0, v_i1, v_k, v_i3]

    @T.prim_func(private=True)
    def matmul3(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(256), T.int64(1024)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(1024), T.int64(256)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(A[v_i0, v_i1, v_k], B[v_k, v_i2])
                T.writes(matmul[v_i0, v_i1, v_i2])
                with T.init():
                    matmul[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2] = matmul[v_i0, v_i1, v_i2] + A[v_i0, v_i1, v_k] * B[v_k, v_i2]

    @T.prim_func(private=True)
    def matmul4(A: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32"), B: T.Buffer((T.int64(1024), T.int64(256)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(256), T.int64(1024)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(A[v_i0, v_i1, v_k], B[v_k, v_i2])
                T.writes(matmul[v_i0, v_i1, v_i2])
                with T.init():
                    matmul[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2] = matmul[v_i0, v_i1, v_i2] + A[v_i0, v_i1, v_k] * B[v_k, v_i2]

    @T.prim_func(private=True)
    def multiply(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32"), T_multiply: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * T.float32(0.125)

    @T.prim_func(private=True)
    def reshape(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_reshape: T.Buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(128), T.int64(4), T.int64(64)):
            with T.block("T_reshape"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)])
                T.writes(T_reshape[v_ax0, v_ax1, v_ax2, v_ax3])
                T_reshape[v_ax0, v_ax1, v_ax2, v_ax3] = A[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)]

    @T.prim_func(private=True)
    def reshape1(A: T.Buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)), "float32"), T_reshape: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_reshape"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(A[T.int64(0), (v_ax1 * T.int64(256) + v_ax2) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2) // T.int64(64) % T.int64(4), (v_ax1 * T.int64(256) + v_ax2) % T.int64(64)])
                T.writes(T_reshape[v_ax0, v_ax1, v_ax2])
                T_reshape[v_ax0, v_ax1, v_ax2] = A[T.int64(0), (v_ax1 * T.int64(256) + v_ax2) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2) // T.int64(64) % T.int64(4), (v_ax1 * T.int64(256) + v_ax2) % T.int64(64)]

    @T.prim_func(private=True)
    def softmax(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32"), T_softmax_norm: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_softmax_maxelem = T.alloc_buffer((T.int64(1), T.int64(4), T.int64(128)))
        T_softmax_exp = T.alloc_buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)))
        T_softmax_expsum = T.alloc_buffer((T.int64(1), T.int64(4), T.int64(128)))
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_softmax_maxelem"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(A[v_i0, v_i1, v_i2, v_k])
                T.writes(T_softmax_maxelem[v_i0, v_i1, v_i2])
                with T.init():
                    T_softmax_maxelem[v_i0, v_i1, v_i2] = T.float32(-340282346638528859811704183484516925440.0)
                T_softmax_maxelem[v_i0, v_i1, v_i2] = T.max(T_softmax_maxelem[v_i0, v_i1, v_i2], A[v_i0, v_i1, v_i2, v_k])
        for i0, i1, i2, i3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_softmax_exp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3], T_softmax_maxelem[v_i0, v_i1, v_i2])
                T.writes(T_softmax_exp[v_i0, v_i1, v_i2, v_i3])
                T_softmax_exp[v_i0, v_i1, v_i2, v_i3] = T.exp(A[v_i0, v_i1, v_i2, v_i3] - T_softmax_maxelem[v_i0, v_i1, v_i2])
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_softmax_expsum"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(T_softmax_exp[v_i0, v_i1, v_i2, v_k])
                T.writes(T_softmax_expsum[v_i0, v_i1, v_i2])
                with T.init():
                    T_softmax_expsum[v_i0, v_i1, v_i2] = T.float32(0.0)
                T_softmax_expsum[v_i0, v_i1, v_i2] = T_softmax_expsum[v_i0, v_i1, v_i2] + T_softmax_exp[v_i0, v_i1, v_i2, v_k]
        for i0, i1, i2, i3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_softmax_norm"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(T_softmax_exp[v_i0, v_i1, v_i2, v_i3], T_softmax_expsum[v_i0, v_i1, v_i2])
                T.writes(T_softmax_norm[v_i0, v_i1, v_i2, v_i3])
                T.block_attr({"axis": 3})
                T_softmax_norm[v_i0, v_i1, v_i2, v_i3] = T_softmax_exp[v_i0, v_i1, v_i2, v_i3] / T_softmax_expsum[v_i0, v_i1, v_i2]

    @T.prim_func(private=True)
    def transpose(A: T.Buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)), "float32"), T_transpose: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(64)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax2, v_ax1, v_ax3])
                T.writes(T_transpose[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax2, v_ax1, v_ax3]

    @T.prim_func(private=True)
    def transpose1(A: T.Buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)), "float32"), T_transpose: T.Buffer((T.int64(1), T.int64(4), T.int64(64), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(64), T.int64(128)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax3, v_ax1, v_ax2])
                T.writes(T_transpose[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax3, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def transpose2(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), T_transpose: T.Buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(128), T.int64(4), T.int64(64)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax2, v_ax1, v_ax3])
                T.writes(T_transpose[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax2, v_ax1, v_ax3]

    @R.function
    def main(x: R.Tensor((1, 128, 256), dtype="float32"), ln1_g: R.Tensor((256,), dtype="float32"), ln1_b: R.Tensor((256,), dtype="float32"), wq: R.Tensor((256, 256), dtype="float32"), wk: R.Tensor((256, 256), dtype="float32"), wv: R.Tensor((256, 256), dtype="float32"), wo: R.Tensor((256, 256), dtype="float32"), ln2_g: R.Tensor((256,), dtype="float32"), ln2_b: R.Tensor((256,), dtype="float32"), w1: R.Tensor((256, 1024), dtype="float32"), b1: R.Tensor((1024,), dtype="float32"), w2: R.Tensor((1024, 256), dtype="float32"), b2: R.Tensor((256,), dtype="float32")) -> R.Tensor((1, 128, 256), dtype="float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(cls.layer_norm, (x, ln1_g, ln1_b), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv1 = R.call_tir(cls.matmul, (lv, wq), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv2 = R.call_tir(cls.reshape, (lv1,), out_sinfo=R.Tensor((1, 128, 4, 64), dtype="float32"))
            lv3 = R.call_tir(cls.transpose, (lv2,), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv4 = R.call_tir(cls.matmul, (lv, wk), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv5 = R.call_tir(cls.reshape, (lv4,), out_sinfo=R.Tensor((1, 128, 4, 64), dtype="float32"))
            lv6 = R.call_tir(cls.transpose1, (lv5,), out_sinfo=R.Tensor((1, 4, 64, 128), dtype="float32"))
            lv7 = R.call_tir(cls.matmul, (lv, wv), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv8 = R.call_tir(cls.reshape, (lv7,), out_sinfo=R.Tensor((1, 128, 4, 64), dtype="float32"))
            lv9 = R.call_tir(cls.transpose, (lv8,), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv10 = R.call_tir(cls.matmul1, (lv3, lv6), out_sinfo=R.Tensor((1, 4, 128, 128), dtype="float32"))
            lv11 = R.call_tir(cls.multiply, (lv10,), out_sinfo=R.Tensor((1, 4, 128, 128), dtype="float32"))
            lv12 = R.call_tir(cls.softmax, (lv11,), out_sinfo=R.Tensor((1, 4, 128, 128), dtype="float32"))
            lv13 = R.call_tir(cls.matmul2, (lv12, lv9), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv14 = R.call_tir(cls.transpose2, (lv13,), out_sinfo=R.Tensor((1, 128, 4, 64), dtype="float32"))
            lv15 = R.call_tir(cls.reshape1, (lv14,), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv16 = R.call_tir(cls.matmul, (lv15, wo), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv17 = R.call_tir(cls.add, (x, lv16), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv18 = R.call_tir(cls.layer_norm, (lv17, ln2_g, ln2_b), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv19 = R.call_tir(cls.matmul3, (lv18, w1), out_sinfo=R.Tensor((1, 128, 1024), dtype="float32"))
            lv20 = R.call_tir(cls.add1, (lv19, b1), out_sinfo=R.Tensor((1, 128, 1024), dtype="float32"))
            lv21 = R.call_tir(cls.gelu, (lv20,), out_sinfo=R.Tensor((1, 128, 1024), dtype="float32"))
            lv22 = R.call_tir(cls.matmul4, (lv21, w2), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv23 = R.call_tir(cls.add2, (lv22, b2), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            gv = R.call_tir(cls.add, (lv17, lv23), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            R.output(gv)
        return gv
