using Tuner.Ir.IO;

namespace Tuner.Host.Tests.Cli;

public sealed class RunAndBenchTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-runbench-" + Guid.NewGuid().ToString("N"));

    public RunAndBenchTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Compiled_run_writes_the_same_outputs_as_the_interpreter_within_float32_tolerance()
    {
        var compiled = Path.Combine(_dir, "c");
        var interpreted = Path.Combine(_dir, "i");
        var (c1, _, e1) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--out-dir", compiled, "--seed", "3");
        var (c2, _, e2) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--out-dir", interpreted, "--seed", "3", "--interpret");
        Assert.True(c1 == 0, e1);
        Assert.True(c2 == 0, e2);
        var a = Npy.Read(Path.Combine(compiled, "C.npy"));
        var b = Npy.Read(Path.Combine(interpreted, "C.npy"));
        // 128-term float32 dot products; gcc may contract to FMA: 1e-4 absolute on values of magnitude ~5.
        for (long i = 0; i < a.Size; i++)
            Assert.True(Math.Abs(b.GetDouble(i) - a.GetDouble(i)) <= 1e-4, $"element {i}: {a.GetDouble(i)} vs {b.GetDouble(i)}");
    }

    [Fact]
    public void Bench_prints_latency_and_gflops_per_primfunc_and_the_speed_up_of_a_trace()
    {
        var traces = Path.Combine(_dir, "traces");
        Directory.CreateDirectory(traces);
        // Split + reorder + vectorize the innermost spatial loop of matmul_handle's block "C".
        File.WriteAllText(Path.Combine(traces, "main.json"),
            """[[["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Reorder",["l1","l3","l2"],[],[]],["Vectorize",["l2"],[],[]]],[]]""");
        var (code, text, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--trace-dir", traces, "--target", "llvm -num-cores 1", "--repeat", "1");
        Assert.True(code == 0, err);
        var row = text.Split('\n').Single(l => l.StartsWith("main"));
        var cols = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, cols.Length);
        Assert.Equal("4194304", cols[1]); // 2·128³ FLOPs counted from the IR
        Assert.True(double.Parse(cols[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.EndsWith("x", cols[6]);
    }

    [Fact]
    public void A_bad_target_string_is_a_usage_error()
    {
        var (code, _, err) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--out-dir", _dir, "--target", "llvm -bogus 3");
        Assert.Equal(2, code);
        Assert.Contains("-bogus", err);
    }
}
