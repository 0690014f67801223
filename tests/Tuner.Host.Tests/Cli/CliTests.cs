using Tuner.Ir;
using Tuner.Ir.IO;
using Tuner.Ir.Script;

namespace Tuner.Host.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData("matmul_handle.py")]
    [InlineData("mlp_module.py")]
    public void Fmt_prints_a_module_that_parses_back_to_the_same_text(string example)
    {
        var (code, text, err) = CliRunner.Run("fmt", CliRunner.Example(example));
        Assert.True(code == 0, err);
        var again = TvmScript.Print(TvmScript.ParseModule(text));
        Assert.Equal(text, again);
        // Both print as TVM's mod.script(): matmul_handle.py's standalone @T.prim_func becomes the one-function module.
        Assert.StartsWith("# from tvm.script import ir as I\n# from tvm.script import tir as T\n", text);
        Assert.Contains("\n@I.ir_module\nclass Module:\n", text);
    }

    [Fact]
    public void Fmt_of_a_missing_file_exits_2_naming_the_file()
    {
        var (code, _, err) = CliRunner.Run("fmt", Path.Combine(_dir, "nope.py"));
        Assert.Equal(2, code);
        Assert.Contains("nope.py", err);
        Assert.Contains("no such file", err);
    }

    [Fact]
    public void Fmt_of_bad_TVMScript_exits_2_with_file_line_and_column()
    {
        var file = Path.Combine(_dir, "bad.py");
        File.WriteAllText(file, "@T.prim_func\ndef main(A: T.Buffer((4,), \"float32\")):\n    for i in range(4):\n        A[i] = T.bogus(1)\n");
        var (code, _, err) = CliRunner.Run("fmt", file);
        Assert.Equal(2, code);
        Assert.Contains($"{file}:4:", err);
        Assert.Contains("bogus", err);
    }

    [Fact]
    public void Unknown_options_are_usage_errors_with_exit_code_2()
    {
        var (code, _, err) = CliRunner.Run("fmt", "--no-such-option");
        Assert.Equal(2, code);
        Assert.Contains("error", err);
    }

    [Fact]
    public void Help_is_available_on_every_command()
    {
        foreach (var cmd in new[] { "fmt", "run", "schedule" })
        {
            var (code, text, _) = CliRunner.Run(cmd, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Usage", text);
        }
    }

    [Fact]
    public void Run_interpret_writes_every_buffer_parameter_and_the_product_is_right()
    {
        var mod = TvmScript.ParseModule(File.ReadAllText(CliRunner.Example("matmul_handle.py")));
        var f = mod.PrimFuncs.Single().Func;
        var buffers = f.ParamBuffers.ToList();
        var a = NDArray.Random(buffers[0].Dtype, buffers[0].ConstShape()!, 7);
        var b = NDArray.Random(buffers[1].Dtype, buffers[1].ConstShape()!, 8);
        Npy.Write(Path.Combine(_dir, "a.npy"), a);
        Npy.Write(Path.Combine(_dir, "b.npy"), b);
        var outDir = Path.Combine(_dir, "out");
        var (code, _, err) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--args",
            Path.Combine(_dir, "a.npy"), Path.Combine(_dir, "b.npy"), "--out-dir", outDir, "--interpret");
        Assert.True(code == 0, err);
        foreach (var buf in buffers) Assert.True(File.Exists(Path.Combine(outDir, buf.Name + ".npy")), buf.Name);
        var c = Npy.Read(Path.Combine(outDir, buffers[2].Name + ".npy"));
        int n = (int)a.Shape[0], k = (int)a.Shape[1], m = (int)b.Shape[1];
        for (int i = 0; i < n; i += 17)
            for (int j = 0; j < m; j += 13)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a.GetDouble(i * k + p) * b.GetDouble(p * m + j);
                Assert.Equal(s, c.GetDouble(i * m + j), 3); // float32 accumulation over 128 terms: 1e-3 absolute
            }
    }

    [Fact]
    public void Run_rejects_an_npy_whose_shape_does_not_match_the_buffer()
    {
        Npy.Write(Path.Combine(_dir, "small.npy"), new NDArray(DataType.Float32, [3, 4]));
        var (code, _, err) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--args",
            Path.Combine(_dir, "small.npy"), "--out-dir", _dir, "--interpret");
        Assert.Equal(2, code);
        Assert.Contains("(3, 4)", err);
    }
}
