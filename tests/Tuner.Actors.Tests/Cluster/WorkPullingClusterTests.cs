using System.Collections.Concurrent;
using Akka.Actor;
using Tuner.Actors.Cluster;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Actors.Tests.Cluster;

/// <summary>
/// The work-pulling protocol between three real actor systems clustered over loopback: a tuner node with the
/// dispatcher and two worker nodes. Each test forms its own cluster (≈ 2–3 s) and waits for states, never for a
/// fixed time, so a loaded machine only makes it slower.
/// </summary>
public class WorkPullingClusterTests
{
    private static readonly HostFingerprint Other = new("implementer 0x41 part 0xd0c", ["asimd", "fp"], 4, "cc 12.2");

    private static WorkItem Item(string id, WorkKind kind = WorkKind.Build, string? fingerprint = null) =>
        new(id, kind, "workload", "[[],[]]", "llvm -num-cores 1", MeasureSettings.Default, fingerprint);


    private static Task AwaitRegistered(Akka.Actor.IActorRef dispatcher, int workers, int demandEach) =>
        ClusterNodes.Eventually(() =>
        {
            var s = ClusterNodes.StatusOf(dispatcher).Result;
            return s.Workers.Count == workers && s.Workers.All(w => w.Demand == demandEach);
        }, $"{workers} workers registered with demand {demandEach}");

    [Fact]
    public async Task An_idle_tuner_node_holding_a_workers_slots_does_not_starve_a_tuner_node_that_joins_later()
    {
        // A tuner node standing by for a session (clustered failover) never hands out work, yet a worker's credit
        // cannot be taken back from it: the worker still asks the later tuner node for a slot.
        await using var nodes = new ClusterNodes();
        var (_, idle, _) = nodes.StartTuner(new DispatcherOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        nodes.StartWorker(new WorkerInfo("one-host", HostFingerprint.Local, 2),
            new DelayExecutor("one-host", HostFingerprint.Local, TimeSpan.FromMilliseconds(50)));
        await nodes.AwaitUp(2);
        await AwaitRegistered(idle, 1, 2); // the idle dispatcher holds both slots
        var (_, busy, collector) = nodes.StartTuner(new DispatcherOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        await nodes.AwaitUp(3);

        busy.Tell(new SubmitWork([Item("a"), Item("b"), Item("c")]), collector.Ref);

        await ClusterNodes.Eventually(() => collector.Results.Count == 3, "3 results from the later tuner node's worker");
        Assert.Equal(["a", "b", "c"], collector.Results.Select(r => r.Item.ItemId).Order());
        Assert.Equal(0, (await ClusterNodes.StatusOf(idle)).InFlight);
    }

    [Fact]
    public async Task An_expired_lease_goes_to_another_worker_and_the_slow_workers_late_result_is_dropped()
    {
        await using var nodes = new ClusterNodes();
        // Leases of 3 s: a fast item (0.1 s) keeps a wide margin even on a loaded 2-core machine (at 1.5 s, a first
        // lease of the fast worker once expired under CI load); the slow worker's items (6 s) always outlive theirs.
        var (_, dispatcher, collector) = nodes.StartTuner(new DispatcherOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)));
        var slow = new DelayExecutor("slow-host", HostFingerprint.Local, TimeSpan.FromSeconds(6));
        nodes.StartWorker(new WorkerInfo("slow-host", HostFingerprint.Local, 2), slow);
        nodes.StartWorker(new WorkerInfo("fast-host", HostFingerprint.Local, 2),
            new DelayExecutor("fast-host", HostFingerprint.Local, TimeSpan.FromMilliseconds(100)));
        await nodes.AwaitUp(3);
        await AwaitRegistered(dispatcher, 2, 2);

        dispatcher.Tell(new SubmitWork([Item("a"), Item("b"), Item("c"), Item("d")]), collector.Ref);

        await ClusterNodes.Eventually(() => collector.Results.Count == 4, "4 results");
        await ClusterNodes.Eventually(() => slow.Started == 2 && ClusterNodes.StatusOf(dispatcher).Result.DroppedLate == 2,
            "the slow worker's 2 late results dropped");
        var status = await ClusterNodes.StatusOf(dispatcher);
        Assert.Equal(4, collector.Results.Count); // nothing counted twice, even after the late results came in
        Assert.Equal(["a", "b", "c", "d"], collector.Results.Select(r => r.Item.ItemId).Order());
        Assert.All(collector.Results, r => Assert.Equal("fast-host", r.Result.HostId));
        Assert.Equal((4, 2, 0, 0), (status.Done, status.Requeued, status.Pending, status.InFlight));
    }

