using System.Diagnostics;
using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Trace = Tuner.Ir.Schedule.Trace;
using Tuner.Ir.Script;
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
            output.WriteLine($"kill {kill}: {delayMs} ms after a grant{(ended ? " (it had ended)" : "")}, {TrialRecords().Count} trial records");
        }

        var (code, _, err) = CliRunner.Finish(CliRunner.Start(TuneArgs()), Patience);
        Assert.True(code == 0, err);

        var records = TrialRecords();
        Assert.Equal(Budget, records.Count);
        Assert.Equal(Budget, records.Select(r => TvmJson.Write(r.Trace)).Distinct().Count());
        var workload = Workload.FromFunc(TvmScript.ParseFunc(File.ReadAllText(Module))).Func;
        var programs = records.Select(r =>
        {
            var sch = new Schedule(workload, 1);
            Trace.FromJson(r.Trace.ToJsonString()).ApplyTo(sch);
            return StructuralHash.Hash(sch.Func);
        });
        Assert.Equal(Budget, programs.Distinct().Count());

        var session = Assert.Single(JournalReader.Read(Work));
        Assert.Equal((Budget, 0, true), (session.Trials, session.Pending, session.Completed));
        var journaled = session.Measured.Where(m => !m.Baseline).ToList();
        Assert.Equal(journaled.Select(m => TvmJson.Write(JsonNode.Parse(m.Trace)!)).Order(), records.Select(r => TvmJson.Write(r.Trace)).Order());
        double bestJournaled = journaled.Where(m => m.Valid).Min(m => m.RunSecs!.Average());
        Assert.Equal(bestJournaled, records.Where(r => r.IsValid).Min(r => r.MeanRunSecs), 12);
    }

    private List<TuningRecord> TrialRecords()
    {
        try { return JsonDatabase.OpenReadOnly(Work, _ => { }).Records.Select(r => r.Record).Where(r => !r.IsUntuned).ToList(); }
        catch (Exception e) when (e is IOException or InvalidDataException) { return []; }
    }
}
