namespace Tuner.Ir.Interp;

/// <summary>
/// The run-time state of one execution: variable slots (integers and bools in <see cref="I"/>, floats in
/// <see cref="F"/>) and buffer slots. Slots are assigned when the function is compiled, so closures index arrays
/// instead of looking variables up by name.
/// </summary>
internal sealed class Env(int intSlots, int floatSlots, int bufferSlots)
{
    public readonly long[] I = new long[intSlots];
    public readonly double[] F = new double[floatSlots];
    public readonly BufferData?[] B = new BufferData?[bufferSlots];
}

/// <summary>The memory behind a buffer during a run: raw little-endian bytes, shape and element strides.</summary>
internal sealed class BufferData
{
    public readonly string Name;
    public readonly DataType Dtype;
    public readonly long[] Shape;
    public readonly long[] Strides;
    public readonly byte[] Data;

    public BufferData(string name, DataType dtype, long[] shape, long[]? strides, byte[] data)
    {
        Name = name;
        Dtype = dtype;
        Shape = shape;
        Strides = strides ?? RowMajor(shape);
        Data = data;
    }

    public static long[] RowMajor(long[] shape)
    {
        var s = new long[shape.Length];
        long acc = 1;
        for (int d = shape.Length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]; }
        return s;
    }

    /// <summary>
    /// Fresh scratch memory poisoned so that reads before writes show up: floats are NaN,
    /// integers the byte pattern 0xA5 (int32 -1515870811), bools true.
    /// </summary>
    public static BufferData Fresh(string name, DataType dtype, long[] shape, long[]? strides = null)
    {
        // With explicit strides the storage must reach the last element: 1 + Σ (extent − 1) · stride.
        long size = 1, reach = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            long n = shape[d];
            if (n < 0) throw new InterpreterException($"buffer {name}: negative extent in shape {NDArray.FormatShape(shape)}");
            size *= n;
            if (strides is not null) reach += (n - 1) * strides[d];
        }
        if (strides is not null) size = size == 0 ? 0 : reach;
        long bytes = size * dtype.Bytes;
        if (bytes > Array.MaxLength) throw new InterpreterException($"buffer {name}: {bytes} bytes is too large to allocate");
        var data = new byte[bytes];
        switch (dtype.Code, dtype.Bits)
        {
            case (TypeCode.Float, 32): System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data.AsSpan()).Fill(float.NaN); break;
            case (TypeCode.Float, 64): System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data.AsSpan()).Fill(double.NaN); break;
            case (TypeCode.Float, 16): System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(data.AsSpan()).Fill(Half.NaN); break;
            case (TypeCode.Bool, _): data.AsSpan().Fill(1); break;
            default: data.AsSpan().Fill(0xA5); break;
        }
        return new BufferData(name, dtype, shape, strides, data);
    }
}
