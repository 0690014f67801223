using Tuner.Actors.Cluster;

namespace Tuner.Actors.Tests.Cluster;

public class DispatcherStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly HostFingerprint Zen = new("AMD EPYC", ["avx2", "avx512f", "fma"], 2, "cc 12.2");
    private static readonly HostFingerprint Arm = new("implementer 0x41 part 0xd0c", ["asimd", "fp"], 4, "cc 12.2");

    private static DispatcherState NewState(int maxAttempts = 3) =>
        new(new DispatcherOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), maxAttempts));

    private static WorkItem Build(string id) => new(id, WorkKind.Build, "workload", "[[],[]]", "llvm", MeasureSettings.Default);

    private static WorkItem Measure(string id, string? fingerprint = null) =>
        new(id, WorkKind.Measure, "workload", "[[],[]]", "llvm", MeasureSettings.Default, fingerprint ?? Zen.Key);

    private readonly Dictionary<string, long> _epochs = [];

    private void Reg(DispatcherState s, string id, WorkerInfo info) => _epochs[id] = s.Register(id, info);

    private void Demand(DispatcherState s, string id, int slots) => s.AddDemand(id, slots, _epochs.GetValueOrDefault(id));

    private static WorkerInfo On(string host, HostFingerprint? fp = null, int capacity = 2) => new(host, fp ?? Zen, capacity);

    [Fact]
    public void Nothing_is_handed_out_to_a_worker_that_did_not_ask_for_work()
    {
        var s = NewState();
        Reg(s, "w1", On("h1"));
        s.Enqueue(Build("a"));
        Assert.Empty(s.Assign(T0));
        Demand(s, "w1", 1);
        var g = Assert.Single(s.Assign(T0));
        Assert.Equal(("w1", "a", T0.AddSeconds(10)), (g.WorkerId, g.Lease.Item.ItemId, g.Lease.Deadline));
        Assert.Equal(0, s.Status().Workers[0].Demand);
    }

    [Fact]
    public void Items_go_out_first_in_first_out_up_to_each_workers_demand_spread_over_workers()
    {
        var s = NewState();
        Reg(s, "w1", On("h1"));
        Reg(s, "w2", On("h2"));
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) s.Enqueue(Build(id));
        Demand(s, "w1", 2);
        Demand(s, "w2", 2);
        var grants = s.Assign(T0);
        Assert.Equal(["a", "b", "c", "d"], grants.Select(g => g.Lease.Item.ItemId));
        Assert.Equal(2, grants.Count(g => g.WorkerId == "w1"));
        Assert.Equal(1, s.Pending);
        Assert.Equal(4, s.InFlight);
    }

    [Fact]
    public void Enqueuing_an_id_that_is_queued_leased_or_done_changes_nothing()
    {
        var s = NewState();
        Reg(s, "w1", On("h1"));
        Assert.True(s.Enqueue(Build("a")));
        Assert.False(s.Enqueue(Build("a")));
        Demand(s, "w1", 1);
        var g = s.Assign(T0).Single();
        Assert.False(s.Enqueue(Build("a")));
        Assert.Equal(ResultOutcome.Accepted, s.Complete("w1", g.Lease.LeaseId, "a"));
        Assert.False(s.Enqueue(Build("a")));
        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void An_expired_lease_returns_its_item_to_the_front_of_the_queue_once()
    {
        var s = NewState();
        Reg(s, "w1", On("h1"));
        s.Enqueue(Build("a"));
        s.Enqueue(Build("b"));
        Demand(s, "w1", 1);
        s.Assign(T0);
        Assert.Equal(T0.AddSeconds(10), s.NextDeadline);
        Assert.Empty(s.ExpireLeases(T0.AddSeconds(9)).Requeued);
        Assert.Equal(["a"], s.ExpireLeases(T0.AddSeconds(10)).Requeued.Select(i => i.ItemId));
        Assert.Empty(s.ExpireLeases(T0.AddSeconds(60)).Requeued); // revoked once, not again
        Assert.Null(s.NextDeadline);
        Reg(s, "w2", On("h2"));
        Demand(s, "w2", 1);
        Assert.Equal("a", s.Assign(T0.AddSeconds(11)).Single().Lease.Item.ItemId);
        Assert.Equal(1, s.Status().Requeued);
    }

    [Fact]
    public void A_late_result_under_a_revoked_lease_is_dropped_and_the_new_leases_result_counts_once()
    {
        var s = NewState();
        Reg(s, "slow", On("h1"));
        Reg(s, "fast", On("h2"));
        s.Enqueue(Build("a"));
        Demand(s, "slow", 1);
        var old = s.Assign(T0).Single();
        s.ExpireLeases(T0.AddSeconds(10));
        Demand(s, "fast", 1);
        var fresh = s.Assign(T0.AddSeconds(10)).Single();
        Assert.Equal("fast", fresh.WorkerId);

        Assert.Equal(ResultOutcome.Stale, s.Complete("slow", old.Lease.LeaseId, "a"));
        Assert.Equal(ResultOutcome.Accepted, s.Complete("fast", fresh.Lease.LeaseId, "a"));
        Assert.Equal(ResultOutcome.Duplicate, s.Complete("fast", fresh.Lease.LeaseId, "a"));
        Assert.Equal(ResultOutcome.Duplicate, s.Complete("slow", old.Lease.LeaseId, "a"));
        var st = s.Status();
        Assert.Equal((1, 3, 0, 0), (st.Done, st.DroppedLate, st.Pending, st.InFlight));
        Assert.Equal([0, 1], st.Workers.Select(w => w.Completed));
    }

    [Fact]
    public void A_lost_workers_leases_are_requeued_once_and_it_gets_nothing_until_it_registers_again()
    {
        var s = NewState();
        Reg(s, "w1", On("h1", capacity: 3));
        foreach (var id in new[] { "a", "b", "c" }) s.Enqueue(Build(id));
        Demand(s, "w1", 3);
        var grants = s.Assign(T0);
        Demand(s, "w1", 1); // a request still in flight when it was lost

        Assert.Equal(["a", "b", "c"], s.WorkerLost("w1").Requeued.Select(i => i.ItemId));
        Assert.Empty(s.WorkerLost("w1").Requeued); // unreachable, then removed: still once
        Assert.Equal(WorkerState.Lost, s.Status().Workers.Single().State);
        Demand(s, "w1", 5);
        Assert.Empty(s.Assign(T0));
        Assert.Equal(3, s.Pending);

        Reg(s, "w1", On("h1", capacity: 3));
        Demand(s, "w1", 3);
        Assert.Equal(["a", "b", "c"], s.Assign(T0).Select(g => g.Lease.Item.ItemId));
        Assert.All(grants, g => Assert.Equal(ResultOutcome.Stale, s.Complete("w1", g.Lease.LeaseId, g.Lease.Item.ItemId)));
    }

    [Fact]
    public void A_forgotten_worker_leaves_the_status_and_an_unknown_workers_loss_changes_nothing()
    {
        var s = NewState();
        Reg(s, "w1", On("h1"));
        s.Enqueue(Build("a"));
        Demand(s, "w1", 1);
        s.Assign(T0);
        Assert.Single(s.WorkerLost("w1", forget: true).Requeued);
        Assert.Empty(s.Status().Workers);
        Assert.Same(Revoked.None, s.WorkerLost("nobody"));
    }

    [Fact]
    public void An_item_lost_max_attempts_times_is_abandoned_and_its_late_results_are_duplicates()
    {
        var s = NewState(maxAttempts: 2);
        Reg(s, "w1", On("h1"));
        s.Enqueue(Build("poison"));
        Demand(s, "w1", 1);
        var first = s.Assign(T0).Single();
        Assert.Single(s.WorkerLost("w1").Requeued);
        Reg(s, "w1", On("h1"));
        Demand(s, "w1", 1);
        s.Assign(T0);
        var lost = s.WorkerLost("w1");
        Assert.Empty(lost.Requeued);
        Assert.Equal("poison", lost.Abandoned.Single().ItemId);
        Assert.Equal(ResultOutcome.Duplicate, s.Complete("w1", first.Lease.LeaseId, "poison"));
        Assert.Equal((0, 1, 1), (s.Pending, s.Status().Abandoned, s.Status().Done));
    }

    [Fact]
    public void Measure_items_go_only_to_workers_with_the_required_fingerprint()
    {
        var s = NewState();
        Reg(s, "arm", On("h1", Arm, capacity: 4));
        Reg(s, "zen", On("h2", Zen, capacity: 4));
        s.Enqueue(Measure("m1"));
        s.Enqueue(Build("b1"));
        Demand(s, "arm", 4);
        var g = s.Assign(T0);
        Assert.Equal([("arm", "b1")], g.Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
        Assert.Equal(1, s.Pending);
        Demand(s, "zen", 1);
        var m = s.Assign(T0).Single();
        Assert.Equal(("zen", "m1", T0.AddSeconds(30)), (m.WorkerId, m.Lease.Item.ItemId, m.Lease.Deadline));
        Assert.Equal(WorkerState.Measuring, s.Status().Workers[1].State);
    }

    [Fact]
    public void A_measure_item_without_a_required_fingerprint_goes_to_any_worker()
    {
        var s = NewState();
        Reg(s, "arm", On("h1", Arm));
        s.Enqueue(new WorkItem("m", WorkKind.Measure, "w", "t", "llvm", MeasureSettings.Default));
        Demand(s, "arm", 1);
        Assert.Single(s.Assign(T0));
    }

    [Fact]
    public void A_host_measures_one_item_at_a_time_across_its_workers_and_builds_nothing_meanwhile()
    {
        var s = NewState();
        Reg(s, "w1", On("shared", capacity: 4));
        Reg(s, "w2", On("shared", capacity: 4));
        Reg(s, "other", On("h2", capacity: 4));
        s.Enqueue(Measure("m1"));
        s.Enqueue(Measure("m2"));
        s.Enqueue(Build("b1"));
        Demand(s, "w1", 4);
        Demand(s, "w2", 4);
        var g = s.Assign(T0);
        Assert.Equal([("w1", "m1")], g.Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
        Assert.Equal(WorkerState.Measuring, s.Status().Workers[0].State);

        Demand(s, "other", 1);
        Assert.Equal([("other", "m2")], s.Assign(T0).Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
        Assert.Equal(ResultOutcome.Accepted, s.Complete("w1", g[0].Lease.LeaseId, "m1"));
        // The host is free again: the build goes to its worker with the most demand left (w1 used one on m1).
        Assert.Equal([("w2", "b1")], s.Assign(T0).Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
    }

    [Fact]
    public void A_busy_host_drains_for_a_waiting_measure_item_while_other_hosts_keep_building()
    {
        var s = NewState();
        Reg(s, "w1", On("h1", capacity: 4));
        Reg(s, "w2", On("h2", Arm, capacity: 4));
        s.Enqueue(Build("b1"));
        Demand(s, "w1", 1);
        var building = s.Assign(T0).Single();
        s.Enqueue(Measure("m1"));
        s.Enqueue(Build("b2"));
        s.Enqueue(Build("b3"));
        Demand(s, "w1", 3);
        Demand(s, "w2", 1);
        // h1 could measure m1 once b1 is done: it gets no new builds; h2 (another fingerprint) builds b2.
        Assert.Equal([("w2", "b2")], s.Assign(T0).Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
        s.Complete("w1", building.Lease.LeaseId, "b1");
        Assert.Equal([("w1", "m1")], s.Assign(T0).Select(x => (x.WorkerId, x.Lease.Item.ItemId)));
        Assert.Equal(1, s.Pending);
    }

    [Fact]
    public void A_declined_lease_goes_back_to_the_front_without_counting_an_attempt()
    {
        var s = NewState(maxAttempts: 1);
        Reg(s, "w1", On("h1"));
        s.Enqueue(Build("a"));
        s.Enqueue(Build("b"));
        Demand(s, "w1", 2);
        var g = s.Assign(T0);
        Assert.True(s.Decline("w1", g[1].Lease.LeaseId));
        Assert.False(s.Decline("w1", g[1].Lease.LeaseId));
        Assert.Equal(1, s.Pending);
        Assert.Empty(s.Assign(T0)); // its demand was dropped with the decline
        Demand(s, "w1", 1);
        Assert.Equal("b", s.Assign(T0).Single().Lease.Item.ItemId);
        Assert.Equal(0, s.Status().Abandoned);
    }

    [Fact]
    public void A_request_of_an_earlier_registration_is_ignored_so_registering_twice_never_doubles_the_credit()
    {
        var s = NewState();
        long first = s.Register("w1", On("h1"));
        long second = s.Register("w1", On("h1")); // the worker re-sent its registration before the first answer
        s.AddDemand("w1", 1, first);
        s.AddDemand("w1", 1, second);
        foreach (var id in new[] { "a", "b" }) s.Enqueue(Build(id));
        Assert.Single(s.Assign(T0));
        Assert.True(second > first);
    }
}
