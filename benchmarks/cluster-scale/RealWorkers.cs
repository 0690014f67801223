using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Tuner.Actors.Cluster;

/// <summary>
/// `ClusterScale real WORK_DIR [--items N]` (issue 11 figures; not CI): this process is a tuner node (dispatcher) and
/// submits measure items made of a real work_dir's workloads and traces; real `tuner node --roles worker` processes,
/// each pinned to one core (taskset) and given its own host id, build, run and verify them.
/// 1. throughput: the same N items with 1 and then 2 worker processes (items/min, wall);
/// 2. a worker's death: with 2 workers busy, the one holding a lease is killed with SIGKILL; printed is the time until
///    the dispatcher re-queued its lease (unreachable after the failure detector's pause) and until the item was done
///    by the other worker.
/// </summary>
static class RealWorkers
{
    public static async Task<int> Run(string[] args)
    {
        string work = args[0];
        int n = args.Length > 2 && args[1] == "--items" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 48;
        var items = Items(work).Take(n).ToArray();
        if (items.Length == 0) { Console.Error.WriteLine($"{work}: no records to measure"); return 2; }
        Console.WriteLine($"host: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg")[..14]}; {items.Length} measure items from {work}");
        await using var tuner = ClusterNode.Start(new NodeOptions([ClusterWorker.TunerRole], [], "127.0.0.1", 0,
            "akka.loglevel = OFF")); // the killed worker's disassociation errors are expected here
        await tuner.WhenUp(TimeSpan.FromSeconds(30));
        var session = tuner.System.ActorOf(Props.Create(() => new Collector()), "bench-session");

        foreach (int workers in new[] { 1, 2 })
        {
            var procs = Enumerable.Range(0, workers).Select(i => StartWorker(tuner, i)).ToList();
            await Until(tuner, s => s.Workers.Count(w => w.State != WorkerState.Lost) == workers, TimeSpan.FromSeconds(60));
            var batch = items.Select(x => x with { ItemId = $"w{workers}/{x.ItemId}" }).ToArray();
            var clock = Stopwatch.StartNew();
            var done = await session.Ask<int>(new Collector.Submit(tuner.Dispatcher!, batch), TimeSpan.FromMinutes(30));
            double secs = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"{workers} worker process(es): {done} items ok of {batch.Length} in {secs:F1} s = {batch.Length * 60 / secs:F1} items/min");
            if (workers == 2) await Death(tuner, session, items, procs);
            foreach (var p in procs) Stop(p);
            await Until(tuner, s => s.Workers.All(w => w.State == WorkerState.Lost) || s.Workers.Count == 0, TimeSpan.FromSeconds(60));
        }
        return 0;
    }

    private static async Task Death(ClusterNode tuner, IActorRef session, WorkItem[] items, List<Process> procs)
    {
        var batch = items.Take(8).Select(x => x with { ItemId = $"death/{x.ItemId}" }).ToArray();
        var all = session.Ask<int>(new Collector.Submit(tuner.Dispatcher!, batch), TimeSpan.FromMinutes(10));
        var before = await Until(tuner, s => s.Workers.Any(w => w.State == WorkerState.Measuring), TimeSpan.FromSeconds(60));
        // Both workers' host ids are known: kill the process of the one measuring now.
        var victim = before.Workers.First(w => w.State == WorkerState.Measuring).Info.HostId;
        var proc = procs[int.Parse(victim[^1..], CultureInfo.InvariantCulture)];
        var clock = Stopwatch.StartNew();
        Process.Start("kill", ["-KILL", proc.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await Until(tuner, s => s.Requeued > before.Requeued, TimeSpan.FromSeconds(120), poll: 20);
        double requeued = clock.Elapsed.TotalSeconds;
        int ok = await all;
        Console.WriteLine($"worker {victim} killed with SIGKILL while measuring: its lease re-queued after {requeued:F2} s; " +
            $"all {batch.Length} items done ({ok} ok) {clock.Elapsed.TotalSeconds:F1} s after the kill");
    }

    private static Process StartWorker(ClusterNode tuner, int core)
    {
        string config = Path.Combine(Path.GetTempPath(), $"tuner-bench-worker{core}.conf");
        File.WriteAllText(config, $"tuner.cluster {{ host-id = \"bench-worker{core}\"\n capacity = 1 }}\n");
        var psi = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
                 {
                     "-c", core.ToString(CultureInfo.InvariantCulture), "dotnet", Path.Combine(AppContext.BaseDirectory, "tuner.dll"), "node",
                     "--roles", "worker", "--seed-nodes", tuner.Address.ToString(), "--config", config,
                 })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private static void Stop(Process p)
    {
        if (p.HasExited) return;
        Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        if (!p.WaitForExit(30_000)) p.Kill(entireProcessTree: true);
    }

    private static async Task<DispatcherStatus> Until(ClusterNode node, Func<DispatcherStatus, bool> ok, TimeSpan timeout, int poll = 200)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var s = await node.Dispatcher!.Ask<DispatcherStatus>(GetDispatcherStatus.Instance, TimeSpan.FromSeconds(10));
            if (ok(s)) return s;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the dispatcher did not reach the expected state");
            await Task.Delay(poll);
        }
    }

    /// <summary>Measure items from a work_dir: every valid record's trace on its workload (database_workload.json).</summary>
    private static IEnumerable<WorkItem> Items(string work)
    {
        var workloads = File.ReadLines(Path.Combine(work, "database_workload.json"))
            .Select(l => { using var d = JsonDocument.Parse(l); return d.RootElement[1].GetString()!; }).ToArray();
        int k = 0;
        foreach (var line in File.ReadLines(Path.Combine(work, "database_tuning_record.json")))
        {
            using var d = JsonDocument.Parse(line);
            var rec = d.RootElement[1];
            var trace = rec[0].GetRawText();
            if (rec[1].ValueKind != JsonValueKind.Array || rec[1].GetArrayLength() == 0 || trace == "[[],[]]") continue;
            yield return new WorkItem($"item{k++}", WorkKind.Measure, workloads[d.RootElement[0].GetInt32()], trace,
                "llvm -num-cores 1", MeasureSettings.Default);
        // No required fingerprint: a worker pinned to one core reports 1 core, the tuner node 2.
        }
    }

    /// <summary>Submits items to the dispatcher and answers the asker with the number done without error once all are back.</summary>
    private sealed class Collector : ReceiveActor
    {
        public sealed record Submit(IActorRef Dispatcher, IReadOnlyList<WorkItem> Items);

        private IActorRef? _asker;
        private int _left, _ok;

        public Collector()
        {
            Receive<Submit>(m =>
            {
                (_asker, _left, _ok) = (Sender, m.Items.Count, 0);
                m.Dispatcher.Tell(new SubmitWork(m.Items));
            });
            Receive<WorkCompleted>(m =>
            {
                if (m.Result.Ok) _ok++;
                if (--_left == 0) _asker?.Tell(_ok);
            });
        }
    }
}
