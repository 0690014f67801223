using System.Runtime.CompilerServices;

namespace Tuner.Ir.Interp;

/// <summary>Buffer access: bounds-checked element offsets, typed loads and stores (vector stores lane by lane).</summary>
internal sealed partial class Compiler
{
    /// <summary>
    /// Element offset of lane <paramref name="lane"/> of an access; every index is checked against the shape and,
    /// with <see cref="InterpreterOptions.CheckRegions"/>, against the enclosing block's declared regions.
    /// </summary>
    private Func<Env, long> Offset(Buffer buf, Seq<Expr> indices, int lane)
    {
        var off = ShapeOffset(buf, indices, lane);
        return RegionChecked(buf, indices, lane, off);
    }

    private Func<Env, long> ShapeOffset(Buffer buf, Seq<Expr> indices, int lane)
    {
        int s = BufferSlot(buf);
        if (indices.Count != buf.Rank)
            throw new InterpreterException($"buffer {buf.Name} of rank {buf.Rank} is accessed with {indices.Count} indices: {buf.Name}[{string.Join(", ", indices.Select(ExprText.Of))}]");
        var ix = new Func<Env, long>[indices.Count];
        for (int d = 0; d < ix.Length; d++)
        {
            if (indices[d].Dtype.Element.IsFloat) throw new InterpreterException($"buffer {buf.Name}: float index {ExprText.Of(indices[d])}");
            ix[d] = I(indices[d], lane);
        }
        if (indices.All(i => i is Var { Type.Lanes: 1 }) && ix.Length is 1 or 2 or 3)
            return VarOffset(s, indices.Select(i => VarSlot((Var)i, 0)).ToArray());
        switch (ix.Length)
        {
            case 0: return _ => 0;
            case 1:
                {
                    var x0 = ix[0];
                    return env =>
                    {
                        var b = env.B[s]!;
                        long i0 = x0(env);
                        if ((ulong)i0 >= (ulong)b.Shape[0]) throw OutOfBounds(b, i0);
                        return i0 * b.Strides[0];
                    };
                }
            case 2:
                {
                    var (x0, x1) = (ix[0], ix[1]);
                    return env =>
                    {
                        var b = env.B[s]!;
                        long i0 = x0(env), i1 = x1(env);
                        if ((ulong)i0 >= (ulong)b.Shape[0] || (ulong)i1 >= (ulong)b.Shape[1]) throw OutOfBounds(b, i0, i1);
                        return i0 * b.Strides[0] + i1 * b.Strides[1];
                    };
                }
            case 3:
                {
                    var (x0, x1, x2) = (ix[0], ix[1], ix[2]);
                    return env =>
                    {
                        var b = env.B[s]!;
                        long i0 = x0(env), i1 = x1(env), i2 = x2(env);
                        if ((ulong)i0 >= (ulong)b.Shape[0] || (ulong)i1 >= (ulong)b.Shape[1] || (ulong)i2 >= (ulong)b.Shape[2])
                            throw OutOfBounds(b, i0, i1, i2);
                        return i0 * b.Strides[0] + i1 * b.Strides[1] + i2 * b.Strides[2];
                    };
                }
            default:
                return env =>
                {
                    var b = env.B[s]!;
                    long off = 0;
                    for (int d = 0; d < ix.Length; d++)
                    {
                        long i = ix[d](env);
                        if ((ulong)i >= (ulong)b.Shape[d])
                        {
                            var all = new long[ix.Length];
                            for (int k = 0; k < all.Length; k++) all[k] = ix[k](env);
                            throw OutOfBounds(b, all);
                        }
                        off += i * b.Strides[d];
                    }
                    return off;
                };
        }
    }

    /// <summary>The common case of plain variable indices (block iter vars), read from their slots directly.</summary>
    private static Func<Env, long> VarOffset(int s, int[] v)
    {
        switch (v.Length)
        {
            case 1:
                {
                    int a = v[0];
                    return env =>
                    {
                        var b = env.B[s]!;
                        long i0 = env.I[a];
                        if ((ulong)i0 >= (ulong)b.Shape[0]) throw OutOfBounds(b, i0);
                        return i0 * b.Strides[0];
                    };
                }
            case 2:
                {
                    var (a, c) = (v[0], v[1]);
                    return env =>
                    {
                        var b = env.B[s]!;
                        var iv = env.I;
                        long i0 = iv[a], i1 = iv[c];
                        if ((ulong)i0 >= (ulong)b.Shape[0] || (ulong)i1 >= (ulong)b.Shape[1]) throw OutOfBounds(b, i0, i1);
                        return i0 * b.Strides[0] + i1 * b.Strides[1];
                    };
                }
            default:
                {
                    var (a, c, d) = (v[0], v[1], v[2]);
                    return env =>
                    {
                        var b = env.B[s]!;
                        var iv = env.I;
                        long i0 = iv[a], i1 = iv[c], i2 = iv[d];
                        if ((ulong)i0 >= (ulong)b.Shape[0] || (ulong)i1 >= (ulong)b.Shape[1] || (ulong)i2 >= (ulong)b.Shape[2])
                            throw OutOfBounds(b, i0, i1, i2);
                        return i0 * b.Strides[0] + i1 * b.Strides[1] + i2 * b.Strides[2];
                    };
                }
        }
    }

    private static InterpreterException OutOfBounds(BufferData b, params long[] idx) =>
        new($"out-of-bounds access to buffer {b.Name}[{string.Join(", ", idx)}]: shape {NDArray.FormatShape(b.Shape)}");

