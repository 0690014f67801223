using Tuner.Ir;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>conv2d NHWC (batch 1) with zero padding as TVM's te_workload C2D: a PadInput block, then conv2d_nhwc.</summary>
public static class Conv2d
{
    public static PrimFunc Build(long h, long w, long ci, long co, long kh, long stride, long pad)
    {
        long ph = h + 2 * pad, pw = w + 2 * pad;
        long oh = (ph - kh) / stride + 1, ow = (pw - kh) / stride + 1;
        var inp = Buf("inputs", F32, 1, h, w, ci);
        var wt = Buf("weight", F32, kh, kh, ci, co);
        var outp = Buf("conv2d_nhwc", F32, 1, oh, ow, co);
        var padded = Buf("PadInput", F32, 1, ph, pw, ci);
        var padBlock = Grid(["i0", "i1", "i2", "i3"], [1, ph, pw, ci], l => Block("PadInput", "SSSS", [1, ph, pw, ci], l,
            v => St(padded, Call(F32, "if_then_else",
                E.And(E.And(new Binary(BinOp.GE, v[1], C(pad)), E.Lt(v[1], C(h + pad))),
                      E.And(new Binary(BinOp.GE, v[2], C(pad)), E.Lt(v[2], C(w + pad)))),
                Ld(inp, v[0], v[1] - pad, v[2] - pad, v[3]), F(0)), v[0], v[1], v[2], v[3])));
        var conv = Grid(["n", "h", "w", "co", "rh", "rw", "rc"], [1, oh, ow, co, kh, kh, ci], l =>
            Block("conv2d_nhwc", "SSSSRRR", [1, oh, ow, co, kh, kh, ci], l,
                v => St(outp, Ld(outp, v[0], v[1], v[2], v[3])
                        + Ld(padded, v[0], v[1] * stride + v[4], v[2] * stride + v[5], v[6]) * Ld(wt, v[4], v[5], v[6], v[3]),
                    v[0], v[1], v[2], v[3]),
                init: v => St(outp, F(0), v[0], v[1], v[2], v[3])));
        return Func([inp, wt, outp], Seq(padBlock, conv), rootAllocs: [padded]);
    }

    public static float[] Expected(float[] x, float[] wt, int h, int w, int ci, int co, int kh, int stride, int pad)
    {
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (w + 2 * pad - kh) / stride + 1;
        var o = new float[oh * ow * co];
        for (int y = 0; y < oh; y++)
            for (int z = 0; z < ow; z++)
                for (int c = 0; c < co; c++)
                {
                    float s = 0;
                    for (int ry = 0; ry < kh; ry++)
                        for (int rz = 0; rz < kh; rz++)
                            for (int rc = 0; rc < ci; rc++)
                            {
                                int yy = y * stride + ry - pad, zz = z * stride + rz - pad;
                                float v = yy >= 0 && yy < h && zz >= 0 && zz < w ? x[(yy * w + zz) * ci + rc] : 0f;
                                s += v * wt[((ry * kh + rz) * ci + rc) * co + c];
                            }
                    o[(y * ow + z) * co + c] = s;
                }
        return o;
    }
}