    [Fact]
    public async Task Measure_items_wait_for_a_matching_worker_that_joins_mid_session_and_are_built_and_timed_there()
    {
        await using var nodes = new ClusterNodes();
        var (_, dispatcher, collector) = nodes.StartTuner(DispatcherOptions.Default);
        nodes.StartWorker(new WorkerInfo("arm-host", Other, 2), new LocalWorkExecutor("arm-host", Other));
        await nodes.AwaitUp(2);
        await AwaitRegistered(dispatcher, 1, 2);

        // A real workload and trace (j split by 4), built with gcc and timed by the runner on the worker.
        var workload = Matmul.Naive(16, 16, 8);
        var sch = new TracedSchedule(workload, 1);
        var loops = sch.GetLoops(sch.GetBlock("matmul"));
        sch.Split(loops[1], [null, 4L]);
        var settings = new MeasureSettings(Number: 1, Repeat: 2, MinRepeatMs: 0);
        WorkItem Real(string id, WorkKind kind, string? fp) =>
            new(id, kind, TvmScript.Print(workload), sch.Trace.ToJson(), "llvm -num-cores 1", settings, fp);
        var local = HostFingerprint.Local;
        dispatcher.Tell(new SubmitWork([Real("m1", WorkKind.Measure, local.Key), Real("b1", WorkKind.Build, null),
            Real("m2", WorkKind.Measure, local.Key), Real("b2", WorkKind.Build, null)]), collector.Ref);

        await ClusterNodes.Eventually(() => collector.Results.Count == 2, "the two builds on the other-fingerprint worker");
        Assert.All(collector.Results, r => Assert.True(r.Result.Ok && r.Item.Kind == WorkKind.Build && r.Result.HostId == "arm-host", r.Result.Error));
        var waiting = await ClusterNodes.StatusOf(dispatcher);
        Assert.Equal((2, 0), (waiting.Pending, waiting.InFlight)); // no worker with the session's fingerprint yet

        nodes.StartWorker(new WorkerInfo("this-host", local, 1), new LocalWorkExecutor("this-host", local));
        await ClusterNodes.Eventually(() => collector.Results.Count == 4, "the measurements on the worker that joined");
        var measured = collector.Results.Where(r => r.Item.Kind == WorkKind.Measure).ToArray();
        Assert.Equal(["m1", "m2"], measured.Select(r => r.Item.ItemId).Order());
        Assert.All(measured, r =>
        {
            Assert.True(r.Result.Ok && r.Result.Verified, r.Result.Error);
            Assert.Equal(("this-host", local.Key), (r.Result.HostId, r.Result.FingerprintKey));
            Assert.Equal(2, r.Result.RunSecs!.Count);
            Assert.All(r.Result.RunSecs!, s => Assert.InRange(s, 1e-9, 1.0));
        });
    }

    [Fact]
    public async Task A_worker_whose_last_tuner_node_leaves_keeps_running_without_an_error_and_serves_the_next_tuner_node()
    {
        await using var nodes = new ClusterNodes();
        var worker = nodes.StartWorker(new WorkerInfo("one-host", HostFingerprint.Local, 2),
            new DelayExecutor("one-host", HostFingerprint.Local, TimeSpan.FromMilliseconds(50)));
        var errors = new ConcurrentQueue<string>();
        worker.EventStream.Subscribe(worker.ActorOf(Props.Create(() => new ErrorSink(errors))), typeof(Akka.Event.Error));
        var (first, idle, _) = nodes.StartTuner(DispatcherOptions.Default);
        await nodes.AwaitUp(2);
        await AwaitRegistered(idle, 1, 2);

        var leaving = Akka.Cluster.Cluster.Get(first);
        leaving.Leave(leaving.SelfAddress); // the worker loses its only dispatcher (once, this crashed its actor)
        var view = Akka.Cluster.Cluster.Get(worker);
        await ClusterNodes.Eventually(() => view.State.Members.Count == 1, "the tuner node removed");
        var (_, dispatcher, collector) = nodes.StartTuner(DispatcherOptions.Default);
        await AwaitRegistered(dispatcher, 1, 2);
        dispatcher.Tell(new SubmitWork([Item("a")]), collector.Ref);

        await ClusterNodes.Eventually(() => collector.Results.Count == 1, "the item done by the worker");
        Assert.Empty(errors);
    }

    private sealed class ErrorSink : ReceiveActor
    {
        // The worker actor's own errors (remoting logs the leaving node's disassociation as an error too).
        public ErrorSink(ConcurrentQueue<string> into) =>
            Receive<Akka.Event.Error>(e => e.LogSource.Contains(ClusterWorker.Name), e => into.Enqueue($"{e.Message} {e.Cause}"));
    }

    [Fact]
    public async Task A_terminated_workers_leases_return_to_the_queue_once_and_finish_on_the_other_worker()
    {
        await using var nodes = new ClusterNodes();
        var (_, dispatcher, collector) = nodes.StartTuner(new DispatcherOptions(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        var hung = new DelayExecutor("doomed-host", HostFingerprint.Local, TimeSpan.FromMinutes(5));
        var doomed = nodes.StartWorker(new WorkerInfo("doomed-host", HostFingerprint.Local, 3), hung);
        nodes.StartWorker(new WorkerInfo("healthy-host", HostFingerprint.Local, 1),
            new DelayExecutor("healthy-host", HostFingerprint.Local, TimeSpan.FromMilliseconds(50)));
        await nodes.AwaitUp(3);
        await ClusterNodes.Eventually(() => ClusterNodes.StatusOf(dispatcher).Result.Workers.Count == 2, "2 workers registered");

        dispatcher.Tell(new SubmitWork(Enumerable.Range(0, 6).Select(i => Item($"i{i}")).ToArray()), collector.Ref);
        await ClusterNodes.Eventually(() => hung.Started == 3, "the doomed worker holds 3 leases");
        await doomed.Terminate();

        await ClusterNodes.Eventually(() => collector.Results.Count == 6, "all 6 items done");
        Assert.Equal(6, collector.Results.Select(r => r.Item.ItemId).Distinct().Count());
        Assert.All(collector.Results, r => Assert.Equal("healthy-host", r.Result.HostId));
        var status = await ClusterNodes.StatusOf(dispatcher);
        Assert.Equal((6, 3, 0), (status.Done, status.Requeued, status.Abandoned));
        Assert.DoesNotContain(status.Workers, w => w.Info.HostId == "doomed-host"); // removed with its node
    }
}
