# from tvm.script import ir as I
# from tvm.script import tir as T
# from tvm.script import relax as R

@I.ir_module
class Module:
    @T.prim_func(private=True)
    def fused_matmul1_multiply(lv3: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), lv6: T.Buffer((T.int64(1), T.int64(4), T.int64(64), T.int64(128)), "float32"), T_multiply_intermediate: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        matmul_intermediate = T.alloc_buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)))
        for i0, i1, i2, i3, k in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128), T.int64(64)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_i3, v_k = T.axis.remap("SSSSR", [i0, i1, i2, i3, k])
                T.reads(lv3[v_i0, v_i1, v_i2, v_k], lv6[v_i0, v_i1, v_k, v_i3])
                T.writes(matmul_intermediate[v_i0, v_i1, v_i2, v_i3])
                with T.init():
                    matmul_intermediate[v_i0, v_i1, v_i2, v_i3] = T.float32(0.0)
                matmul_intermediate[v_i0, v_i1, v_i2, v_i3] = matmul_intermediate[v_i0, v_i1, v_i2, v_i3] + lv3[v_i0, v_i1, v_i2, v_k] * lv6[v_i0, v_i1, v_k, v_i3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(128)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(matmul_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = matmul_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] * T.float32(0.125)

    @T.prim_func(private=True)
    def fused_matmul3_add1_gelu(lv18: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), w1: T.Buffer((T.int64(256), T.int64(1024)), "float32"), b1: T.Buffer((T.int64(1024),), "float32"), T_multiply_2_intermediate: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        matmul_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_add_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_multiply = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        compute = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_multiply_1 = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        T_add = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(1024)))
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(1024), T.int64(256)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(lv18[v_i0, v_i1, v_k], w1[v_k, v_i2])
                T.writes(matmul_intermediate[v_i0, v_i1, v_i2])
                with T.init():
                    matmul_intermediate[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul_intermediate[v_i0, v_i1, v_i2] = matmul_intermediate[v_i0, v_i1, v_i2] + lv18[v_i0, v_i1, v_k] * w1[v_k, v_i2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(matmul_intermediate[v_ax0, v_ax1, v_ax2], b1[v_ax2])
                T.writes(T_add_intermediate[v_ax0, v_ax1, v_ax2])
                T_add_intermediate[v_ax0, v_ax1, v_ax2] = matmul_intermediate[v_ax0, v_ax1, v_ax2] + b1[v_ax2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(T_add_intermediate[v_ax0, v_ax1, v_ax2])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2])
                T_multiply[v_ax0, v_ax1, v_ax2] = T_add_intermediate[v_ax0, v_ax1, v_ax2] * T.float32(0.70710678118654757)
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
            with T.block("T_add_1"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(T_multiply_1[v_ax0, v_ax1, v_ax2])
                T.writes(T_add[v_ax0, v_ax1, v_ax2])
                T_add[v_ax0, v_ax1, v_ax2] = T.float32(0.5) + T_multiply_1[v_ax0, v_ax1, v_ax2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(1024)):
            with T.block("T_multiply_2"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(T_add_intermediate[v_ax0, v_ax1, v_ax2], T_add[v_ax0, v_ax1, v_ax2])
                T.writes(T_multiply_2_intermediate[v_ax0, v_ax1, v_ax2])
                T_multiply_2_intermediate[v_ax0, v_ax1, v_ax2] = T_add_intermediate[v_ax0, v_ax1, v_ax2] * T_add[v_ax0, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def fused_matmul4_add2_add(lv21: T.Buffer((T.int64(1), T.int64(128), T.int64(1024)), "float32"), w2: T.Buffer((T.int64(1024), T.int64(256)), "float32"), b2: T.Buffer((T.int64(256),), "float32"), lv17: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_add_intermediate_1: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        matmul_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(256)))
        T_add_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(256)))
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(256), T.int64(1024)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(lv21[v_i0, v_i1, v_k], w2[v_k, v_i2])
                T.writes(matmul_intermediate[v_i0, v_i1, v_i2])
                with T.init():
                    matmul_intermediate[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul_intermediate[v_i0, v_i1, v_i2] = matmul_intermediate[v_i0, v_i1, v_i2] + lv21[v_i0, v_i1, v_k] * w2[v_k, v_i2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(matmul_intermediate[v_ax0, v_ax1, v_ax2], b2[v_ax2])
                T.writes(T_add_intermediate[v_ax0, v_ax1, v_ax2])
                T_add_intermediate[v_ax0, v_ax1, v_ax2] = matmul_intermediate[v_ax0, v_ax1, v_ax2] + b2[v_ax2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_add_1"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(lv17[v_ax0, v_ax1, v_ax2], T_add_intermediate[v_ax0, v_ax1, v_ax2])
                T.writes(T_add_intermediate_1[v_ax0, v_ax1, v_ax2])
                T_add_intermediate_1[v_ax0, v_ax1, v_ax2] = lv17[v_ax0, v_ax1, v_ax2] + T_add_intermediate[v_ax0, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def fused_matmul_add(lv15: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), wo: T.Buffer((T.int64(256), T.int64(256)), "float32"), x: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_add_intermediate: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        matmul_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(256)))
        for i0, i1, i2, k in T.grid(T.int64(1), T.int64(128), T.int64(256), T.int64(256)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(lv15[v_i0, v_i1, v_k], wo[v_k, v_i2])
                T.writes(matmul_intermediate[v_i0, v_i1, v_i2])
                with T.init():
                    matmul_intermediate[v_i0, v_i1, v_i2] = T.float32(0.0)
                matmul_intermediate[v_i0, v_i1, v_i2] = matmul_intermediate[v_i0, v_i1, v_i2] + lv15[v_i0, v_i1, v_k] * wo[v_k, v_i2]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(x[v_ax0, v_ax1, v_ax2], matmul_intermediate[v_ax0, v_ax1, v_ax2])
                T.writes(T_add_intermediate[v_ax0, v_ax1, v_ax2])
                T_add_intermediate[v_ax0, v_ax1, v_ax2] = x[v_ax0, v_ax1, v_ax2] + matmul_intermediate[v_ax0, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def fused_reshape_transpose(lv1: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_transpose_intermediate: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_reshape_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(128), T.int64(4), T.int64(64)):
            with T.block("T_reshape"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(lv1[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)])
                T.writes(T_reshape_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_reshape_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = lv1[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(128), T.int64(64)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_reshape_intermediate[v_ax0, v_ax2, v_ax1, v_ax3])
                T.writes(T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = T_reshape_intermediate[v_ax0, v_ax2, v_ax1, v_ax3]

    @T.prim_func(private=True)
    def fused_reshape_transpose1(lv4: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), T_transpose_intermediate: T.Buffer((T.int64(1), T.int64(4), T.int64(64), T.int64(128)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_reshape_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(128), T.int64(4), T.int64(64)):
            with T.block("T_reshape"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(lv4[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)])
                T.writes(T_reshape_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_reshape_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = lv4[T.int64(0), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2 * T.int64(64) + v_ax3) % T.int64(256)]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(4), T.int64(64), T.int64(128)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_reshape_intermediate[v_ax0, v_ax3, v_ax1, v_ax2])
                T.writes(T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = T_reshape_intermediate[v_ax0, v_ax3, v_ax1, v_ax2]

    @T.prim_func(private=True)
    def fused_transpose2_reshape1(lv13: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), T_reshape_intermediate: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_transpose_intermediate = T.alloc_buffer((T.int64(1), T.int64(128), T.int64(4), T.int64(64)))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(1), T.int64(128), T.int64(4), T.int64(64)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(lv13[v_ax0, v_ax2, v_ax1, v_ax3])
                T.writes(T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose_intermediate[v_ax0, v_ax1, v_ax2, v_ax3] = lv13[v_ax0, v_ax2, v_ax1, v_ax3]
        for ax0, ax1, ax2 in T.grid(T.int64(1), T.int64(128), T.int64(256)):
            with T.block("T_reshape"):
                v_ax0, v_ax1, v_ax2 = T.axis.remap("SSS", [ax0, ax1, ax2])
                T.reads(T_transpose_intermediate[T.int64(0), (v_ax1 * T.int64(256) + v_ax2) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2) // T.int64(64) % T.int64(4), (v_ax1 * T.int64(256) + v_ax2) % T.int64(64)])
                T.writes(T_reshape_intermediate[v_ax0, v_ax1, v_ax2])
                T_reshape_intermediate[v_ax0, v_ax1, v_ax2] = T_transpose_intermediate[T.int64(0), (v_ax1 * T.int64(256) + v_ax2) // T.int64(256), (v_ax1 * T.int64(256) + v_ax2) // T.int64(64) % T.int64(4), (v_ax1 * T.int64(256) + v_ax2) % T.int64(64)]

    @T.prim_func(private=True)
    def layer_norm(A: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32"), B: T.Buffer((T.int64(256),), "float32"), C: T.Buffer((T.int64(256),), "float32"), T_layer_norm: T.Buffer((T.int64(1), T.int64(128), T.int64(256)), "float32")):
        T.func_attr({"op_pattern": 8, "tir.noalias": True})
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
        T.func_attr({"op_pattern": 4, "tir.noalias": True})
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
    def matmul2(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32"), B: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32"), matmul: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(64)), "float32")):
        T.func_attr({"op_pattern": 4, "tir.noalias": True})
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
    def softmax(A: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32"), T_softmax_norm: T.Buffer((T.int64(1), T.int64(4), T.int64(128), T.int64(128)), "float32")):
        T.func_attr({"op_pattern": 4, "tir.noalias": True})
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

    @R.function
    def main(x: R.Tensor((1, 128, 256), dtype="float32"), ln1_g: R.Tensor((256,), dtype="float32"), ln1_b: R.Tensor((256,), dtype="float32"), wq: R.Tensor((256, 256), dtype="float32"), wk: R.Tensor((256, 256), dtype="float32"), wv: R.Tensor((256, 256), dtype="float32"), wo: R.Tensor((256, 256), dtype="float32"), ln2_g: R.Tensor((256,), dtype="float32"), ln2_b: R.Tensor((256,), dtype="float32"), w1: R.Tensor((256, 1024), dtype="float32"), b1: R.Tensor((1024,), dtype="float32"), w2: R.Tensor((1024, 256), dtype="float32"), b2: R.Tensor((256,), dtype="float32")) -> R.Tensor((1, 128, 256), dtype="float32"):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(cls.layer_norm, (x, ln1_g, ln1_b), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv1 = R.call_tir(cls.matmul, (lv, wq), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv3 = R.call_tir(cls.fused_reshape_transpose, (lv1,), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv4 = R.call_tir(cls.matmul, (lv, wk), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv6 = R.call_tir(cls.fused_reshape_transpose1, (lv4,), out_sinfo=R.Tensor((1, 4, 64, 128), dtype="float32"))
            lv7 = R.call_tir(cls.matmul, (lv, wv), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv9 = R.call_tir(cls.fused_reshape_transpose, (lv7,), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv11 = R.call_tir(cls.fused_matmul1_multiply, (lv3, lv6), out_sinfo=R.Tensor((1, 4, 128, 128), dtype="float32"))
            lv12 = R.call_tir(cls.softmax, (lv11,), out_sinfo=R.Tensor((1, 4, 128, 128), dtype="float32"))
            lv13 = R.call_tir(cls.matmul2, (lv12, lv9), out_sinfo=R.Tensor((1, 4, 128, 64), dtype="float32"))
            lv15 = R.call_tir(cls.fused_transpose2_reshape1, (lv13,), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv17 = R.call_tir(cls.fused_matmul_add, (lv15, wo, x), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv18 = R.call_tir(cls.layer_norm, (lv17, ln2_g, ln2_b), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            lv21 = R.call_tir(cls.fused_matmul3_add1_gelu, (lv18, w1, b1), out_sinfo=R.Tensor((1, 128, 1024), dtype="float32"))
            gv = R.call_tir(cls.fused_matmul4_add2_add, (lv21, w2, b2, lv17), out_sinfo=R.Tensor((1, 128, 256), dtype="float32"))
            R.output(gv)
        return gv
