# from tvm.script import ir as I
# from tvm.script import tir as T
# from tvm.script import relax as R

@I.ir_module
class Module:
    @T.prim_func(private=True)
    def add(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(3), T.int64(1), T.int64(8)), "float32"), T_add: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], B[v_ax1, T.int64(0), v_ax3])
                T.writes(T_add[v_ax0, v_ax1, v_ax2, v_ax3])
                T_add[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] + B[v_ax1, T.int64(0), v_ax3]

    @T.prim_func(private=True)
    def avg_pool2d(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), pool_avg: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        pad_temp = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(10), T.int64(10)))
        pool_sum = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(10), T.int64(10)):
            with T.block("pad_temp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)])
                T.writes(pad_temp[v_i0, v_i1, v_i2, v_i3])
                pad_temp[v_i0, v_i1, v_i2, v_i3] = T.if_then_else(T.int64(1) <= v_i2 and v_i2 < T.int64(9) and T.int64(1) <= v_i3 and v_i3 < T.int64(9), A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)], T.float32(0.0))
        for ax0, ax1, ax2, ax3, rv0, rv1 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8), T.int64(3), T.int64(3)):
            with T.block("pool_sum"):
                v_ax0, v_ax1, v_ax2, v_ax3, v_rv0, v_rv1 = T.axis.remap("SSSSRR", [ax0, ax1, ax2, ax3, rv0, rv1])
                T.reads(pad_temp[v_ax0, v_ax1, v_ax2 + v_rv0, v_ax3 + v_rv1])
                T.writes(pool_sum[v_ax0, v_ax1, v_ax2, v_ax3])
                T.block_attr({"schedule_rule": "meta_schedule.pool_avg"})
                with T.init():
                    pool_sum[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.0)
                pool_sum[v_ax0, v_ax1, v_ax2, v_ax3] = pool_sum[v_ax0, v_ax1, v_ax2, v_ax3] + pad_temp[v_ax0, v_ax1, v_ax2 + v_rv0, v_ax3 + v_rv1]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("pool_avg"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(pool_sum[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(pool_avg[v_ax0, v_ax1, v_ax2, v_ax3])
                pool_avg[v_ax0, v_ax1, v_ax2, v_ax3] = pool_sum[v_ax0, v_ax1, v_ax2, v_ax3] / T.Cast("float32", (T.min(v_ax2 - T.int64(1) + T.int64(3), T.int64(8)) - T.max(v_ax2 - T.int64(1), T.int64(0))) * (T.min(v_ax3 - T.int64(1) + T.int64(3), T.int64(8)) - T.max(v_ax3 - T.int64(1), T.int64(0))))

    @T.prim_func(private=True)
    def cast(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float64")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.Cast("float64", A[v_i0, v_i1, v_i2, v_i3])

    @T.prim_func(private=True)
    def conv2d(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(4), T.int64(3), T.int64(3), T.int64(3)), "float32"), conv2d_nchw: T.Buffer((T.int64(2), T.int64(4), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        pad_temp = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(10), T.int64(10)))
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(10), T.int64(10)):
            with T.block("pad_temp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)])
                T.writes(pad_temp[v_i0, v_i1, v_i2, v_i3])
                pad_temp[v_i0, v_i1, v_i2, v_i3] = T.if_then_else(T.int64(1) <= v_i2 and v_i2 < T.int64(9) and T.int64(1) <= v_i3 and v_i3 < T.int64(9), A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)], T.float32(0.0))
        for nn, ff, yy, xx, rc, ry, rx in T.grid(T.int64(2), T.int64(4), T.int64(8), T.int64(8), T.int64(3), T.int64(3), T.int64(3)):
            with T.block("conv2d_nchw"):
                v_nn, v_ff, v_yy, v_xx, v_rc, v_ry, v_rx = T.axis.remap("SSSSRRR", [nn, ff, yy, xx, rc, ry, rx])
                T.reads(pad_temp[v_nn, v_rc, v_yy + v_ry, v_xx + v_rx], B[v_ff, v_rc, v_ry, v_rx])
                T.writes(conv2d_nchw[v_nn, v_ff, v_yy, v_xx])
                with T.init():
                    conv2d_nchw[v_nn, v_ff, v_yy, v_xx] = T.float32(0.0)
                conv2d_nchw[v_nn, v_ff, v_yy, v_xx] = conv2d_nchw[v_nn, v_ff, v_yy, v_xx] + pad_temp[v_nn, v_rc, v_yy + v_ry, v_xx + v_rx] * B[v_ff, v_rc, v_ry, v_rx]

    @T.prim_func(private=True)
    def conv2d1(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(6), T.int64(1), T.int64(3), T.int64(3)), "float32"), group_conv2d_nchw: T.Buffer((T.int64(2), T.int64(6), T.int64(3), T.int64(3)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for nn, ff, yy, xx, rc, ry, rx in T.grid(T.int64(2), T.int64(6), T.int64(3), T.int64(3), T.int64(1), T.int64(3), T.int64(3)):
            with T.block("group_conv2d_nchw"):
                v_nn, v_ff, v_yy, v_xx, v_rc, v_ry, v_rx = T.axis.remap("SSSSRRR", [nn, ff, yy, xx, rc, ry, rx])
                T.reads(A[v_nn, v_ff // T.int64(2) + v_rc, v_yy * T.int64(2) + v_ry, v_xx * T.int64(2) + v_rx], B[v_ff, v_rc, v_ry, v_rx])
                T.writes(group_conv2d_nchw[v_nn, v_ff, v_yy, v_xx])
                with T.init():
                    group_conv2d_nchw[v_nn, v_ff, v_yy, v_xx] = T.float32(0.0)
                group_conv2d_nchw[v_nn, v_ff, v_yy, v_xx] = group_conv2d_nchw[v_nn, v_ff, v_yy, v_xx] + A[v_nn, v_ff // T.int64(2) + v_rc, v_yy * T.int64(2) + v_ry, v_xx * T.int64(2) + v_rx] * B[v_ff, v_rc, v_ry, v_rx]

    @T.prim_func(private=True)
    def conv2d2(A: T.Buffer((T.int64(2), T.int64(8), T.int64(8), T.int64(3)), "float32"), B: T.Buffer((T.int64(3), T.int64(3), T.int64(3), T.int64(4)), "float32"), conv2d_nhwc: T.Buffer((T.int64(2), T.int64(6), T.int64(6), T.int64(4)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        pad_temp = T.alloc_buffer((T.int64(2), T.int64(10), T.int64(10), T.int64(3)))
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(10), T.int64(10), T.int64(3)):
            with T.block("pad_temp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1 - T.int64(1), v_i2 - T.int64(1), v_i3])
                T.writes(pad_temp[v_i0, v_i1, v_i2, v_i3])
                pad_temp[v_i0, v_i1, v_i2, v_i3] = T.if_then_else(T.int64(1) <= v_i1 and v_i1 < T.int64(9) and T.int64(1) <= v_i2 and v_i2 < T.int64(9), A[v_i0, v_i1 - T.int64(1), v_i2 - T.int64(1), v_i3], T.float32(0.0))
        for nn, yy, xx, ff, ry, rx, rc in T.grid(T.int64(2), T.int64(6), T.int64(6), T.int64(4), T.int64(3), T.int64(3), T.int64(3)):
            with T.block("conv2d_nhwc"):
                v_nn, v_yy, v_xx, v_ff, v_ry, v_rx, v_rc = T.axis.remap("SSSSRRR", [nn, yy, xx, ff, ry, rx, rc])
                T.reads(pad_temp[v_nn, v_yy + v_ry * T.int64(2), v_xx + v_rx * T.int64(2), v_rc], B[v_ry, v_rx, v_rc, v_ff])
                T.writes(conv2d_nhwc[v_nn, v_yy, v_xx, v_ff])
                with T.init():
                    conv2d_nhwc[v_nn, v_yy, v_xx, v_ff] = T.float32(0.0)
                conv2d_nhwc[v_nn, v_yy, v_xx, v_ff] = conv2d_nhwc[v_nn, v_yy, v_xx, v_ff] + pad_temp[v_nn, v_yy + v_ry * T.int64(2), v_xx + v_rx * T.int64(2), v_rc] * B[v_ry, v_rx, v_rc, v_ff]

    @T.prim_func(private=True)
    def divide(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(3), T.int64(1), T.int64(8)), "float32"), T_divide: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_divide"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], B[v_ax1, T.int64(0), v_ax3])
                T.writes(T_divide[v_ax0, v_ax1, v_ax2, v_ax3])
                T_divide[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] / B[v_ax1, T.int64(0), v_ax3]

    @T.prim_func(private=True)
    def exp(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.exp(A[v_i0, v_i1, v_i2, v_i3])

    @T.prim_func(private=True)
    def gelu(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_multiply_2: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_multiply = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        compute = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_multiply_1 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_add = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * T.float32(0.70710678118654757)
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(T_multiply[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.erf(T_multiply[v_i0, v_i1, v_i2, v_i3])
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_1"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(compute[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3] = compute[v_ax0, v_ax1, v_ax2, v_ax3] * T.float32(0.5)
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_add[v_ax0, v_ax1, v_ax2, v_ax3])
                T_add[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.5) + T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_2"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], T_add[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_2[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_2[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * T_add[v_ax0, v_ax1, v_ax2, v_ax3]

    @T.prim_func(private=True)
    def gelu_tanh(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_multiply_4: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_multiply = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_power = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_multiply_1 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_add = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_multiply_2 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        compute = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_add_1 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.5) * A[v_ax0, v_ax1, v_ax2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_power"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_power[v_ax0, v_ax1, v_ax2, v_ax3])
                T_power[v_ax0, v_ax1, v_ax2, v_ax3] = T.pow(A[v_ax0, v_ax1, v_ax2, v_ax3], T.float32(3.0))
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_1"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_power[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.044714999999999998) * T_power[v_ax0, v_ax1, v_ax2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_add"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_add[v_ax0, v_ax1, v_ax2, v_ax3])
                T_add[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] + T_multiply_1[v_ax0, v_ax1, v_ax2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_2"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_add[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_2[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_2[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.79788456080286541) * T_add[v_ax0, v_ax1, v_ax2, v_ax3]
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(T_multiply_2[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.tanh(T_multiply_2[v_i0, v_i1, v_i2, v_i3])
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_add_1"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(compute[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_add_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T_add_1[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(1.0) + compute[v_ax0, v_ax1, v_ax2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_4"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3], T_add_1[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply_4[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply_4[v_ax0, v_ax1, v_ax2, v_ax3] = T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] * T_add_1[v_ax0, v_ax1, v_ax2, v_ax3]

    @T.prim_func(private=True)
    def layer_norm(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(8),), "float32"), C: T.Buffer((T.int64(8),), "float32"), T_layer_norm: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_layer_norm_red_temp_v0 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8)))
        T_layer_norm_red_temp_v1 = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8)))
        for ax0, ax1, ax2, k3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_layer_norm_red_temp"):
                v_ax0, v_ax1, v_ax2, v_k3 = T.axis.remap("SSSR", [ax0, ax1, ax2, k3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_k3])
                T.writes(T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2], T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2])
                with T.init():
                    T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] = T.float32(0.0)
                    T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2] = T.float32(0.0)
                v_T_layer_norm_red_temp_v0: T.float32 = T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] + A[v_ax0, v_ax1, v_ax2, v_k3]
                v_T_layer_norm_red_temp_v1: T.float32 = T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2] + A[v_ax0, v_ax1, v_ax2, v_k3] * A[v_ax0, v_ax1, v_ax2, v_k3]
                T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] = v_T_layer_norm_red_temp_v0
                T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2] = v_T_layer_norm_red_temp_v1
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_layer_norm"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2], T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2], B[v_ax3], C[v_ax3])
                T.writes(T_layer_norm[v_ax0, v_ax1, v_ax2, v_ax3])
                T_layer_norm[v_ax0, v_ax1, v_ax2, v_ax3] = (A[v_ax0, v_ax1, v_ax2, v_ax3] - T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] * T.float32(0.125)) * T.rsqrt(T_layer_norm_red_temp_v1[v_ax0, v_ax1, v_ax2] * T.float32(0.125) - T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] * T.float32(0.125) * (T_layer_norm_red_temp_v0[v_ax0, v_ax1, v_ax2] * T.float32(0.125)) + T.float32(1.0000000000000001e-05)) * B[v_ax3] + C[v_ax3]

    @T.prim_func(private=True)
    def log_softmax(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_softmax_maxelem = T.alloc_buffer((T.int64(2), T.int64(8), T.int64(8)))
        T_softmax_expsum = T.alloc_buffer((T.int64(2), T.int64(8), T.int64(8)))
        for i0, i2, i3, k in T.grid(T.int64(2), T.int64(8), T.int64(8), T.int64(3)):
            with T.block("T_softmax_maxelem"):
                v_i0, v_i2, v_i3, v_k = T.axis.remap("SSSR", [i0, i2, i3, k])
                T.reads(A[v_i0, v_k, v_i2, v_i3])
                T.writes(T_softmax_maxelem[v_i0, v_i2, v_i3])
                with T.init():
                    T_softmax_maxelem[v_i0, v_i2, v_i3] = T.float32(-340282346638528859811704183484516925440.0)
                T_softmax_maxelem[v_i0, v_i2, v_i3] = T.max(T_softmax_maxelem[v_i0, v_i2, v_i3], A[v_i0, v_k, v_i2, v_i3])
        for i0, i2, i3, k in T.grid(T.int64(2), T.int64(8), T.int64(8), T.int64(3)):
            with T.block("T_softmax_expsum"):
                v_i0, v_i2, v_i3, v_k = T.axis.remap("SSSR", [i0, i2, i3, k])
                T.reads(A[v_i0, v_k, v_i2, v_i3], T_softmax_maxelem[v_i0, v_i2, v_i3])
                T.writes(T_softmax_expsum[v_i0, v_i2, v_i3])
                with T.init():
                    T_softmax_expsum[v_i0, v_i2, v_i3] = T.float32(0.0)
                T_softmax_expsum[v_i0, v_i2, v_i3] = T_softmax_expsum[v_i0, v_i2, v_i3] + T.exp(A[v_i0, v_k, v_i2, v_i3] - T_softmax_maxelem[v_i0, v_i2, v_i3])
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3], T_softmax_maxelem[v_i0, v_i2, v_i3], T_softmax_expsum[v_i0, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                T.block_attr({"axis": 1})
                compute[v_i0, v_i1, v_i2, v_i3] = A[v_i0, v_i1, v_i2, v_i3] - T_softmax_maxelem[v_i0, v_i2, v_i3] - T.log(T_softmax_expsum[v_i0, v_i2, v_i3])

    @T.prim_func(private=True)
    def matmul(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), matmul: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3, k in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8), T.int64(8)):
            with T.block("matmul"):
                v_i0, v_i1, v_i2, v_i3, v_k = T.axis.remap("SSSSR", [i0, i1, i2, i3, k])
                T.reads(A[v_i0, v_i1, v_i2, v_k], B[v_i0, v_i1, v_k, v_i3])
                T.writes(matmul[v_i0, v_i1, v_i2, v_i3])
                with T.init():
                    matmul[v_i0, v_i1, v_i2, v_i3] = T.float32(0.0)
                matmul[v_i0, v_i1, v_i2, v_i3] = matmul[v_i0, v_i1, v_i2, v_i3] + A[v_i0, v_i1, v_i2, v_k] * B[v_i0, v_i1, v_k, v_i3]

    @T.prim_func(private=True)
    def max(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), A_red: T.Buffer((), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for k0, k1, k2, k3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("A_red"):
                v_k0, v_k1, v_k2, v_k3 = T.axis.remap("RRRR", [k0, k1, k2, k3])
                T.reads(A[v_k0, v_k1, v_k2, v_k3])
                T.writes(A_red[])
                with T.init():
                    A_red[()] = T.float32(-340282346638528859811704183484516925440.0)
                A_red[()] = T.max(A_red[()], A[v_k0, v_k1, v_k2, v_k3])

    @T.prim_func(private=True)
    def max_pool2d(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), pool_max: T.Buffer((T.int64(2), T.int64(3), T.int64(5), T.int64(5)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        pad_temp = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(11), T.int64(11)))
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(11), T.int64(11)):
            with T.block("pad_temp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)])
                T.writes(pad_temp[v_i0, v_i1, v_i2, v_i3])
                pad_temp[v_i0, v_i1, v_i2, v_i3] = T.if_then_else(T.int64(1) <= v_i2 and v_i2 < T.int64(9) and T.int64(1) <= v_i3 and v_i3 < T.int64(9), A[v_i0, v_i1, v_i2 - T.int64(1), v_i3 - T.int64(1)], T.float32(-340282346638528859811704183484516925440.0))
        for ax0, ax1, ax2, ax3, rv0, rv1 in T.grid(T.int64(2), T.int64(3), T.int64(5), T.int64(5), T.int64(3), T.int64(3)):
            with T.block("pool_max"):
                v_ax0, v_ax1, v_ax2, v_ax3, v_rv0, v_rv1 = T.axis.remap("SSSSRR", [ax0, ax1, ax2, ax3, rv0, rv1])
                T.reads(pad_temp[v_ax0, v_ax1, v_ax2 * T.int64(2) + v_rv0, v_ax3 * T.int64(2) + v_rv1])
                T.writes(pool_max[v_ax0, v_ax1, v_ax2, v_ax3])
                T.block_attr({"schedule_rule": "meta_schedule.pool_max"})
                with T.init():
                    pool_max[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(-340282346638528859811704183484516925440.0)
                pool_max[v_ax0, v_ax1, v_ax2, v_ax3] = T.max(pool_max[v_ax0, v_ax1, v_ax2, v_ax3], pad_temp[v_ax0, v_ax1, v_ax2 * T.int64(2) + v_rv0, v_ax3 * T.int64(2) + v_rv1])

    @T.prim_func(private=True)
    def maximum(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(3), T.int64(1), T.int64(8)), "float32"), T_maximum: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_maximum"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], B[v_ax1, T.int64(0), v_ax3])
                T.writes(T_maximum[v_ax0, v_ax1, v_ax2, v_ax3])
                T_maximum[v_ax0, v_ax1, v_ax2, v_ax3] = T.max(A[v_ax0, v_ax1, v_ax2, v_ax3], B[v_ax1, T.int64(0), v_ax3])

    @T.prim_func(private=True)
    def mean(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_divide: T.Buffer((T.int64(2), T.int64(3), T.int64(1), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        A_red = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(1), T.int64(8)))
        for ax0, ax1, ax2, ax3, k2 in T.grid(T.int64(2), T.int64(3), T.int64(1), T.int64(8), T.int64(8)):
            with T.block("A_red"):
                v_ax0, v_ax1, v_ax2, v_ax3, v_k2 = T.axis.remap("SSSSR", [ax0, ax1, ax2, ax3, k2])
                T.reads(A[v_ax0, v_ax1, v_k2, v_ax3])
                T.writes(A_red[v_ax0, v_ax1, v_ax2, v_ax3])
                with T.init():
                    A_red[v_ax0, v_ax1, v_ax2, v_ax3] = T.float32(0.0)
                A_red[v_ax0, v_ax1, v_ax2, v_ax3] = A_red[v_ax0, v_ax1, v_ax2, v_ax3] + A[v_ax0, v_ax1, v_k2, v_ax3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(1), T.int64(8)):
            with T.block("T_divide"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A_red[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_divide[v_ax0, v_ax1, v_ax2, v_ax3])
                T_divide[v_ax0, v_ax1, v_ax2, v_ax3] = A_red[v_ax0, v_ax1, v_ax2, v_ax3] / T.float32(8.0)

    @T.prim_func(private=True)
    def multiply(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_multiply: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * T.float32(0.5)

    @T.prim_func(private=True)
    def relu(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.max(A[v_i0, v_i1, v_i2, v_i3], T.float32(0.0))

    @T.prim_func(private=True)
    def reshape(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_reshape: T.Buffer((T.int64(6), T.int64(64)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1 in T.grid(T.int64(6), T.int64(64)):
            with T.block("T_reshape"):
                v_ax0, v_ax1 = T.axis.remap("SS", [ax0, ax1])
                T.reads(A[(v_ax0 * T.int64(64) + v_ax1) // T.int64(192), (v_ax0 * T.int64(64) + v_ax1) // T.int64(64) % T.int64(3), (v_ax0 * T.int64(64) + v_ax1) // T.int64(8) % T.int64(8), (v_ax0 * T.int64(64) + v_ax1) % T.int64(8)])
                T.writes(T_reshape[v_ax0, v_ax1])
                T_reshape[v_ax0, v_ax1] = A[(v_ax0 * T.int64(64) + v_ax1) // T.int64(192), (v_ax0 * T.int64(64) + v_ax1) // T.int64(64) % T.int64(3), (v_ax0 * T.int64(64) + v_ax1) // T.int64(8) % T.int64(8), (v_ax0 * T.int64(64) + v_ax1) % T.int64(8)]

    @T.prim_func(private=True)
    def rms_norm(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(8),), "float32"), T_rms_norm: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_multiply_red = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8)))
        for ax0, ax1, ax2, k3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply_red"):
                v_ax0, v_ax1, v_ax2, v_k3 = T.axis.remap("SSSR", [ax0, ax1, ax2, k3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_k3])
                T.writes(T_multiply_red[v_ax0, v_ax1, v_ax2])
                with T.init():
                    T_multiply_red[v_ax0, v_ax1, v_ax2] = T.float32(0.0)
                T_multiply_red[v_ax0, v_ax1, v_ax2] = T_multiply_red[v_ax0, v_ax1, v_ax2] + A[v_ax0, v_ax1, v_ax2, v_k3] * A[v_ax0, v_ax1, v_ax2, v_k3]
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_rms_norm"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], T_multiply_red[v_ax0, v_ax1, v_ax2], B[v_ax3])
                T.writes(T_rms_norm[v_ax0, v_ax1, v_ax2, v_ax3])
                T_rms_norm[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * T.rsqrt(T_multiply_red[v_ax0, v_ax1, v_ax2] * T.float32(0.125) + T.float32(1.0000000000000001e-05)) * B[v_ax3]

    @T.prim_func(private=True)
    def sigmoid(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.sigmoid(A[v_i0, v_i1, v_i2, v_i3])

    @T.prim_func(private=True)
    def silu(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_multiply: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        compute = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.sigmoid(A[v_i0, v_i1, v_i2, v_i3])
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_multiply"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], compute[v_ax0, v_ax1, v_ax2, v_ax3])
                T.writes(T_multiply[v_ax0, v_ax1, v_ax2, v_ax3])
                T_multiply[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] * compute[v_ax0, v_ax1, v_ax2, v_ax3]

    @T.prim_func(private=True)
    def softmax(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_softmax_norm: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        T_softmax_maxelem = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8)))
        T_softmax_exp = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)))
        T_softmax_expsum = T.alloc_buffer((T.int64(2), T.int64(3), T.int64(8)))
        for i0, i1, i2, k in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_softmax_maxelem"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(A[v_i0, v_i1, v_i2, v_k])
                T.writes(T_softmax_maxelem[v_i0, v_i1, v_i2])
                with T.init():
                    T_softmax_maxelem[v_i0, v_i1, v_i2] = T.float32(-340282346638528859811704183484516925440.0)
                T_softmax_maxelem[v_i0, v_i1, v_i2] = T.max(T_softmax_maxelem[v_i0, v_i1, v_i2], A[v_i0, v_i1, v_i2, v_k])
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_softmax_exp"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3], T_softmax_maxelem[v_i0, v_i1, v_i2])
                T.writes(T_softmax_exp[v_i0, v_i1, v_i2, v_i3])
                T_softmax_exp[v_i0, v_i1, v_i2, v_i3] = T.exp(A[v_i0, v_i1, v_i2, v_i3] - T_softmax_maxelem[v_i0, v_i1, v_i2])
        for i0, i1, i2, k in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_softmax_expsum"):
                v_i0, v_i1, v_i2, v_k = T.axis.remap("SSSR", [i0, i1, i2, k])
                T.reads(T_softmax_exp[v_i0, v_i1, v_i2, v_k])
                T.writes(T_softmax_expsum[v_i0, v_i1, v_i2])
                with T.init():
                    T_softmax_expsum[v_i0, v_i1, v_i2] = T.float32(0.0)
                T_softmax_expsum[v_i0, v_i1, v_i2] = T_softmax_expsum[v_i0, v_i1, v_i2] + T_softmax_exp[v_i0, v_i1, v_i2, v_k]
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_softmax_norm"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(T_softmax_exp[v_i0, v_i1, v_i2, v_i3], T_softmax_expsum[v_i0, v_i1, v_i2])
                T.writes(T_softmax_norm[v_i0, v_i1, v_i2, v_i3])
                T.block_attr({"axis": 3})
                T_softmax_norm[v_i0, v_i1, v_i2, v_i3] = T_softmax_exp[v_i0, v_i1, v_i2, v_i3] / T_softmax_expsum[v_i0, v_i1, v_i2]

    @T.prim_func(private=True)
    def sqrt(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.sqrt(A[v_i0, v_i1, v_i2, v_i3])

    @T.prim_func(private=True)
    def subtract(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(3), T.int64(1), T.int64(8)), "float32"), T_subtract: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("T_subtract"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax1, v_ax2, v_ax3], B[v_ax1, T.int64(0), v_ax3])
                T.writes(T_subtract[v_ax0, v_ax1, v_ax2, v_ax3])
                T_subtract[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax1, v_ax2, v_ax3] - B[v_ax1, T.int64(0), v_ax3]

    @T.prim_func(private=True)
    def sum(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), A_red: T.Buffer((T.int64(2), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax2, k1, k3 in T.grid(T.int64(2), T.int64(8), T.int64(3), T.int64(8)):
            with T.block("A_red"):
                v_ax0, v_ax2, v_k1, v_k3 = T.axis.remap("SSRR", [ax0, ax2, k1, k3])
                T.reads(A[v_ax0, v_k1, v_ax2, v_k3])
                T.writes(A_red[v_ax0, v_ax2])
                with T.init():
                    A_red[v_ax0, v_ax2] = T.float32(0.0)
                A_red[v_ax0, v_ax2] = A_red[v_ax0, v_ax2] + A[v_ax0, v_k1, v_ax2, v_k3]

    @T.prim_func(private=True)
    def take(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(5),), "int64"), T_take: T.Buffer((T.int64(2), T.int64(5), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(5), T.int64(8), T.int64(8)):
            with T.block("T_take"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, B[v_ax1], v_ax2, v_ax3], B[v_ax1])
                T.writes(T_take[v_ax0, v_ax1, v_ax2, v_ax3])
                T_take[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, B[v_ax1], v_ax2, v_ax3]

    @T.prim_func(private=True)
    def take1(A: T.Buffer((T.int64(8),), "float32"), B: T.Buffer((T.int64(2), T.int64(3)), "int32"), T_take: T.Buffer((T.int64(2), T.int64(3)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1 in T.grid(T.int64(2), T.int64(3)):
            with T.block("T_take"):
                v_ax0, v_ax1 = T.axis.remap("SS", [ax0, ax1])
                T.reads(A[T.min(T.max(T.int64(0), T.Cast("int64", B[v_ax0, v_ax1])), T.int64(7))], B[v_ax0, v_ax1])
                T.writes(T_take[v_ax0, v_ax1])
                T_take[v_ax0, v_ax1] = A[T.min(T.max(T.int64(0), T.Cast("int64", B[v_ax0, v_ax1])), T.int64(7))]

    @T.prim_func(private=True)
    def take2(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), B: T.Buffer((T.int64(5),), "int64"), T_take: T.Buffer((T.int64(5),), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0 in range(T.int64(5)):
            with T.block("T_take"):
                v_ax0 = T.axis.spatial(T.int64(5), ax0)
                T.reads(A[B[v_ax0] % T.int64(384) // T.int64(192), B[v_ax0] % T.int64(384) // T.int64(64) % T.int64(3), B[v_ax0] % T.int64(384) // T.int64(8) % T.int64(8), B[v_ax0] % T.int64(384) % T.int64(8)], B[v_ax0])
                T.writes(T_take[v_ax0])
                T_take[v_ax0] = A[B[v_ax0] % T.int64(384) // T.int64(192), B[v_ax0] % T.int64(384) // T.int64(64) % T.int64(3), B[v_ax0] % T.int64(384) // T.int64(8) % T.int64(8), B[v_ax0] % T.int64(384) % T.int64(8)]

    @T.prim_func(private=True)
    def tanh(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), compute: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for i0, i1, i2, i3 in T.grid(T.int64(2), T.int64(3), T.int64(8), T.int64(8)):
            with T.block("compute"):
                v_i0, v_i1, v_i2, v_i3 = T.axis.remap("SSSS", [i0, i1, i2, i3])
                T.reads(A[v_i0, v_i1, v_i2, v_i3])
                T.writes(compute[v_i0, v_i1, v_i2, v_i3])
                compute[v_i0, v_i1, v_i2, v_i3] = T.tanh(A[v_i0, v_i1, v_i2, v_i3])

    @T.prim_func(private=True)
    def transpose(A: T.Buffer((T.int64(2), T.int64(3), T.int64(8), T.int64(8)), "float32"), T_transpose: T.Buffer((T.int64(2), T.int64(8), T.int64(8), T.int64(3)), "float32")):
        T.func_attr({"tir.noalias": True})
        # with T.block("root"):
        for ax0, ax1, ax2, ax3 in T.grid(T.int64(2), T.int64(8), T.int64(8), T.int64(3)):
            with T.block("T_transpose"):
                v_ax0, v_ax1, v_ax2, v_ax3 = T.axis.remap("SSSS", [ax0, ax1, ax2, ax3])
                T.reads(A[v_ax0, v_ax3, v_ax1, v_ax2])
                T.writes(T_transpose[v_ax0, v_ax1, v_ax2, v_ax3])
                T_transpose[v_ax0, v_ax1, v_ax2, v_ax3] = A[v_ax0, v_ax3, v_ax1, v_ax2]

    @R.function
    def main(x: R.Tensor((2, 3, 8, 8), dtype="float32"), y: R.Tensor((3, 1, 8), dtype="float32"), w: R.Tensor((4, 3, 3, 3), dtype="float32"), wg: R.Tensor((6, 1, 3, 3), dtype="float32"), xh: R.Tensor((2, 8, 8, 3), dtype="float32"), wh: R.Tensor((3, 3, 3, 4), dtype="float32"), m: R.Tensor((2, 3, 8, 8), dtype="float32"), g: R.Tensor((8,), dtype="float32"), b: R.Tensor((8,), dtype="float32"), v: R.Tensor((8,), dtype="float32"), ids: R.Tensor((5,), dtype="int64"), ids2: R.Tensor((2, 3), dtype="int32")) -> R.Tuple(R.Tensor((2, 3, 8, 8), dtype="float32")):
        cls = Module
        with R.dataflow():
            lv = R.call_tir(cls.add, (x, y), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv1 = R.call_tir(cls.subtract, (x, y), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv2 = R.call_tir(cls.multiply, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv3 = R.call_tir(cls.divide, (x, y), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv4 = R.call_tir(cls.maximum, (x, y), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv5 = R.call_tir(cls.relu, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv6 = R.call_tir(cls.gelu, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv7 = R.call_tir(cls.gelu_tanh, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv8 = R.call_tir(cls.silu, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv9 = R.call_tir(cls.softmax, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv10 = R.call_tir(cls.log_softmax, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv11 = R.call_tir(cls.conv2d, (x, w), out_sinfo=R.Tensor((2, 4, 8, 8), dtype="float32"))
            lv12 = R.call_tir(cls.conv2d1, (x, wg), out_sinfo=R.Tensor((2, 6, 3, 3), dtype="float32"))
            lv13 = R.call_tir(cls.conv2d2, (xh, wh), out_sinfo=R.Tensor((2, 6, 6, 4), dtype="float32"))
            lv14 = R.call_tir(cls.max_pool2d, (x,), out_sinfo=R.Tensor((2, 3, 5, 5), dtype="float32"))
            lv15 = R.call_tir(cls.avg_pool2d, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv16 = R.call_tir(cls.layer_norm, (x, g, b), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv17 = R.call_tir(cls.rms_norm, (x, v), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv18 = R.call_tir(cls.matmul, (x, m), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv19 = R.call_tir(cls.transpose, (x,), out_sinfo=R.Tensor((2, 8, 8, 3), dtype="float32"))
            lv20 = R.call_tir(cls.reshape, (x,), out_sinfo=R.Tensor((6, 64), dtype="float32"))
            lv21 = R.call_tir(cls.sum, (x,), out_sinfo=R.Tensor((2, 8), dtype="float32"))
            lv22 = R.call_tir(cls.mean, (x,), out_sinfo=R.Tensor((2, 3, 1, 8), dtype="float32"))
            lv23 = R.call_tir(cls.max, (x,), out_sinfo=R.Tensor((), dtype="float32"))
            lv24 = R.call_tir(cls.exp, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv25 = R.call_tir(cls.sqrt, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv26 = R.call_tir(cls.tanh, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv27 = R.call_tir(cls.sigmoid, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float32"))
            lv28 = R.call_tir(cls.cast, (x,), out_sinfo=R.Tensor((2, 3, 8, 8), dtype="float64"))
            lv29 = R.call_tir(cls.take, (x, ids), out_sinfo=R.Tensor((2, 5, 8, 8), dtype="float32"))
            lv30 = R.call_tir(cls.take1, (g, ids2), out_sinfo=R.Tensor((2, 3), dtype="float32"))
            lv31 = R.call_tir(cls.take2, (x, ids), out_sinfo=R.Tensor((5,), dtype="float32"))
            gv = (lv,)
            R.output(gv)
        return gv
