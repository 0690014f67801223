using Tuner.Host.Report;

namespace Tuner.Host.Tests.Report;

/// <summary>
/// The log reader on logs written by hand in the documented format (docs/work_dir.md): two sessions, a task whose
/// search picks are logged, and failures of two kinds.
/// </summary>
public sealed class LogTimelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tuner-logs").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private void Write(string file, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "logs"));
        File.WriteAllLines(Path.Combine(_dir, "logs", file), lines);
    }

    [Fact]
    public void Batches_get_session_time_without_the_gap_between_sessions_their_search_share_from_the_picks_and_build_and_run_from_the_step_lines()
    {
        Write("task_scheduler.log",
            "2026-12-05 07:00:00.000 tuning 1 tasks (mm) for target 'llvm -num-cores 2': 16 trials (per task at most 16, 8 per round)",
            "2026-12-05 07:00:10.000 [task #0 mm] measured 8",
            "2026-12-05 07:00:10.000   0 |      mm |  65536 |      1 |  1.0 |  65.5 |  90.0 |  65.5 |      8 |      ",
            "2026-12-05 07:00:11.000 Tuning done: 8 trials measured this run, 8 in total; failed candidates this run: none; wall 11.0 s = search 4.0 s + cost model 0.5 s + build 3.0 s + run 2.0 s + other",
            "2026-12-05 09:00:00.000 tuning 1 tasks (mm) for target 'llvm -num-cores 2': 16 trials (per task at most 16, 8 per round)",
            "2026-12-05 09:00:20.000 [task #0 mm] measured 8",
            "2026-12-05 09:00:20.000   0 |      mm |  65536 |      1 |  1.0 |  65.5 |  90.0 |  65.5 |     16 |    Y ");
        Write("task_0_mm.log",
            "2026-12-05 07:00:00.001 workload #3, weight 2, 65536 FLOP; resumed with 0 record(s)",
            "2026-12-05 07:00:04.000 population 512, 4 generations: 10 mutated; picked 8",
            "2026-12-05 07:00:07.000 built 8 in 3.000 s",
            "2026-12-05 07:00:09.000 candidate failed (build): kernel.c:3: error: expected ';'",
            "2026-12-05 07:00:09.000 kernel.c:3: note: a continuation line of the compiler's message",
            "2026-12-05 07:00:09.500 candidate failed (timeout): timeout after 10 s",
            "2026-12-05 07:00:09.500 ran 8 in 2.250 s",
            "2026-12-05 07:00:10.000 measured 8: best 65.50 us, 6 valid, 2 failed so far");
        var t = LogTimeline.Read(_dir);
        Assert.Equal(2, t.Sessions.Count);
        Assert.Equal(11.0, t.Sessions[0].Split!.Wall);
        Assert.Null(t.Sessions[1].Split); // the second session was cut off before its summary
        Assert.Equal([10.0, 11.0 + 20.0], t.Batches.Select(b => b.Elapsed));
        Assert.Equal(4.0, t.Batches[0].Search);
        Assert.Null(t.Batches[1].Search);
        Assert.Equal((3.0, 2.25), (t.Batches[0].Build!.Value, t.Batches[0].Run!.Value));
        Assert.Null(t.Batches[1].Build); // no step lines in the second session's interval
        var task = t.Tasks[0];
        Assert.Equal((3, 2), (task.Workload!.Value, task.Weight!.Value));
        Assert.True(task.Done);
        Assert.Equal(["build: kernel.c:3: error: expected ';'", "timeout: timeout after 10 s"], task.Failures.Select(f => $"{f.Kind}: {f.Reason}"));
    }

    [Fact]
    public void A_work_dir_without_logs_has_no_times()
    {
        var t = LogTimeline.Read(_dir);
        Assert.False(t.HasTimes);
        Assert.Empty(t.Batches);
    }

    [Fact]
    public void Failures_the_logs_do_not_explain_are_counted_as_unknown()
    {
        var task = new TaskData(0, 0, "mm", "llvm", 100, 1, null,
            [new Trial(1, null, null), new Trial(2, null, null), new Trial(3, 1e-6, null)],
            [new LogFailure("run", "signal 11")], null, null, null, 0);
        Assert.Equal([("unknown", 1), ("run", 1)], ReportHtml.FailureKinds(task).OrderBy(k => k.Kind).Reverse().ToList());
        Assert.Equal(1e-6, task.DeliveredSecs);
    }
}