    private Func<Env, long> LoadI(BufferLoad l, int lane)
    {
        int s = BufferSlot(l.Buffer);
        var off = Offset(l.Buffer, l.Indices, lane);
        var t = l.Buffer.Dtype;
        return (t.Code, t.Bits) switch
        {
            (TypeCode.Bool, _) => env => env.B[s]!.Data[off(env)] != 0 ? 1 : 0,
            (TypeCode.Int, 8) => env => (sbyte)env.B[s]!.Data[off(env)],
            (TypeCode.UInt, 8) => env => env.B[s]!.Data[off(env)],
            (TypeCode.Int, 16) => env => Unsafe.ReadUnaligned<short>(ref env.B[s]!.Data[off(env) * 2]),
            (TypeCode.UInt, 16) => env => Unsafe.ReadUnaligned<ushort>(ref env.B[s]!.Data[off(env) * 2]),
            (TypeCode.Int, 32) => env => Unsafe.ReadUnaligned<int>(ref env.B[s]!.Data[off(env) * 4]),
            (TypeCode.UInt, 32) => env => Unsafe.ReadUnaligned<uint>(ref env.B[s]!.Data[off(env) * 4]),
            (TypeCode.Int or TypeCode.UInt, 64) => env => Unsafe.ReadUnaligned<long>(ref env.B[s]!.Data[off(env) * 8]),
            _ => throw new InterpreterException($"cannot load {t} from buffer {l.Buffer.Name}"),
        };
    }

    private Func<Env, double> LoadF(BufferLoad l, int lane)
    {
        int s = BufferSlot(l.Buffer);
        var off = Offset(l.Buffer, l.Indices, lane);
        return l.Buffer.Dtype.Bits switch
        {
            32 => env => Unsafe.ReadUnaligned<float>(ref env.B[s]!.Data[off(env) * 4]),
            64 => env => Unsafe.ReadUnaligned<double>(ref env.B[s]!.Data[off(env) * 8]),
            _ => env => (double)Unsafe.ReadUnaligned<Half>(ref env.B[s]!.Data[off(env) * 2]),
        };
    }

    /// <summary>A store; the value is converted to the buffer's dtype. A vector store evaluates every lane before writing any.</summary>
    private Action<Env> Store(BufferStore st)
    {
        int lanes = Math.Max(st.Value.Dtype.Lanes, st.Indices.Count == 0 ? 1 : st.Indices.Max(i => i.Dtype.Lanes));
        var t = st.Buffer.Dtype;
        int s = BufferSlot(st.Buffer);
        if (lanes == 1) return StoreLane(st, 0);
        // Vector store: all lanes' offsets and values first (a store may overwrite what another lane reads), then the writes.
        var offs = new Func<Env, long>[lanes];
        for (int k = 0; k < lanes; k++) offs[k] = Offset(st.Buffer, st.Indices, k);
        if (t.IsFloat)
        {
            var vals = new Func<Env, double>[lanes];
            for (int k = 0; k < lanes; k++) vals[k] = FAs(st.Value, k, t);
            return env =>
            {
                Span<long> o = stackalloc long[offs.Length];
                Span<double> v = stackalloc double[offs.Length];
                for (int k = 0; k < o.Length; k++) { o[k] = offs[k](env); v[k] = vals[k](env); }
                var b = env.B[s]!;
                for (int k = 0; k < o.Length; k++) WriteF(b, o[k], v[k]);
            };
        }
        else
        {
            var vals = new Func<Env, long>[lanes];
            for (int k = 0; k < lanes; k++) vals[k] = IAs(st.Value, k, t);
            return env =>
            {
                Span<long> o = stackalloc long[offs.Length];
                Span<long> v = stackalloc long[offs.Length];
                for (int k = 0; k < o.Length; k++) { o[k] = offs[k](env); v[k] = vals[k](env); }
                var b = env.B[s]!;
                for (int k = 0; k < o.Length; k++) WriteI(b, o[k], v[k]);
            };
        }
    }

    private Action<Env> StoreLane(BufferStore st, int lane)
    {
        var t = st.Buffer.Dtype;
        int s = BufferSlot(st.Buffer);
        var off = Offset(st.Buffer, st.Indices, lane);
        if (t.IsFloat)
        {
            var v = FAs(st.Value, lane, t);
            return t.Bits switch
            {
                // Value before offset: C evaluates both before the write; the order only matters for which error shows first.
                32 => env => { float x = (float)v(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 4], x); },
                64 => env => { double x = v(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 8], x); },
                _ => env => { Half x = (Half)v(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 2], x); },
            };
        }
        var iv = IAs(st.Value, lane, t);
        return t.Bytes switch
        {
            1 => env => { byte x = (byte)iv(env); env.B[s]!.Data[off(env)] = x; },
            2 => env => { short x = (short)iv(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 2], x); },
            4 => env => { int x = (int)iv(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 4], x); },
            _ => env => { long x = iv(env); Unsafe.WriteUnaligned(ref env.B[s]!.Data[off(env) * 8], x); },
        };
    }

    private static void WriteF(BufferData b, long o, double v)
    {
        switch (b.Dtype.Bits)
        {
            case 32: Unsafe.WriteUnaligned(ref b.Data[o * 4], (float)v); break;
            case 64: Unsafe.WriteUnaligned(ref b.Data[o * 8], v); break;
            default: Unsafe.WriteUnaligned(ref b.Data[o * 2], (Half)v); break;
        }
    }

    private static void WriteI(BufferData b, long o, long v)
    {
        switch (b.Dtype.Bytes)
        {
            case 1: b.Data[o] = (byte)v; break;
            case 2: Unsafe.WriteUnaligned(ref b.Data[o * 2], (short)v); break;
            case 4: Unsafe.WriteUnaligned(ref b.Data[o * 4], (int)v); break;
            default: Unsafe.WriteUnaligned(ref b.Data[o * 8], v); break;
        }
    }
}
