using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>Integer kernels: wrap-around, unsigned shifts, bit operations, C division, casts.</summary>
public class IntegerTests
{
    /*
    @T.prim_func
    def unpack(W: T.Buffer((4, 2), "uint32"), Out: T.Buffer((4, 16), "int32")):
        for i, j in T.grid(4, 16):
            with T.block("unpack"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                Out[v_i, v_j] = T.Cast("int32", T.bitwise_and(T.shift_right(W[v_i, v_j // 8], T.Cast("uint32", v_j % 8 * 4)), T.uint32(15))) - 8
    */
    [Fact]
    public void Int4_weights_unpack_from_uint32_with_shift_right_and_bitwise_and()
    {
        var u32 = DataType.UInt32;
        var w = Buf("W", u32, 4, 2);
        var o = Buf("Out", I32, 4, 16);
        var (i, j, vi, vj) = (V("i"), V("j"), V("v_i"), V("v_j"));
        var shift = new Cast(u32, E.FloorMod(vj, C(8)) * 4);
        var nib = Call(u32, "bitwise_and", Call(u32, "shift_right", Ld(w, vi, E.FloorDiv(vj, C(8))), shift), C(15, u32));
        var func = Func([w, o], Grid([i, j], [4, 16], Block("unpack", [S(vi, 4, i), S(vj, 16, j)], St(o, new Cast(I32, nib) - 8, vi, vj))));

        var ww = new NDArray(u32, [4, 2]);
        uint[] words = [0xFEDCBA98, 0x76543210, 0x80000001, 0xFFFFFFFF, 0, 0x12345678, 0xDEADBEEF, 0x0F0F0F0F];
        for (int q = 0; q < words.Length; q++) ww.SetLong(q, words[q]);
        var oo = new NDArray(I32, [4, 16]);
        Interpreter.Run(func, [ww, oo]);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 16; c++)
                Assert.Equal((int)((words[r * 2 + c / 8] >> (c % 8 * 4)) & 15) - 8, oo.GetLong(r * 16 + c));
    }

    /*
    @T.prim_func
    def bits(A: T.Buffer((8,), "int64"), B: T.Buffer((8,), "int64")):
        for i in range(8):
            with T.block("B"):
                v = T.axis.spatial(8, i)
                B[v] = T.bitwise_xor(T.shift_left(A[v], T.int64(60)), T.bitwise_or(A[v], T.bitwise_not(T.int64(255)))) + A[v] * T.int64(6148914691236517205)
    */
    [Fact]
    public void Int64_bit_operations_and_multiplication_wrap_like_two_complement()
    {
        var i64 = DataType.Int64;
        var a = Buf("A", i64, 8);
        var b = Buf("B", i64, 8);
        var (i, v) = (V("i"), V("v"));
        var x = Ld(a, v);
        var value = Call(i64, "bitwise_xor", Call(i64, "shift_left", x, C(60, i64)), Call(i64, "bitwise_or", x, Call(i64, "bitwise_not", C(255, i64))))
                    + x * C(6148914691236517205, i64);
        var func = Func([a, b], Loop(i, 8, Block("B", [S(v, 8, i)], St(b, value, v))));
        long[] inputs = [0, 1, -1, 7, long.MaxValue, long.MinValue, 123456789012345, -987654321];
        var aa = new NDArray(i64, [8]);
        for (int q = 0; q < 8; q++) aa.SetLong(q, inputs[q]);
        var bb = new NDArray(i64, [8]);
        Interpreter.Run(func, [aa, bb]);
        for (int q = 0; q < 8; q++)
        {
            long s = inputs[q];
            long expected = unchecked(((s << 60) ^ (s | ~255L)) + s * 6148914691236517205L);
            Assert.Equal(expected, bb.GetLong(q));
        }
    }

    /*
    @T.prim_func
    def u8(A: T.Buffer((6,), "uint8"), B: T.Buffer((6,), "uint8"), C: T.Buffer((6,), "uint8"), D: T.Buffer((6,), "int8")):
        for i in range(6):
            with T.block("C"):
                v = T.axis.spatial(6, i)
                C[v] = A[v] + B[v] + T.shift_right(T.bitwise_not(A[v]), T.uint8(1))
                D[v] = T.Cast("int8", A[v]) * T.int8(3)
    */
    [Fact]
    public void Uint8_arithmetic_wraps_and_shift_right_is_logical()
    {
        var u8 = DataType.UInt8;
        var (a, b, c, d) = (Buf("A", u8, 6), Buf("B", u8, 6), Buf("C", u8, 6), Buf("D", DataType.Int8, 6));
        var (i, v) = (V("i"), V("v"));
        var body = Seq(
            St(c, Ld(a, v) + Ld(b, v) + Call(u8, "shift_right", Call(u8, "bitwise_not", Ld(a, v)), C(1, u8)), v),
            St(d, new Cast(DataType.Int8, Ld(a, v)) * C(3, DataType.Int8), v));
        var func = Func([a, b, c, d], Loop(i, 6, Block("C", [S(v, 6, i)], body)));
        byte[] xa = [200, 255, 0, 128, 17, 100], xb = [100, 1, 0, 128, 3, 155];
        var (aa, bb, cc, dd) = (new NDArray(u8, [6], (byte[])xa.Clone()), new NDArray(u8, [6], (byte[])xb.Clone()), new NDArray(u8, [6]), new NDArray(DataType.Int8, [6]));
        Interpreter.Run(func, [aa, bb, cc, dd]);
        for (int q = 0; q < 6; q++)
        {
            Assert.Equal((long)(byte)(xa[q] + xb[q] + ((byte)~xa[q] >> 1)), cc.GetLong(q));
            Assert.Equal((long)(sbyte)((sbyte)xa[q] * 3), dd.GetLong(q));
        }
    }

    [Theory]
    [InlineData(7, 2, 3, 1, 3, 1)]
    [InlineData(-7, 2, -3, -1, -4, 1)]
    [InlineData(7, -2, -3, 1, -4, -1)]
    [InlineData(-7, -2, 3, -1, 3, -1)]
    [InlineData(-8, 4, -2, 0, -2, 0)]
    public void Div_and_mod_truncate_while_floordiv_and_floormod_round_toward_minus_infinity(int x, int y, int div, int mod, int fdiv, int fmod)
    {
        var o = Buf("O", I32, 4);
        var (px, py) = (V("x"), V("y"));
        var body = Seq(
            St(o, Bin(BinOp.Div, px, py), C(0)), St(o, Bin(BinOp.Mod, px, py), C(1)),
            St(o, E.FloorDiv(px, py), C(2)), St(o, E.FloorMod(px, py), C(3)));
        var func = RawFunc([o], body, [px, py]);
        var oo = new NDArray(I32, [4]);
        Interpreter.Run(func, [oo, Scalar(I32, x), Scalar(I32, y)]);
        Assert.Equal([div, mod, fdiv, fmod], Enumerable.Range(0, 4).Select(q => (int)oo.GetLong(q)).ToArray());
    }

    [Fact]
    public void Integer_division_by_zero_throws()
    {
        var o = Buf("O", I32, 1);
        var (px, py) = (V("x"), V("y"));
        var func = RawFunc([o], St(o, E.FloorDiv(px, py), C(0)), [px, py]);
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(I32, [1]), Scalar(I32, 5), Scalar(I32, 0)]));
        Assert.Equal("integer division by zero in (x // y)", ex.Message);
    }

    /*
    @T.prim_func
    def u64(O: T.Buffer((5,), "uint64"), F: T.Buffer((1,), "float64"), x: T.uint64, y: T.uint64):
        O[0] = x // y; O[1] = T.max(x, y); O[2] = T.Cast("uint64", x > y); O[3] = T.shift_right(x, T.uint64(60)); O[4] = x + y
        F[0] = T.Cast("float64", x)
    */
    [Fact]
    public void Uint64_values_above_int64_max_divide_compare_and_convert_as_unsigned()
    {
        var u64 = DataType.UInt64;
        var (o, f) = (Buf("O", u64, 5), Buf("F", DataType.Float64, 1));
        var (x, y) = (V("x", u64), V("y", u64));
        var body = Seq(
            St(o, E.FloorDiv(x, y), C(0)), St(o, E.Max(x, y), C(1)), St(o, new Cast(u64, Bin(BinOp.GT, x, y)), C(2)),
            St(o, Call(u64, "shift_right", x, C(60, u64)), C(3)), St(o, x + y, C(4)),
            St(f, new Cast(DataType.Float64, x), C(0)));
        var func = RawFunc([o, f], body, [x, y]);
        var (oo, ff) = (new NDArray(u64, [5]), new NDArray(DataType.Float64, [1]));
        var big = new NDArray(u64, []);
        big.SetLong(0, unchecked((long)0xFFFF_FFFF_FFFF_FFFEUL));
        Interpreter.Run(func, [oo, ff, big, Scalar(u64, 3)]);
        ulong bx = 0xFFFF_FFFF_FFFF_FFFEUL;
        Assert.Equal([bx / 3, bx, 1UL, bx >> 60, 1UL], Enumerable.Range(0, 5).Select(q => (ulong)oo.GetLong(q)).ToArray());
        Assert.Equal((double)bx, ff.GetDouble(0));
    }

    [Fact]
    public void Int32_addition_overflows_by_wrapping()
    {
        var o = Buf("O", I32, 1);
        var x = V("x");
        var func = RawFunc([o], St(o, x + C(1), C(0)), [x]);
        var oo = new NDArray(I32, [1]);
        Interpreter.Run(func, [oo, Scalar(I32, int.MaxValue)]);
        Assert.Equal(int.MinValue, oo.GetLong(0));
    }

    [Fact]
    public void Float16_results_are_rounded_to_half_precision()
    {
        // O[0] = x + T.float16(0.00048828125): 1 + 2^-11 is a tie in float16 and rounds to even, 1.0
        var h = DataType.Float16;
        var o = Buf("O", h, 2);
        var x = V("x", h);
        var func = RawFunc([o], Seq(St(o, x + Fc(0.00048828125, h), C(0)), St(o, x + Fc(0.001, h), C(1))), [x]);
        var oo = new NDArray(h, [2]);
        Interpreter.Run(func, [oo, Scalar(h, 1.0)]);
        Assert.Equal(1.0, oo.GetDouble(0));
        Assert.Equal((double)(Half)(1 + (double)(Half)0.001), oo.GetDouble(1));
    }

    /*
    @T.prim_func
    def casts(F: T.Buffer((4,), "float32"), I: T.Buffer((4,), "int32"), O8: T.Buffer((4,), "int8"), OF: T.Buffer((4,), "float32"),
              OI: T.Buffer((4,), "int32"), OB: T.Buffer((4,), "bool"), OU: T.Buffer((4,), "float32")):
        for i in range(4):
            OI[i] = T.Cast("int32", F[i])                      # truncation toward zero
            O8[i] = T.Cast("int8", I[i])                       # wrap to 8 bits
            OF[i] = T.Cast("float32", T.Cast("float64", F[i]) / T.float64(3))
            OB[i] = T.Cast("bool", I[i])
            OU[i] = T.Cast("float32", T.Cast("uint32", I[i]))
    */
    [Fact]
    public void Casts_truncate_floats_wrap_integers_and_round_to_float32()
    {
        var (f, ii) = (Buf("F", F32, 4), Buf("I", I32, 4));
        var (o8, of, oi, ob, ou) = (Buf("O8", DataType.Int8, 4), Buf("OF", F32, 4), Buf("OI", I32, 4), Buf("OB", DataType.Bool, 4), Buf("OU", F32, 4));
        var i = V("i");
        var f64 = DataType.Float64;
        var body = Seq(
            St(oi, new Cast(I32, Ld(f, i)), i),
            St(o8, new Cast(DataType.Int8, Ld(ii, i)), i),
            St(of, new Cast(F32, new Binary(BinOp.Div, new Cast(f64, Ld(f, i)), Fc(3, f64))), i),
            St(ob, new Cast(DataType.Bool, Ld(ii, i)), i),
            St(ou, new Cast(F32, new Cast(DataType.UInt32, Ld(ii, i))), i));
        var func = RawFunc([f, ii, o8, of, oi, ob, ou], Loop(i, 4, body));
        float[] fs = [-2.7f, 2.7f, 1e9f, -0.5f];
        int[] ins = [300, -129, 0, -1];
        var ff = new NDArray(F32, [4]);
        var iv = new NDArray(I32, [4]);
        for (int q = 0; q < 4; q++) { ff.SetDouble(q, fs[q]); iv.SetLong(q, ins[q]); }
        var outs = new[] { new NDArray(DataType.Int8, [4]), new NDArray(F32, [4]), new NDArray(I32, [4]), new NDArray(DataType.Bool, [4]), new NDArray(F32, [4]) };
        Interpreter.Run(func, [ff, iv, .. outs]);
        for (int q = 0; q < 4; q++)
        {
            Assert.Equal((int)fs[q], outs[2].GetLong(q));
            Assert.Equal((sbyte)ins[q], outs[0].GetLong(q));
            Assert.Equal((float)((double)fs[q] / 3), (float)outs[1].GetDouble(q));
            Assert.Equal(ins[q] != 0 ? 1 : 0, outs[3].GetLong(q));
            Assert.Equal((float)(uint)ins[q], (float)outs[4].GetDouble(q));
        }
    }

    internal static NDArray Scalar(DataType t, double v)
    {
        var a = new NDArray(t, []);
        if (t.IsFloat) a.SetDouble(0, v); else a.SetLong(0, (long)v);
        return a;
    }
}
