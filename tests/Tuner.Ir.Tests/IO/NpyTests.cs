using System.Text;
using Tuner.Ir.IO;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.IO;

/// <summary>
/// .npy files against byte layouts built by hand from the format specification (numpy/lib/format.py);
/// numpy itself is not installed on this machine.
/// </summary>
public class NpyTests
{
    /// <summary>magic, version, little-endian header length, header text (padded to 64 bytes with a final newline), data.</summary>
    private static byte[] File(int major, string dict, byte[] data, int align = 64)
    {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + align - 1) / align * align;
        string header = dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
        var h = Encoding.UTF8.GetBytes(header);
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) ms.Write(BitConverter.GetBytes((ushort)h.Length));
        else ms.Write(BitConverter.GetBytes((uint)h.Length));
        ms.Write(h);
        ms.Write(data);
        return ms.ToArray();
    }

    private static byte[] Floats(params float[] xs) => xs.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Writes_exactly_the_version_1_layout_numpy_writes()
    {
        var a = new NDArray(F32, [2, 3], Floats(1, 2, 3, 4, 5, 6));
        var expected = File(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Floats(1, 2, 3, 4, 5, 6));
        var got = Npy.Encode(a);
        Assert.Equal(expected, got);
        Assert.Equal(0, (got.Length - 24) % 64); // data starts on a 64-byte boundary
    }

    [Fact]
    public void Reads_versions_1_2_and_3_with_keys_in_any_order_and_16_byte_alignment()
    {
        var data = BitConverter.GetBytes(7L).Concat(BitConverter.GetBytes(-9L)).ToArray();
        foreach (var (major, dict, align) in new[]
        {
            (1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 64),
            (2, "{'shape': (2,), 'fortran_order': False, 'descr': '<i8'}", 64),
            (3, "{'descr': '<i8', 'fortran_order': False, 'shape': (2L,), }", 16),
        })
        {
            var a = Npy.Read(File(major, dict, data, align));
            Assert.Equal(DataType.Int64, a.Dtype);
            Assert.Equal([2L], a.Shape);
            Assert.Equal((7L, -9L), (a.GetLong(0), a.GetLong(1)));
        }
    }

    [Theory]
    [InlineData("float32", "<f4")]
    [InlineData("float64", "<f8")]
    [InlineData("float16", "<f2")]
    [InlineData("int8", "|i1")]
    [InlineData("int16", "<i2")]
    [InlineData("int32", "<i4")]
    [InlineData("int64", "<i8")]
    [InlineData("uint8", "|u1")]
    [InlineData("uint16", "<u2")]
    [InlineData("uint32", "<u4")]
    [InlineData("uint64", "<u8")]
    [InlineData("bool", "|b1")]
    public void Every_dtype_round_trips_through_a_file(string dtype, string descr)
    {
        var t = DataType.Parse(dtype);
        var a = NDArray.Random(t, [3, 1, 2], 11);
        string path = Path.Combine(Path.GetTempPath(), $"npytest_{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Write(path, a);
            Assert.Contains($"'descr': '{descr}'", Encoding.Latin1.GetString(System.IO.File.ReadAllBytes(path)));
            var b = Npy.Read(path);
            Assert.Equal(t, b.Dtype);
            Assert.Equal(a.Shape, b.Shape);
            Assert.Equal(a.Data, b.Data);
        }
        finally { System.IO.File.Delete(path); }
    }

    [Fact]
    public void Zero_d_and_one_d_shapes_are_written_as_python_tuples()
    {
        var scalar = new NDArray(DataType.Float64, [], BitConverter.GetBytes(2.5));
        Assert.Contains("'shape': (), }", Encoding.Latin1.GetString(Npy.Encode(scalar)));
        Assert.Equal(2.5, Npy.Read(Npy.Encode(scalar)).GetDouble(0));
        var vec = new NDArray(DataType.Int32, [5]);
        Assert.Contains("'shape': (5,), }", Encoding.Latin1.GetString(Npy.Encode(vec)));
        Assert.Equal([5L], Npy.Read(Npy.Encode(vec)).Shape);
    }

    [Fact]
    public void A_header_longer_than_65535_bytes_is_written_as_version_2()
    {
        var shape = Enumerable.Repeat(1L, 25000).ToArray(); // "1, " × 25000 > 65535 characters
        var bytes = Npy.Encode(new NDArray(DataType.UInt8, shape, [42]));
        Assert.Equal(2, bytes[6]);
        var back = Npy.Read(bytes);
        Assert.Equal(25000, back.Shape.Length);
        Assert.Equal(42, back.GetLong(0));
    }

    [Fact]
    public void Fortran_order_big_endian_and_truncated_files_are_refused_clearly()
    {
        var f = File(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", Floats(1, 2));
        Assert.Contains("fortran_order True is not supported", Assert.Throws<NpyException>(() => Npy.Read(f, "x.npy")).Message);
        var be = File(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", Floats(1, 2));
        Assert.Contains("big-endian dtype '>f4'", Assert.Throws<NpyException>(() => Npy.Read(be, "x.npy")).Message);
        var shortData = File(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", Floats(1, 2));
        Assert.Equal("x.npy: float32(3,) needs 12 data bytes, the file has 8", Assert.Throws<NpyException>(() => Npy.Read(shortData, "x.npy")).Message);
        Assert.Contains("bad magic", Assert.Throws<NpyException>(() => Npy.Read(new byte[16], "x.npy")).Message);
    }

    [Fact]
    public void Check_against_a_buffer_names_the_file_and_both_shapes()
    {
        var buf = Buf("A", F32, 128, 128);
        var ex = Assert.Throws<NpyException>(() => Npy.CheckAgainst(new NDArray(F32, [3, 4]), buf, "A.npy"));
        Assert.Equal("A.npy: shape (3, 4) does not match buffer A (128, 128)", ex.Message);
        var ex2 = Assert.Throws<NpyException>(() => Npy.CheckAgainst(new NDArray(DataType.Float64, [128, 128]), buf, "A.npy"));
        Assert.Equal("A.npy: dtype float64 does not match buffer A float32", ex2.Message);
        Npy.CheckAgainst(new NDArray(F32, [128, 128]), buf, "A.npy"); // matching: no exception
        Npy.CheckAgainst(new NDArray(F32, [7]), new Buffer("S", F32, [V("n")]), "S.npy"); // symbolic extent matches any
    }
}
