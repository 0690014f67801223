using System.Buffers.Binary;

namespace Tuner.Ir;

/// <summary>
/// A dense, C-ordered tensor in host memory: the argument type of the interpreter, the runner and .npy files.
/// Elements are stored as raw little-endian bytes of Dtype so int64 stays exact and native code can use the memory as is.
/// </summary>
public sealed class NDArray
{
    public DataType Dtype { get; }
    public long[] Shape { get; }
    public byte[] Data { get; }
    public long Size { get; }

    public NDArray(DataType dtype, long[] shape, byte[]? data = null)
    {
        if (!dtype.IsScalar) throw new ArgumentException($"NDArray holds scalar element types, not {dtype}");
        Dtype = dtype;
        Shape = (long[])shape.Clone();
        Size = shape.Aggregate(1L, (a, b) => a * b);
        long bytes = Size * dtype.Bytes;
        if (data is not null && data.LongLength != bytes)
            throw new ArgumentException($"NDArray of {dtype}{FormatShape(shape)} needs {bytes} bytes, got {data.LongLength}");
        Data = data ?? new byte[bytes];
    }

    public static string FormatShape(long[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");

    /// <summary>Element at flat index as double (exact for every integer type up to 2^53).</summary>
    public double GetDouble(long i)
    {
        var s = Data.AsSpan((int)(i * Dtype.Bytes));
        return (Dtype.Code, Dtype.Bits) switch
        {
            (TypeCode.Float, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
            (TypeCode.Float, 64) => BinaryPrimitives.ReadDoubleLittleEndian(s),
            (TypeCode.Float, 16) => (double)BinaryPrimitives.ReadHalfLittleEndian(s),
            (TypeCode.UInt, 64) => BinaryPrimitives.ReadUInt64LittleEndian(s),
            _ => GetLong(i),
        };
    }

    /// <summary>Element at flat index as a 64-bit integer (floats are truncated).</summary>
    public long GetLong(long i)
    {
        var s = Data.AsSpan((int)(i * Dtype.Bytes));
        return (Dtype.Code, Dtype.Bits) switch
        {
            (TypeCode.Int, 8) => (sbyte)s[0],
            (TypeCode.Int, 16) => BinaryPrimitives.ReadInt16LittleEndian(s),
            (TypeCode.Int, 32) => BinaryPrimitives.ReadInt32LittleEndian(s),
            (TypeCode.Int, 64) => BinaryPrimitives.ReadInt64LittleEndian(s),
            (TypeCode.UInt, 8) or (TypeCode.Bool, _) => s[0],
            (TypeCode.UInt, 16) => BinaryPrimitives.ReadUInt16LittleEndian(s),
            (TypeCode.UInt, 32) => BinaryPrimitives.ReadUInt32LittleEndian(s),
            (TypeCode.UInt, 64) => (long)BinaryPrimitives.ReadUInt64LittleEndian(s),
            (TypeCode.Float, _) => (long)GetDouble(i),
            _ => throw new NotSupportedException($"NDArray element type {Dtype}"),
        };
    }

    /// <summary>Stores a double, converting to the element type as C would (integers truncate toward zero).</summary>
    public void SetDouble(long i, double v)
    {
        var s = Data.AsSpan((int)(i * Dtype.Bytes));
        switch (Dtype.Code, Dtype.Bits)
        {
            case (TypeCode.Float, 32): BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
            case (TypeCode.Float, 64): BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
            case (TypeCode.Float, 16): BinaryPrimitives.WriteHalfLittleEndian(s, (Half)v); break;
            case (TypeCode.Bool, _): s[0] = v != 0 ? (byte)1 : (byte)0; break;
            default: SetLong(i, (long)v); break;
        }
    }

    /// <summary>Stores an integer, wrapping to the element width (two's complement, as C).</summary>
    public void SetLong(long i, long v)
    {
        var s = Data.AsSpan((int)(i * Dtype.Bytes));
        switch (Dtype.Code, Dtype.Bits)
        {
            case (TypeCode.Int, 8) or (TypeCode.UInt, 8): s[0] = (byte)v; break;
            case (TypeCode.Bool, _): s[0] = v != 0 ? (byte)1 : (byte)0; break;
            case (TypeCode.Int, 16) or (TypeCode.UInt, 16): BinaryPrimitives.WriteInt16LittleEndian(s, (short)v); break;
            case (TypeCode.Int, 32) or (TypeCode.UInt, 32): BinaryPrimitives.WriteInt32LittleEndian(s, (int)v); break;
            case (TypeCode.Int, 64) or (TypeCode.UInt, 64): BinaryPrimitives.WriteInt64LittleEndian(s, v); break;
            case (TypeCode.Float, _): SetDouble(i, v); break;
            default: throw new NotSupportedException($"NDArray element type {Dtype}");
        }
    }

    public NDArray Clone() => new(Dtype, Shape, (byte[])Data.Clone());

    /// <summary>
    /// Seeded random contents: floats uniform in [-1, 1), integers uniform in [-8, 8) (unsigned [0, 16)),
    /// small so that integer reductions do not overflow and float sums stay well conditioned. With
    /// <paramref name="indexBound"/> (an integer buffer that indexes a gather, <see cref="IndexOperands"/>), integers
    /// uniform in [0, bound) instead, so the gather reads in bounds.
    /// </summary>
    public static NDArray Random(DataType dtype, long[] shape, int seed, long? indexBound = null)
    {
        var a = new NDArray(dtype, shape);
        var rng = new System.Random(seed);
        long max = indexBound is { } bound ? Math.Max(1, Math.Min(bound, (1L << Math.Min(62, dtype.Bits - (dtype.IsUInt ? 0 : 1))) - 1)) : 0;
        for (long i = 0; i < a.Size; i++)
        {
            if (indexBound is not null) a.SetLong(i, rng.NextInt64(max));
            else if (dtype.IsFloat) a.SetDouble(i, rng.NextDouble() * 2 - 1);
            else if (dtype.IsBool) a.SetLong(i, rng.Next(2));
            else if (dtype.IsUInt) a.SetLong(i, rng.Next(16));
            else a.SetLong(i, rng.Next(-8, 8));
        }
        return a;
    }

    /// <summary>A zero-filled array shaped like a buffer with constant shape.</summary>
    public static NDArray ForBuffer(Buffer b) =>
        new(b.Dtype, b.ConstShape() ?? throw new ArgumentException($"buffer {b.Name} has a symbolic shape"));
}
