# from tvm.script import ir as I
# from tvm.script import relax as R

@I.ir_module
class Module:
    @R.function
    def main(x: R.Tensor((1, 784), dtype="float32"), w1: R.Tensor((784, 256), dtype="float32"), b1: R.Tensor((256,), dtype="float32"), w2: R.Tensor((256, 128), dtype="float32"), b2: R.Tensor((128,), dtype="float32"), w3: R.Tensor((128, 10), dtype="float32"), b3: R.Tensor((10,), dtype="float32")) -> R.Tensor((1, 10), dtype="float32"):
        with R.dataflow():
            lv = R.matmul(x, w1, out_dtype="void")
            lv1 = R.add(lv, b1)
            lv2 = R.nn.relu(lv1)
            lv3 = R.matmul(lv2, w2, out_dtype="void")
            lv4 = R.add(lv3, b2)
            lv5 = R.nn.relu(lv4)
            lv6 = R.matmul(lv5, w3, out_dtype="void")
            lv7 = R.add(lv6, b3)
            gv = R.nn.softmax(lv7, axis=-1)
            R.output(gv)
        return gv
