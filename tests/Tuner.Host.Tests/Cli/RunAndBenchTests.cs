using Tuner.Ir.IO;
using Tuner.Ir.Targets;

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
        File.WriteAllText(Path.Combine(traces, "main.json"), VectorizeC);
        var (code, text, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--trace-dir", traces, "--target", "llvm -num-cores 1", "--repeat", "1");
        Assert.True(code == 0, err);
        var row = text.Split('\n').Single(l => l.StartsWith("main"));
        var cols = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, cols.Length);
        Assert.Equal("4194304", cols[1]); // 2·128³ FLOPs counted from the IR
        Assert.True(double.Parse(cols[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.EndsWith("x", cols[6]);
    }

    // Split + reorder + vectorize the innermost spatial loop of matmul_handle's block "C".
    private const string VectorizeC =
        """[[["GetBlock",[],["C","main"],["b0"]],["GetLoops",["b0"],[],["l1","l2","l3"]],["Reorder",["l1","l3","l2"],[],[]],["Vectorize",["l2"],[],[]]],[]]""";

    [Fact]
    public void Bench_warns_about_trace_files_that_match_no_primfunc()
    {
        var traces = Path.Combine(_dir, "traces");
        Directory.CreateDirectory(traces);
        File.WriteAllText(Path.Combine(traces, "mian.json"), VectorizeC);
        var (code, text, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--trace-dir", traces, "--target", "llvm -num-cores 1", "--repeat", "1");
        Assert.True(code == 0, err);
        Assert.Contains($"warning: {Path.Combine(traces, "mian.json")} matches no PrimFunc of the module (PrimFuncs: main)", err);
        Assert.Equal(4, text.Split('\n').Single(l => l.StartsWith("main")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Bench_work_dir_times_the_best_record_beside_the_untuned_function_and_leaves_the_work_dir_as_it_was()
    {
        var mod = Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(CliRunner.Example("matmul_handle.py")));
        var f = mod.PrimFuncs.Single().Func;
        var work = Path.Combine(_dir, "work");
        var db = Tuner.Actors.Database.JsonDatabase.Open(work);
        var target = System.Text.Json.Nodes.JsonNode.Parse(Target.Parse("llvm -num-cores 1").ToJson())!;
        var args = Tuner.Actors.Database.JsonDatabase.ArgsInfo(f);
        int w = db.CommitWorkload(f);
        // Two records: the best one (lower run_secs) is the vectorized trace; a failed one must never be picked.
        db.CommitRecord(w, new(System.Text.Json.Nodes.JsonNode.Parse(VectorizeC)!, [1e-4], target, args));
        db.CommitRecord(w, Tuner.Actors.Database.TuningRecord.Failed(System.Text.Json.Nodes.JsonNode.Parse("[[],[]]")!, target, args));
        var before = Directory.GetFiles(work).ToDictionary(p => p, File.ReadAllBytes);

        var (code, text, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--work-dir", work, "--target", "llvm -num-cores 1", "--repeat", "1");
        Assert.True(code == 0, err);
        var cols = text.Split('\n').Single(l => l.StartsWith("main")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, cols.Length);
        Assert.True(double.Parse(cols[4], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.EndsWith("x", cols[6]);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(work).Order());
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));

        // Records of another target are not used: the row has the untuned columns only, and a warning says why.
        var (other, text1, err1) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--work-dir", work, "--target", "llvm -num-cores 2", "--repeat", "1");
        Assert.True(other == 0, err1);
        Assert.Equal(4, text1.Split('\n').Single(l => l.StartsWith("main")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("left unscheduled: main", err1);
    }

    [Fact]
    public void Bench_takes_a_work_dir_or_a_trace_dir_not_both()
    {
        var (code, _, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--work-dir", _dir, "--trace-dir", _dir);
        Assert.Equal(2, code);
        Assert.Contains("not both", err);
    }

    [Fact]
    public void A_bad_target_string_is_a_usage_error()
    {
        var (code, _, err) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--out-dir", _dir, "--target", "llvm -bogus 3");
        Assert.Equal(2, code);
        Assert.Contains("-bogus", err);
    }
}
