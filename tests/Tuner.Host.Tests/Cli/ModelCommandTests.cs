using Tuner.Ir;
using Tuner.Ir.IO;

namespace Tuner.Host.Tests.Cli;

public sealed class ModelCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-model-" + Guid.NewGuid().ToString("N"));

    public ModelCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Dir(string name) => Path.Combine(_dir, name);

    private static void AssertClose(NDArray a, NDArray b)
    {
        Assert.Equal(a.Shape, b.Shape);
        for (long i = 0; i < a.Size; i++)
            Assert.True(Math.Abs(a.GetDouble(i) - b.GetDouble(i)) <= 1e-4 * (1 + Math.Abs(a.GetDouble(i))), $"element {i}: {a.GetDouble(i)} vs {b.GetDouble(i)}");
    }

    [Fact]
    public void Run_model_writes_main_outputs_as_npy_computed_from_the_given_inputs()
    {
        var x = NDArray.Random(DataType.Float32, [1, 3, 32, 32], 42);
        var xFile = Dir("x.npy");
        Npy.Write(xFile, x);
        var (c1, out1, e1) = CliRunner.Run("run-model", CliRunner.Example("conv_relax.py"), "--inputs", xFile, "--out-dir", Dir("c"), "--target", "llvm -num-cores 1");
        var (c2, _, e2) = CliRunner.Run("run-model", CliRunner.Example("conv_relax.py"), "--inputs", xFile, "--out-dir", Dir("i"), "--interpret");
        Assert.True(c1 == 0, e1);
        Assert.True(c2 == 0, e2);
        Assert.Contains("output_0: float32(1, 16, 16, 16) -> ", out1);
        AssertClose(Npy.Read(Path.Combine(Dir("i"), "output_0.npy")), Npy.Read(Path.Combine(Dir("c"), "output_0.npy")));
        // Another x gives another output: the file was used.
        Npy.Write(xFile, NDArray.Random(DataType.Float32, [1, 3, 32, 32], 43));
        CliRunner.Run("run-model", CliRunner.Example("conv_relax.py"), "--inputs", xFile, "--out-dir", Dir("i2"), "--interpret");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(Dir("i"), "output_0.npy")), File.ReadAllBytes(Path.Combine(Dir("i2"), "output_0.npy")));
    }

    [Fact]
    public void Run_model_rejects_an_input_of_the_wrong_shape_and_a_model_error_with_one_line()
    {
        var bad = Dir("bad.npy");
        Npy.Write(bad, new NDArray(DataType.Float32, [1, 3, 30, 30]));
        var (code, _, err) = CliRunner.Run("run-model", CliRunner.Example("conv_relax.py"), "--inputs", bad, "--out-dir", Dir("o"));
        Assert.Equal(2, code);
        Assert.Contains("does not match main's parameter x: float32(1, 3, 32, 32)", err);
        var model = Dir("m.py");
        File.WriteAllText(model, File.ReadAllText(CliRunner.Example("mlp_relax.py")).Replace("R.add(lv3, b2)", "R.add(lv3, b1)"));
        (code, _, err) = CliRunner.Run("run-model", model, "--out-dir", Dir("o"));
        Assert.Equal(2, code);
        Assert.StartsWith($"{model}:13:19: R.add: shapes (1, 128) and (256,) do not broadcast", err);
    }

    [Fact]
    public void Tune_of_a_model_with_symbolic_shapes_exits_2_naming_the_op_and_its_line()
    {
        var model = Dir("sym.py");
        File.WriteAllText(model, File.ReadAllText(CliRunner.Example("mlp_relax.py"))
            .Replace("x: R.Tensor((1, 784)", "x: R.Tensor((\"n\", 784)")
            .Replace("# from tvm.script import relax as R", "# from tvm.script import tir as T\n# from tvm.script import relax as R"));
        var (code, _, err) = CliRunner.Run("tune", model, "--work-dir", Dir("w"), "--max-trials-global", "1");
        Assert.Equal(2, code);
        Assert.StartsWith($"{model}:10:18: LegalizeOps: main: lv = R.matmul: symbolic dimensions are not supported by LegalizeOps", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    // Tunes 8 candidates for real (about 15 s): the tuned run must still compute what the interpreter does.
    [Fact]
    public void Tune_then_run_model_and_bench_model_use_the_tuned_schedules()
    {
        var wd = Dir("wd");
        var (code, text, err) = CliRunner.Run("tune", CliRunner.Example("mlp_relax.py"), "--work-dir", wd, "--max-trials-global", "8",
            "--num-trials-per-iter", "8", "--target", "llvm -num-cores 1");
        Assert.True(code == 0, err);
        Assert.Contains("fused_matmul_add_relu", text);
        (code, _, err) = CliRunner.Run("run-model", CliRunner.Example("mlp_relax.py"), "--work-dir", wd, "--out-dir", Dir("t"), "--target", "llvm -num-cores 1");
        Assert.True(code == 0, err);
        (code, _, err) = CliRunner.Run("run-model", CliRunner.Example("mlp_relax.py"), "--out-dir", Dir("i"), "--interpret");
        Assert.True(code == 0, err);
        AssertClose(Npy.Read(Path.Combine(Dir("i"), "output_0.npy")), Npy.Read(Path.Combine(Dir("t"), "output_0.npy")));
        (code, text, err) = CliRunner.Run("bench-model", CliRunner.Example("mlp_relax.py"), "--work-dir", wd, "--target", "llvm -num-cores 1", "--repeat", "1");
        Assert.True(code == 0, err);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Tuned(us)", lines[1]);
        Assert.Equal(["fused_matmul_add_relu", "fused_matmul1_add1_relu1", "fused_matmul2_add2", "softmax"], lines[2..6].Select(l => l.Split(' ')[0]));
        Assert.StartsWith("Total (end to end)", lines[6]);
        Assert.EndsWith("x", lines[6]);
    }
}
