using System.Diagnostics;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Xunit.Abstractions;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// kill -9 at random moments: a real `tuner tune` child process is killed with SIGKILL five times (seeded delays;
/// the seed is printed, TUNER_CRASH_SEED replays one) and then run to the end. The budget is then spent exactly, no
/// program was measured twice, and the record log and the journal agree line for line.
/// </summary>
public sealed class CrashResumeTests(ITestOutputHelper output) : TuneScratch
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private const int Budget = 16;

    // ReplayTrace: a quick search, so that most of a run is building, timing and journaling — where kills matter.
    private string[] TuneArgs() => ["tune", Module, "--work-dir", Work, "--max-trials-global", $"{Budget}", "--num-trials-per-iter", "4",
        "--target", "llvm -num-cores 2", "--seed", "3", "--config", Config, "--strategy", "replay-trace"];

    private int Grants()
    {
        var log = Path.Combine(Work, "logs", "task_scheduler.log");
        try { return File.Exists(log) ? File.ReadAllLines(log).Count(l => l.Contains("] granted ")) : 0; }
        catch (IOException) { return 0; }
    }

    [Fact]
    public void Five_SIGKILLs_at_random_moments_then_a_rerun_spend_the_budget_exactly_and_measure_no_program_twice()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("TUNER_CRASH_SEED"), out var s) ? s : Random.Shared.Next(1_000_000);
        output.WriteLine($"seed {seed} (TUNER_CRASH_SEED={seed} replays these kill moments)");
        var rng = new Random(seed);
        for (int kill = 0; kill < 5; kill++)
        {
            var p = CliRunner.Start(TuneArgs());
            var owner = Path.Combine(Work, WorkDirLock.OwnerFile);
            for (var clock = Stopwatch.StartNew(); !(File.Exists(owner) && File.ReadAllText(owner).Contains($"pid {p.Id} ")); Thread.Sleep(20))
                if (clock.Elapsed > Patience || p.HasExited) Assert.Fail($"run {kill} ended before it took the lock: {p.StandardError.ReadToEnd()}");
            // A random moment once this run has granted its first batch: in its search, build, timing or journal writes.
            for (int before = Grants(); Grants() == before && !p.HasExited; Thread.Sleep(20)) { }
            int delayMs = rng.Next(0, 2500);
            Thread.Sleep(delayMs);
            bool ended = p.HasExited;
            p.Kill(); // SIGKILL
            p.WaitForExit();
            output.WriteLine($"kill {kill}: {delayMs} ms after a grant{(ended ? " (it had ended)" : "")}, {TuneChecks.TrialRecords(Work).Count} trial records");
        }

        var (code, _, err) = CliRunner.Finish(CliRunner.Start(TuneArgs()), Patience);
        Assert.True(code == 0, err);

        TuneChecks.SpentExactlyOnce(Work, Module, Assert.Single(JournalReader.Read(Work)), Budget);
    }
}
