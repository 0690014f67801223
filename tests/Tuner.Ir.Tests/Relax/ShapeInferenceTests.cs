using Tuner.Ir.Relax;

namespace Tuner.Ir.Tests.Relax;

public class ShapeInferenceTests
{
    private static long[] Shape(string call, params string[] parms) =>
        ((TensorStructInfo)RelaxText.Infer(call, parms)).ConstShape()!;

    private static string P(string name, params long[] shape) => $"{name}: {RelaxText.T(shape)}";

    [Fact]
    public void Matmul_broadcasts_batch_dims_and_drops_promoted_vector_axes()
    {
        Assert.Equal([2, 5, 3, 6], Shape("R.matmul(a, b)", P("a", 2, 1, 3, 4), P("b", 5, 4, 6)));
        Assert.Equal([3], Shape("R.matmul(a, b)", P("a", 3, 4), P("b", 4)));
        Assert.Equal([6], Shape("R.matmul(a, b)", P("a", 4), P("b", 4, 6)));
        Assert.Equal([4, 128, 128], Shape("R.matmul(a, b)", P("a", 4, 128, 64), P("b", 4, 64, 128)));
    }

    [Fact]
    public void Binary_ops_broadcast_numpy_style()
    {
        foreach (var op in new[] { "add", "subtract", "multiply", "divide", "maximum" })
            Assert.Equal([4, 2, 3], Shape($"R.{op}(a, b)", P("a", 4, 1, 3), P("b", 2, 1)));
    }

    [Fact]
    public void Conv2d_handles_layouts_strides_padding_dilation_and_groups()
    {
        Assert.Equal([1, 16, 32, 32], Shape("R.nn.conv2d(x, w, padding=[1, 1, 1, 1])", P("x", 1, 3, 32, 32), P("w", 16, 3, 3, 3)));
        Assert.Equal([1, 8, 15, 15], Shape("R.nn.conv2d(x, w, strides=[2, 2], padding=[1, 1])", P("x", 1, 4, 30, 30), P("w", 8, 4, 3, 3)));
        Assert.Equal([1, 8, 26, 26], Shape("R.nn.conv2d(x, w, dilation=[2, 2])", P("x", 1, 4, 30, 30), P("w", 8, 4, 3, 3)));
        Assert.Equal([2, 8, 10, 10], Shape("R.nn.conv2d(x, w, groups=2)", P("x", 2, 4, 12, 12), P("w", 8, 2, 3, 3)));
        Assert.Equal([1, 10, 10, 8], Shape("R.nn.conv2d(x, w, data_layout=\"NHWC\", kernel_layout=\"HWIO\", out_layout=\"NHWC\")", P("x", 1, 12, 12, 4), P("w", 3, 3, 4, 8)));
    }

    [Fact]
    public void Pooling_honours_ceil_mode_and_padding()
    {
        Assert.Equal([1, 3, 4, 4], Shape("R.nn.max_pool2d(x, pool_size=[2, 2], strides=[2, 2])", P("x", 1, 3, 9, 9)));
        Assert.Equal([1, 3, 5, 5], Shape("R.nn.max_pool2d(x, pool_size=[2, 2], strides=[2, 2], ceil_mode=True)", P("x", 1, 3, 9, 9)));
        Assert.Equal([1, 3, 9, 9], Shape("R.nn.avg_pool2d(x, pool_size=[3, 3], padding=[1, 1, 1, 1])", P("x", 1, 3, 9, 9)));
    }

    [Fact]
    public void Reductions_drop_or_keep_axes()
    {
        Assert.Equal([2], Shape("R.sum(x, axis=[1, 2], keepdims=False)", P("x", 2, 3, 4)));
        Assert.Equal([2, 1, 1], Shape("R.mean(x, axis=[-1, 1], keepdims=True)", P("x", 2, 3, 4)));
        Assert.Equal([], Shape("R.max(x)", P("x", 2, 3, 4)));
    }

    [Fact]
    public void Layout_ops_permute_and_reshape()
    {
        Assert.Equal([4, 2, 3], Shape("R.permute_dims(x, axes=[2, 0, 1])", P("x", 2, 3, 4)));
        Assert.Equal([4, 3, 2], Shape("R.permute_dims(x)", P("x", 2, 3, 4)));
        Assert.Equal([6, 4], Shape("R.reshape(x, R.shape([6, 4]))", P("x", 2, 3, 4)));
    }

    [Fact]
    public void Norms_softmax_and_unary_ops_keep_the_shape()
    {
        Assert.Equal([2, 8], Shape("R.nn.layer_norm(x, g, b, axes=[-1])", P("x", 2, 8), P("g", 8), P("b", 8)));
        Assert.Equal([2, 8], Shape("R.nn.rms_norm(x, g)", P("x", 2, 8), P("g", 8)));
        foreach (var op in new[] { "R.nn.relu", "R.nn.gelu", "R.nn.gelu_tanh", "R.nn.silu", "R.nn.softmax", "R.nn.log_softmax", "R.exp", "R.sqrt", "R.tanh", "R.sigmoid" })
            Assert.Equal([2, 8], Shape($"{op}(x)", P("x", 2, 8)));
        var cast = (TensorStructInfo)RelaxText.Infer("R.astype(x, dtype=\"float16\")", P("x", 2, 8));
        Assert.Equal(DataType.Float16, cast.Dtype);
    }
}
