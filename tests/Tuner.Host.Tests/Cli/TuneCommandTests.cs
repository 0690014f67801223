using Tuner.Ir.Script;

namespace Tuner.Host.Tests.Cli;

public sealed class TuneCommandTests : TuneScratch
{
    private (int Code, string Out, string Err) Tune(int trials) => CliRunner.Run("tune", Module, "--work-dir", Work,
        "--max-trials-global", $"{trials}", "--num-trials-per-iter", "8", "--target", "llvm -num-cores 2", "--seed", "3", "--config", Config);

    [Fact]
    public void Tune_then_apply_then_records_report_the_same_tuned_function_and_other_targets_stay_unscheduled()
    {
        var (code, table, err) = Tune(8);
        Assert.True(code == 0, err);
        Assert.Contains("Weighted Latency (us)", table);
        Assert.Contains("Total trials: 8", table);

        var (again, text, err2) = Tune(8);
        Assert.True(again == 0, err2);
        Assert.Contains("0 trials measured this run, 8 in total", text);

        var outFile = Path.Combine(Dir, "tuned.py");
        var (applyCode, _, applyErr) = CliRunner.Run("apply", Module, "--work-dir", Work, "--target", "llvm -num-cores 2", "-o", outFile);
        Assert.True(applyCode == 0, applyErr);
        var tuned = TvmScript.ParseModule(File.ReadAllText(outFile)).PrimFuncs.Single();
        Assert.Equal("mm", tuned.Name);
        Assert.NotNull(tuned.Func.Attrs["tir.is_scheduled"]);
        Assert.NotNull(tuned.Func.Attrs["tir.noalias"]);
        var (printCode, printed, _) = CliRunner.Run("apply", Module, "--work-dir", Work, "--target", "llvm -num-cores 2");
        Assert.Equal(0, printCode);
        Assert.Equal(File.ReadAllText(outFile), printed);

        var (recCode, records, recErr) = CliRunner.Run("records", Work);
        Assert.True(recCode == 0, recErr);
        var row = records.Split('\n').Single(l => l.Contains(" mm ")); // named by the function, not its block "matmul"
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["8"], cells[^3..^2]); // trials
        Assert.Equal(8, int.Parse(cells[^2]) + int.Parse(cells[^1])); // valid + failed
        Assert.Contains("llvm -num-cores 2", row);

        // run --work-dir compiles the tuned function: same outputs as the interpreter on the untuned one.
        var tunedOut = Path.Combine(Dir, "tuned-out");
        var refOut = Path.Combine(Dir, "ref-out");
        var (runCode, _, runErr) = CliRunner.Run("run", Module, "--work-dir", Work, "--target", "llvm -num-cores 2", "--out-dir", tunedOut);
        Assert.True(runCode == 0, runErr);
        Assert.Equal(0, CliRunner.Run("run", Module, "--out-dir", refOut, "--interpret").Code);
        foreach (var file in Directory.GetFiles(refOut))
        {
            var want = Tuner.Ir.IO.Npy.Read(file);
            var got = Tuner.Ir.IO.Npy.Read(Path.Combine(tunedOut, Path.GetFileName(file)));
            for (long i = 0; i < want.Size; i++)
                Assert.True(Math.Abs(want.GetDouble(i) - got.GetDouble(i)) <= 1e-3 * (1 + Math.Abs(want.GetDouble(i))), $"{file}[{i}]");
        }

        // Records of another target are not applied: the module comes back unchanged, with a warning naming mm.
        var (otherCode, unchanged, warning) = CliRunner.Run("apply", Module, "--work-dir", Work, "--target", "llvm -num-cores 1");
        Assert.Equal(0, otherCode);
        Assert.Contains("left unscheduled: mm", warning);
        Assert.DoesNotContain("tir.is_scheduled", unchanged);
    }

    [Theory]
    [InlineData("tune", "--work-dir", "W", "--max-trials-global", "-1")]
    [InlineData("tune", "--work-dir", "W", "--max-trials-global", "0")]
    [InlineData("tune", "--work-dir", "W", "--max-trials-global", "8", "--strategy", "annealing")]
    [InlineData("tune", "--work-dir", "W", "--max-trials-global", "8", "--config", "missing.conf")]
    [InlineData("tune", "--work-dir", "W", "--max-trials-global", "8", "--target", "cuda")]
    [InlineData("tune", "--max-trials-global", "8")]
    [InlineData("apply", "--work-dir", "missing-dir")]
    public void Bad_tune_and_apply_command_lines_exit_with_code_2(params string[] args)
    {
        var full = new[] { args[0], Module }.Concat(args.Skip(1).Select(a => a == "W" ? Work : a is "missing.conf" or "missing-dir" ? Path.Combine(Dir, a) : a)).ToArray();
        var (code, _, err) = CliRunner.Run(full);
        Assert.True(code == 2, err);
        Assert.NotEmpty(err);
    }

    [Fact]
    public void Records_of_a_folder_that_is_not_a_work_dir_exit_with_code_2()
    {
        var (code, _, err) = CliRunner.Run("records", Dir);
        Assert.Equal(2, code);
        Assert.Contains("not a work_dir", err);
    }
}
