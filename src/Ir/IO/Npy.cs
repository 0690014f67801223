using System.Buffers.Binary;
using System.Text;
using Tuner.Ir.Interp;

namespace Tuner.Ir.IO;

/// <summary>
/// NumPy .npy files (format 1.0, 2.0 and 3.0 read; 1.0 written, 2.0 when the header needs it): little-endian
/// numeric dtypes and bool, C order only. See numpy/lib/format.py for the layout: magic "\x93NUMPY", version,
/// header length, a Python dict literal padded so the data starts on a 64-byte boundary, then the raw data.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads an array; throws <see cref="NpyException"/> naming the file on anything unsupported or malformed.</summary>
    public static NDArray Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Decodes the bytes of a .npy file; <paramref name="what"/> names it in errors.</summary>
    public static NDArray Read(byte[] bytes, string what = "<bytes>")
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new NpyException($"{what}: not a .npy file (bad magic)");
        int major = bytes[6];
        int headerLen, start;
        switch (major)
        {
            case 1:
                headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
                start = 10;
                break;
            case 2 or 3:
                if (bytes.Length < 12) throw new NpyException($"{what}: truncated header");
                long len = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
                if (len > int.MaxValue) throw new NpyException($"{what}: header length {len} is too large");
                headerLen = (int)len;
                start = 12;
                break;
            default:
                throw new NpyException($"{what}: unsupported .npy format version {major}.{bytes[7]}");
        }
        if (start + headerLen > bytes.Length) throw new NpyException($"{what}: truncated header");
        var enc = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var header = NpyHeader.Parse(enc.GetString(bytes, start, headerLen), what);
        if (header.FortranOrder)
            throw new NpyException($"{what}: fortran_order True is not supported; save the array in C order (np.ascontiguousarray)");
        var dtype = DtypeOf(header.Descr, what);
        long size = header.Shape.Aggregate(1L, (a, b) => a * b);
        long bytesNeeded = size * dtype.Bytes;
        int dataStart = start + headerLen;
        if (bytes.Length - dataStart != bytesNeeded)
            throw new NpyException($"{what}: {dtype}{NDArray.FormatShape(header.Shape)} needs {bytesNeeded} data bytes, the file has {bytes.Length - dataStart}");
        return new NDArray(dtype, header.Shape, bytes.AsSpan(dataStart).ToArray());
    }

    /// <summary>Writes an array in format 1.0 (2.0 when the header exceeds 65535 bytes).</summary>
    public static void Write(string path, NDArray a) => File.WriteAllBytes(path, Encode(a));

    /// <summary>The bytes of the .npy file for <paramref name="a"/>.</summary>
    public static byte[] Encode(NDArray a)
    {
        string dict = $"{{'descr': '{DescrOf(a.Dtype)}', 'fortran_order': False, 'shape': {NDArray.FormatShape(a.Shape)}, }}";
        int major = 1, prefix = 10;
        if (Padded(dict, prefix) > ushort.MaxValue) { major = 2; prefix = 12; }
        int total = Padded(dict, prefix);
        string header = dict + new string(' ', total - dict.Length - 1) + "\n";
        var hb = Encoding.Latin1.GetBytes(header);
        var outp = new byte[prefix + hb.Length + a.Data.Length];
        Magic.CopyTo(outp, 0);
        outp[6] = (byte)major;
        outp[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(outp.AsSpan(8), (ushort)hb.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(outp.AsSpan(8), (uint)hb.Length);
        hb.CopyTo(outp, prefix);
        a.Data.CopyTo(outp, prefix + hb.Length);
        return outp;
    }

    /// <summary>Header length (dict, spaces, newline) that makes prefix + header a multiple of 64.</summary>
    private static int Padded(string dict, int prefix)
    {
        int raw = prefix + dict.Length + 1;
        return (raw + 63) / 64 * 64 - prefix;
    }

    /// <summary>Throws <see cref="NpyException"/> when <paramref name="a"/> cannot be the argument for buffer <paramref name="b"/>; symbolic dimensions match any extent.</summary>
    public static void CheckAgainst(NDArray a, Buffer b, string what)
    {
        if (a.Dtype != b.Dtype)
            throw new NpyException($"{what}: dtype {a.Dtype} does not match buffer {b.Name} {b.Dtype}");
        bool ok = a.Shape.Length == b.Rank;
        for (int d = 0; ok && d < b.Rank; d++)
            if (b.Shape[d] is IntImm c && c.Value != a.Shape[d]) ok = false;
        if (!ok)
            throw new NpyException($"{what}: shape {NDArray.FormatShape(a.Shape)} does not match buffer {b.Name} {ShapeText.Of(b)}");
    }

    private static readonly (string Descr, DataType Type)[] Types =
    [
        ("<f4", DataType.Float32), ("<f8", DataType.Float64), ("<f2", DataType.Float16),
        ("|i1", DataType.Int8), ("<i2", DataType.Int16), ("<i4", DataType.Int32), ("<i8", DataType.Int64),
        ("|u1", DataType.UInt8), ("<u2", DataType.UInt16), ("<u4", DataType.UInt32), ("<u8", DataType.UInt64),
        ("|b1", DataType.Bool),
    ];

    private static string DescrOf(DataType t)
    {
        foreach (var (d, ty) in Types) if (ty == t) return d;
        throw new NpyException($"dtype {t} cannot be written to .npy");
    }

    private static DataType DtypeOf(string descr, string what)
    {
        // One-byte types carry '|' (no byte order), but '<' / '=' are accepted too; '=' is native, little-endian here.
        string d = descr.Length == 3 && descr[0] is '=' or '<' or '|' ? descr[1..] : descr;
        foreach (var (k, ty) in Types) if (k[1..] == d) return ty;
        if (descr.StartsWith('>')) throw new NpyException($"{what}: big-endian dtype '{descr}' is not supported");
        throw new NpyException($"{what}: unsupported dtype '{descr}'");
    }
}

/// <summary>A .npy file is malformed, unsupported, or does not fit the buffer it is meant for.</summary>
public sealed class NpyException(string message) : Exception(message);
