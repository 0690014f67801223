# from tvm.script import ir as I
# from tvm.script import relax as R

@I.ir_module
class Module:
    @R.function
    def main(x: R.Tensor((1, 128, 256), dtype="float32"), ln1_g: R.Tensor((256,), dtype="float32"), ln1_b: R.Tensor((256,), dtype="float32"), wq: R.Tensor((256, 256), dtype="float32"), wk: R.Tensor((256, 256), dtype="float32"), wv: R.Tensor((256, 256), dtype="float32"), wo: R.Tensor((256, 256), dtype="float32"), ln2_g: R.Tensor((256,), dtype="float32"), ln2_b: R.Tensor((256,), dtype="float32"), w1: R.Tensor((256, 1024), dtype="float32"), b1: R.Tensor((1024,), dtype="float32"), w2: R.Tensor((1024, 256), dtype="float32"), b2: R.Tensor((256,), dtype="float32")) -> R.Tensor((1, 128, 256), dtype="float32"):
        with R.dataflow():
            lv = R.nn.layer_norm(x, ln1_g, ln1_b, axes=[-1], epsilon=1.0000000000000001e-05, center=True, scale=True)
            lv1 = R.matmul(lv, wq, out_dtype="void")
            lv2 = R.reshape(lv1, R.shape([1, 128, 4, 64]))
            lv3 = R.permute_dims(lv2, axes=[0, 2, 1, 3])
            lv4 = R.matmul(lv, wk, out_dtype="void")
            lv5 = R.reshape(lv4, R.shape([1, 128, 4, 64]))
            lv6 = R.permute_dims(lv5, axes=[0, 2, 3, 1])
            lv7 = R.matmul(lv, wv, out_dtype="void")
            lv8 = R.reshape(lv7, R.shape([1, 128, 4, 64]))
            lv9 = R.permute_dims(lv8, axes=[0, 2, 1, 3])
            lv10 = R.matmul(lv3, lv6, out_dtype="void")
            lv11 = R.multiply(lv10, R.const(0.125, "float32"))
            lv12 = R.nn.softmax(lv11, axis=-1)
            lv13 = R.matmul(lv12, lv9, out_dtype="void")
            lv14 = R.permute_dims(lv13, axes=[0, 2, 1, 3])
            lv15 = R.reshape(lv14, R.shape([1, 128, 256]))
            lv16 = R.matmul(lv15, wo, out_dtype="void")
            lv17 = R.add(x, lv16)
            lv18 = R.nn.layer_norm(lv17, ln2_g, ln2_b, axes=[-1], epsilon=1.0000000000000001e-05, center=True, scale=True)
            lv19 = R.matmul(lv18, w1, out_dtype="void")
            lv20 = R.add(lv19, b1)
            lv21 = R.nn.gelu(lv20)
            lv22 = R.matmul(lv21, w2, out_dtype="void")
            lv23 = R.add(lv22, b2)
            gv = R.add(lv17, lv23)
            R.output(gv)
        return gv
