using System.Text.Json.Nodes;
using Tuner.Actors.Database;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// A tuning session as a user runs it: real `tuner` child processes on one workDir (the lock), and read-only
/// commands on a damaged database.
/// </summary>
public sealed class TuneSessionTests : TuneScratch
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private string[] TuneArgs(int trials, params string[] extra) => ["tune", Module, "--work-dir", Work,
        "--max-trials-global", $"{trials}", "--num-trials-per-iter", "8", "--target", "llvm -num-cores 2", "--seed", "3", "--config", Config, .. extra];

    /// <summary>Records of tuned candidates (the untuned baseline, an empty trace, is not a trial).</summary>
    private int TrialRecords() => File.ReadAllLines(Path.Combine(Work, JsonDatabase.RecordFile))
        .Count(l => JsonNode.Parse(l)![1]![0]![0]!.AsArray().Count > 0);

    /// <summary>Waits until the child process <paramref name="p"/> holds the workDir lock.</summary>
    private void WaitForLockOf(System.Diagnostics.Process p)
    {
        var owner = Path.Combine(Work, WorkDirLock.OwnerFile);
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < Patience; Thread.Sleep(50))
        {
            if (File.Exists(owner) && File.ReadAllText(owner).Contains($"pid {p.Id} ")) return;
            Assert.False(p.HasExited, "the first tuner exited before taking the lock");
        }
        throw new TimeoutException("the first tuner never took the lock");
    }

    [Fact]
    public void Two_concurrent_tune_processes_on_one_work_dir_record_the_budget_once()
    {
        var first = CliRunner.Start(TuneArgs(16));
        WaitForLockOf(first);
        var waiting = CliRunner.Start(TuneArgs(16, "--wait"));
        var second = CliRunner.Run(TuneArgs(16));

        Assert.Equal(2, second.Code);
        Assert.Contains($"work_dir in use by tuner pid {first.Id} since ", second.Err);
        var (code, _, err) = CliRunner.Finish(first, Patience);
        Assert.True(code == 0, err);
        var (waitCode, waitOut, waitErr) = CliRunner.Finish(waiting, Patience);
        Assert.True(waitCode == 0, waitErr);
        Assert.Contains($"waiting for {Work}: in use by tuner pid {first.Id}", waitErr);
        Assert.Contains("0 trials measured this run, 16 in total", waitOut);
        Assert.Equal(16, TrialRecords());
    }

    [Fact]
    public void The_lock_of_a_killed_tuner_does_not_block_the_next_run()
    {
        var killed = CliRunner.Start(TuneArgs(16));
        WaitForLockOf(killed);
        killed.Kill(entireProcessTree: true);
        killed.WaitForExit();

        var (code, _, err) = CliRunner.Run(TuneArgs(8));
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Records_and_apply_leave_a_torn_database_byte_identical_and_tune_moves_the_torn_line_aside()
    {
        var (code, _, err) = CliRunner.Run(TuneArgs(8));
        Assert.True(code == 0, err);
        var records = Path.Combine(Work, JsonDatabase.RecordFile);
        File.AppendAllText(records, "[0,[[[[\"TornWri");
        var before = Directory.GetFiles(Work).ToDictionary(f => f, File.ReadAllBytes);

        var (recCode, _, recErr) = CliRunner.Run("records", Work);
        var (applyCode, _, applyErr) = CliRunner.Run("apply", Module, "--work-dir", Work, "--target", "llvm -num-cores 2");

        Assert.Equal(0, recCode);
        Assert.Equal(0, applyCode);
        foreach (var warning in new[] { recErr, applyErr }) Assert.Contains($"{JsonDatabase.RecordFile}:", warning);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(Work).Order());
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));

        var (again, _, tuneErr) = CliRunner.Run(TuneArgs(8));
        Assert.True(again == 0, tuneErr);
        Assert.Contains("moved to database_tuning_record.rejected.json", tuneErr);
        Assert.Contains("TornWri", File.ReadAllText(JsonDatabase.RejectedPath(records)));
        Assert.DoesNotContain("TornWri", File.ReadAllText(records));
    }

    [Fact]
    public void Apply_prints_the_untuned_function_and_says_so_when_every_tuned_record_is_slower_and_records_shows_the_baseline()
    {
        var (code, table, err) = CliRunner.Run(TuneArgs(8));
        Assert.True(code == 0, err);
        Assert.Contains("Untuned (us)", table);
        // Fault injection: every tuned record made slower (1 s) than the untuned function.
        var file = Path.Combine(Work, JsonDatabase.RecordFile);
        File.WriteAllLines(file, File.ReadAllLines(file).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsArray();
            if (row[1]![0]![0]!.AsArray().Count > 0) row[1]![1] = new JsonArray(1.0);
            return TvmJson.Write(row);
        }));

        var (applyCode, applied, note) = CliRunner.Run("apply", Module, "--work-dir", Work, "--target", "llvm -num-cores 2");
        var (recCode, records, _) = CliRunner.Run("records", Work);

        Assert.Equal(0, applyCode);
        Assert.Contains("kept as is: mm", note);
        Assert.DoesNotContain("tir.is_scheduled", applied);
        Assert.Equal(CliRunner.Run("fmt", Module).Out, applied);
        Assert.Equal(0, recCode);
        Assert.EndsWith("Untuned (us)  Trials  Valid  Failed", records.Split('\n')[0]);
        var row = records.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(double.Parse(row[^4], System.Globalization.CultureInfo.InvariantCulture) < 1e6, records); // the untuned column (us)
        Assert.Equal("8", row[^3]); // trials: the baseline is not one
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a shell script as the compiler
    public void A_compiler_that_builds_nothing_stops_the_run_with_the_compilers_error_and_exit_code_1()
    {
        // The real cc, but every call ends with a CPU it does not know (a bad -mcpu in --target is refused up front,
        // UsageErrorTests): every candidate fails to build with gcc's own words.
        var cc = Path.Combine(Path.GetDirectoryName(Config)!, "cc-notacpu.sh");
        File.WriteAllText(cc, "#!/bin/sh\nexec cc \"$@\" -march=notacpu\n");
        File.SetUnixFileMode(cc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(Path.GetDirectoryName(Config)!, "notacpu.conf");
        File.WriteAllText(config, File.ReadAllText(Config) + $"tuner.compiler.cc = \"{cc}\"\n");
        var args = TuneArgs(16);
        args[Array.IndexOf(args, Config)] = config;

        var (code, output, err) = CliRunner.Run(args);

        Assert.True(code == 1, output + err);
        Assert.Contains("notacpu", err); // the compiler's own words
        Assert.Contains("error: mm (untuned): first candidate that failed to build", err);
        Assert.Contains("failed to build with the same error, so the run stops", err);
        Assert.DoesNotContain("Total latency (us): 0", output);
    }

    [Fact]
    public async Task Sigint_stops_a_tune_process_with_exit_code_130_and_the_same_command_then_finishes_the_budget_exactly()
    {
        var p = CliRunner.Start(TuneArgs(32));
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var err = p.StandardError.ReadToEndAsync();
        p.BeginOutputReadLine();
        string Seen() { lock (output) return output.ToString(); }
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); !Seen().Contains("Total trials: 8"); Thread.Sleep(50))
            Assert.True(clock.Elapsed < Patience && !p.HasExited, Seen() + (p.HasExited ? await err : ""));
        Assert.StartsWith($"tuning 1 task (mm) for target 'llvm -num-cores 2': 32 trials (per task at most 32, 8 per round); work_dir {Work}, logs in ", Seen());

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", $"{p.Id}"])!) kill.WaitForExit();
        Assert.True(p.WaitForExit(Patience), "tune did not stop on SIGINT");
        p.WaitForExit();

        string stderr = await err;
        Assert.True(p.ExitCode == 130, Seen() + stderr);
        int recorded = TrialRecords();
        Assert.InRange(recorded, 8, 31);
        Assert.Contains($"interrupted after {recorded} trials ({recorded} this run); the same command resumes", stderr);
        var (code, again, againErr) = CliRunner.Run(TuneArgs(32));
        Assert.True(code == 0, againErr);
        Assert.Contains($"{32 - recorded} trials measured this run, 32 in total", again);
        Assert.Equal(32, TrialRecords());
        // The final table is printed once: one table per round, none repeated at the end.
        int rounds = (32 - recorded + 7) / 8;
        Assert.Equal(rounds, again.Split("Total trials:").Length - 1);
    }
}
