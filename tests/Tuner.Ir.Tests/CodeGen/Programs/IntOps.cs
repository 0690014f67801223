using Tuner.Ir;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>
/// Integer semantics that C gets wrong unless generated with care: floordiv/floormod of negatives, truncating
/// div/mod, min/max, and an int4 unpack (uint32 words, shifts and masks) as in MLC-LLM's quantized weights.
/// </summary>
public static class IntOps
{
    /// <summary>A: int32 (n,), P: uint32 (n/8,) packed nibbles; O: int32 (n, 6), W: float32 (n,).</summary>
    public static PrimFunc Build(long n)
    {
        var a = Buf("A", I32, n);
        var p = Buf("P", DataType.UInt32, n / 8);
        var o = Buf("O", I32, n, 6);
        var w = Buf("W", F32, n);
        var body = Seq(
            Grid(["i"], [n], l => Block("int_ops", "S", [n], [l[0]], v =>
            {
                var x = Ld(a, v[0]);
                return Seq(
                    St(o, E.FloorDiv(x, C(3)), v[0], C(0)),
                    St(o, E.FloorMod(x, C(3)), v[0], C(1)),
                    St(o, E.FloorMod(x, C(-4)), v[0], C(2)),
                    St(o, new Binary(BinOp.Div, x, C(-3)), v[0], C(3)),
                    St(o, new Binary(BinOp.Mod, x, C(3)), v[0], C(4)),
                    St(o, E.Max(E.Min(x, C(5)), C(-5)), v[0], C(5)));
            })),
            Grid(["j"], [n], l => Block("unpack", "S", [n], [l[0]], v =>
            {
                var word = Ld(p, E.FloorDiv(v[0], C(8)));
                var shift = new Cast(DataType.UInt32, E.FloorMod(v[0], C(8)) * 4);
                var nib = Call(DataType.UInt32, "bitwise_and", Call(DataType.UInt32, "shift_right", word, shift), new IntImm(DataType.UInt32, 15));
                return St(w, new Cast(F32, nib) - F(8), v[0]);
            })));
        return Func([a, p, o, w], body);
    }

    public static (int[] O, float[] W) Expected(int[] a, uint[] p)
    {
        int n = a.Length;
        var o = new int[n * 6];
        var w = new float[n];
        static int FDiv(int x, int y) => (int)Math.Floor((double)x / y);
        for (int i = 0; i < n; i++)
        {
            int x = a[i];
            o[i * 6 + 0] = FDiv(x, 3);
            o[i * 6 + 1] = x - FDiv(x, 3) * 3;
            o[i * 6 + 2] = x - FDiv(x, -4) * -4;
            o[i * 6 + 3] = x / -3;
            o[i * 6 + 4] = x % 3;
            o[i * 6 + 5] = Math.Max(Math.Min(x, 5), -5);
            w[i] = ((p[i / 8] >> (i % 8 * 4)) & 15u) - 8f;
        }
        return (o, w);
    }
}
