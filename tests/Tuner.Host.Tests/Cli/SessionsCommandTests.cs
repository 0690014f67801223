namespace Tuner.Host.Tests.Cli;

/// <summary>`tuner sessions DIR`: the journal's sessions after a real tune run (with its owner), and a folder without a
/// journal. A clustered session's owner in the PostgreSQL journal: <see cref="ClusterFailoverTests"/>.</summary>
public sealed class SessionsCommandTests : TuneScratch
{
    [Fact]
    public void Sessions_lists_a_finished_tune_run_with_its_trials_budget_and_tasks()
    {
        var (code, _, err) = CliRunner.Run("tune", Module, "--work-dir", Work, "--max-trials-global", "4", "--num-trials-per-iter", "4",
            "--target", "llvm -num-cores 2", "--config", Config, "--strategy", "replay-trace");
        Assert.True(code == 0, err);

        var (listed, output, listErr) = CliRunner.Run("sessions", Work);

        Assert.True(listed == 0, listErr);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("session-"));
        Assert.Matches(@"^session-[0-9a-f]{16}\s+done\s+4/4\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+mm \(budget spent\)\s+", line);
        // The owner: this process ran it without a cluster.
        Assert.EndsWith($"  embedded {Environment.MachineName} pid {Environment.ProcessId}", line.TrimEnd());
    }

    [Fact]
    public void Sessions_of_a_work_dir_without_a_journal_says_so_and_a_folder_that_is_no_work_dir_is_exit_code_2()
    {
        Directory.CreateDirectory(Work);
        Assert.Equal(2, CliRunner.Run("sessions", Work).Code);
        File.WriteAllText(Path.Combine(Work, Tuner.Actors.Database.JsonDatabase.WorkloadFile), ""); // a work_dir of an older tuner
        var (code, output, _) = CliRunner.Run("sessions", Work);
        Assert.Equal(0, code);
        Assert.Contains("no tuning session in", output);

        Assert.Equal(2, CliRunner.Run("sessions", Path.Combine(Dir, "nope")).Code);
        var (neither, _, err) = CliRunner.Run("sessions");
        Assert.Equal(2, neither);
        Assert.Contains("give a work_dir (DIR) or --postgres CONNSTRING, not both", err);
        Assert.Equal(2, CliRunner.Run("sessions", Work, "--postgres", "Host=127.0.0.1").Code);
    }
}
