# from tvm.script import ir as I
# from tvm.script import relax as R

@I.ir_module
class Module:
    @R.function
    def main(x: R.Tensor((2, 3, 8, 8), dtype="float32"), y: R.Tensor((3, 1, 8), dtype="float32"), w: R.Tensor((4, 3, 3, 3), dtype="float32"), wg: R.Tensor((6, 1, 3, 3), dtype="float32"), xh: R.Tensor((2, 8, 8, 3), dtype="float32"), wh: R.Tensor((3, 3, 3, 4), dtype="float32"), m: R.Tensor((2, 3, 8, 8), dtype="float32"), g: R.Tensor((8,), dtype="float32"), b: R.Tensor((8,), dtype="float32"), v: R.Tensor((8,), dtype="float32"), ids: R.Tensor((5,), dtype="int64"), ids2: R.Tensor((2, 3), dtype="int32")) -> R.Tuple(R.Tensor((2, 3, 8, 8), dtype="float32")):
        with R.dataflow():
            lv = R.add(x, y)
            lv1 = R.subtract(x, y)
            lv2 = R.multiply(x, R.const(0.5, "float32"))
            lv3 = R.divide(x, y)
            lv4 = R.maximum(x, y)
            lv5 = R.nn.relu(x)
            lv6 = R.nn.gelu(x)
            lv7 = R.nn.gelu_tanh(x)
            lv8 = R.nn.silu(x)
            lv9 = R.nn.softmax(x, axis=-1)
            lv10 = R.nn.log_softmax(x, axis=1)
            lv11 = R.nn.conv2d(x, w, strides=[1, 1], padding=[1, 1, 1, 1], dilation=[1, 1], groups=1, data_layout="NCHW", kernel_layout="OIHW", out_layout="NCHW", out_dtype="void")
            lv12 = R.nn.conv2d(x, wg, strides=[2, 2], padding=[0, 0, 0, 0], dilation=[1, 1], groups=3, data_layout="NCHW", kernel_layout="OIHW", out_layout="NCHW", out_dtype="void")
            lv13 = R.nn.conv2d(xh, wh, strides=[1, 1], padding=[1, 1, 1, 1], dilation=[2, 2], groups=1, data_layout="NHWC", kernel_layout="HWIO", out_layout="NHWC", out_dtype="void")
            lv14 = R.nn.max_pool2d(x, pool_size=[3, 3], strides=[2, 2], dilation=[1, 1], padding=[1, 1, 1, 1], ceil_mode=True, count_include_pad=False, layout="NCHW", out_layout="NCHW")
            lv15 = R.nn.avg_pool2d(x, pool_size=[3, 3], strides=[1, 1], dilation=[1, 1], padding=[1, 1, 1, 1], ceil_mode=False, count_include_pad=False, layout="NCHW", out_layout="NCHW")
            lv16 = R.nn.layer_norm(x, g, b, axes=[-1], epsilon=1.0000000000000001e-05, center=True, scale=True)
            lv17 = R.nn.rms_norm(x, v, axes=[-1], epsilon=1.0000000000000001e-05)
            lv18 = R.matmul(x, m, out_dtype="void")
            lv19 = R.permute_dims(x, axes=[0, 2, 3, 1])
            lv20 = R.reshape(x, R.shape([6, 64]))
            lv21 = R.sum(x, axis=[1, 3], keepdims=False)
            lv22 = R.mean(x, axis=[2], keepdims=True)
            lv23 = R.max(x, axis=None, keepdims=False)
            lv24 = R.exp(x)
            lv25 = R.sqrt(x)
            lv26 = R.tanh(x)
            lv27 = R.sigmoid(x)
            lv28 = R.astype(x, dtype="float64")
            lv29 = R.take(x, ids, axis=1, mode="fast")
            lv30 = R.take(g, ids2, axis=0, mode="clip")
            lv31 = R.take(x, ids, axis=None, mode="wrap")
            gv = (lv,)
            R.output(gv)
        return gv
