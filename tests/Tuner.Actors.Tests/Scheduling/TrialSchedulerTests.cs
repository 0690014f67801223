using Tuner.Actors.Scheduling;

namespace Tuner.Actors.Tests.Scheduling;

public sealed class TaskSchedulerTests
{
    [Fact]
    public void Grants_never_exceed_the_global_budget_even_when_it_is_not_a_multiple_of_the_batch()
    {
        var s = new TrialScheduler([("a", 1), ("b", 1), ("c", 1)], maxTrialsGlobal: 150, maxTrialsPerTask: 150);
        int total = 0;
        while (s.Next() is { } g)
        {
            Assert.True(g.Trials is > 0 and <= 64);
            total += g.Trials;
            s.Report(g.Task, g.Trials, 1.0 / (total + 1));
        }
        Assert.Equal(150, total);
        Assert.Equal(150, s.TotalTrials);
    }

    [Fact]
    public void The_per_task_cap_ends_a_task_and_leaves_the_rest_of_the_budget_to_others()
    {
        var s = new TrialScheduler([("a", 1), ("b", 1)], maxTrialsGlobal: 1000, maxTrialsPerTask: 100, numTrialsPerIter: 64);
        while (s.Next() is { } g) s.Report(g.Task, g.Trials, 1.0);
        Assert.Equal(100, s.Standing(0).Trials);
        Assert.Equal(100, s.Standing(1).Trials);
        Assert.True(s.Standing(0).Done && s.Standing(1).Done);
    }

    [Fact]
    public void Gradient_based_first_visits_every_task_then_favours_the_heavier_slower_one()
    {
        var s = new TrialScheduler([("light", 1), ("heavy", 10)], maxTrialsGlobal: 64 * 6, maxTrialsPerTask: 10_000);
        var picks = new List<int>();
        while (s.Next() is { } g)
        {
            picks.Add(g.Task);
            s.Report(g.Task, g.Trials, g.Task == 0 ? 1e-3 : 2e-3); // flat latencies: gradient ∝ weight · latency / rounds
        }
        Assert.Equal([0, 1], picks.Take(2));
        Assert.True(picks.Skip(2).Count(p => p == 1) > picks.Skip(2).Count(p => p == 0), string.Join(",", picks));
    }

    [Fact]
    public void Round_robin_cycles_over_open_tasks()
    {
        var s = new TrialScheduler([("a", 1), ("b", 1), ("c", 1)], 64 * 6, 10_000, kind: TrialSchedulerKind.RoundRobin);
        var picks = new List<int>();
        while (s.Next() is { } g) { picks.Add(g.Task); s.Report(g.Task, g.Trials, 1); }
        Assert.Equal([0, 1, 2, 0, 1, 2], picks);
    }

    [Fact]
    public void An_exhausted_search_space_marks_the_task_done()
    {
        var s = new TrialScheduler([("a", 1)], 1000, 1000);
        var g = s.Next()!.Value;
        s.Report(g.Task, 10, 1, exhausted: true);
        Assert.Null(s.Next());
    }

    [Fact]
    public void Reporting_more_trials_than_granted_is_an_error()
    {
        var s = new TrialScheduler([("a", 1)], 1000, 1000);
        var g = s.Next()!.Value;
        Assert.Throws<InvalidOperationException>(() => s.Report(g.Task, g.Trials + 1, 1));
    }
}
