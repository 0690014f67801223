using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>Errors name what went wrong: the buffer, the indices, the shape, the parameter.</summary>
public class ErrorTests
{
    /*
    @T.prim_func
    def shift(A: T.Buffer((4, 8), "float32"), B: T.Buffer((4, 8), "float32")):
        for i, j in T.grid(4, 8):
            B[i, j] = A[i, j + 1]
    */
    [Fact]
    public void Out_of_bounds_reads_name_the_buffer_the_indices_and_the_shape()
    {
        var (a, b) = (Buf("A", F32, 4, 8), Buf("B", F32, 4, 8));
        var (i, j) = (V("i"), V("j"));
        var func = RawFunc([a, b], Grid([i, j], [4, 8], St(b, Ld(a, i, j + 1), i, j)));
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [4, 8]), new NDArray(F32, [4, 8])]));
        Assert.Equal("out-of-bounds access to buffer A[0, 8]: shape (4, 8)", ex.Message);
    }

    [Fact]
    public void Out_of_bounds_writes_with_negative_indices_are_caught()
    {
        var b = Buf("B", DataType.Int64, 3);
        var i = V("i");
        var func = RawFunc([b], Loop(i, 3, St(b, C(1, DataType.Int64), i - 1)));
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(DataType.Int64, [3])]));
        Assert.Equal("out-of-bounds access to buffer B[-1]: shape (3,)", ex.Message);
    }

    [Fact]
    public void A_wrong_shape_argument_names_the_parameter_and_both_shapes()
    {
        var func = KernelTests.Matmul(8);
        var ex = Assert.Throws<InterpreterException>(() =>
            Interpreter.Run(func, [new NDArray(F32, [8, 8]), new NDArray(F32, [8, 4]), new NDArray(F32, [8, 8])]));
        Assert.Equal("argument 1 (B_handle): shape (8, 4) does not match buffer B (8, 8)", ex.Message);
    }

    [Fact]
    public void A_wrong_dtype_or_argument_count_is_rejected()
    {
        var func = KernelTests.Matmul(8);
        var ex = Assert.Throws<InterpreterException>(() =>
            Interpreter.Run(func, [new NDArray(F32, [8, 8]), new NDArray(F32, [8, 8]), new NDArray(DataType.Float64, [8, 8])]));
        Assert.Equal("argument 2 (C_handle): dtype float64 does not match buffer C float32", ex.Message);
        var ex2 = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [8, 8])]));
        Assert.Contains("takes 3 arguments, got 1", ex2.Message);
    }

    [Fact]
    public void A_scalar_parameter_takes_a_zero_d_array_of_its_type()
    {
        var o = Buf("O", F32, 1);
        var alpha = V("alpha", F32);
        var func = RawFunc([o], St(o, alpha, C(0)), [alpha]);
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [1]), new NDArray(F32, [1])]));
        Assert.Equal("argument 1 (alpha): expected a 0-d float32 array, got float32(1,)", ex.Message);
        var ok = new NDArray(F32, [1]);
        Interpreter.Run(func, [ok, IntegerTests.Scalar(F32, 0.25)]);
        Assert.Equal(0.25, ok.GetDouble(0));
    }

    [Fact]
    public void A_block_binding_outside_its_domain_is_reported()
    {
        // T.axis.spatial(4, i + 1) with i in range(4): the last iteration binds 4.
        var b = Buf("B", F32, 8);
        var (i, v) = (V("i"), V("v"));
        var func = Func([b], Loop(i, 4, Block("B", [S(v, 4, i + 1)], St(b, Fc(1), v))));
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [8])]));
        Assert.Equal("block B: iter var v = 4 is outside its domain [0, 4)", ex.Message);
    }

    [Fact]
    public void Unbound_variables_and_unallocated_buffers_are_compile_errors()
    {
        var b = Buf("B", F32, 4);
        var stray = V("stray");
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Compile(RawFunc([b], St(b, Fc(1), stray))));
        Assert.Contains("variable stray", ex.Message);
        var other = Buf("Tmp", F32, 4);
        var ex2 = Assert.Throws<InterpreterException>(() => Interpreter.Compile(RawFunc([b], St(b, Ld(other, C(0)), C(0)))));
        Assert.Contains("buffer Tmp", ex2.Message);
    }
}
