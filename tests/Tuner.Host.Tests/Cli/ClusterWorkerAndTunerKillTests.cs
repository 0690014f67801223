using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Persistence;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// Issue 11's multi-process scenario, every node a real `tuner` process on loopback with a real PostgreSQL server:
/// two worker nodes (`tuner node --roles worker`, distinct host ids, so both measure at once) and one tuner node
/// (`tuner tune --cluster --postgres`). A worker is killed with SIGKILL while it measures (its own INFO log names the
/// item): the tuner node re-queues that lease once and the other worker measures the item. Later the tuner node is
/// killed with SIGKILL and the same `tune` command, started again on the same work_dir, resumes the session from the
/// PostgreSQL journal and finishes it. Then: trials == budget in the journal and in the record log, no program measured
/// twice, record log and journal agree record for record, the best record is the best journaled measurement.
/// </summary>
public sealed class ClusterWorkerAndTunerKillTests(ITestOutputHelper log) : TuneScratch
{
    private const int Budget = 16;
    private const int Seed = 3;

    // Each measurement takes at least 300 ms of timed runs (after its compile), so a kill aimed at a worker that has
    // just started one lands while it measures; the journal snapshots every 4 trials (the resume reads one).
    private string TuneConfig() => WriteConfig("tune.conf", "tuner.runner { number = 1, min-repeat-ms = 300, slow-cutoff-factor = 0 }\n" +
        "tuner.engine.snapshot-every = 4\nakka.loglevel = INFO\nakka.loggers = [\"Akka.Event.DefaultLogger\"]\n"); // Akka's log on the console, not logs/akka.log

    // INFO: a worker names each measurement it starts, the tuner node each lease it re-queues.
    private string WorkerConfig(string host) => WriteConfig($"{host}.conf", $"tuner.cluster.host-id = \"{host}\"\nakka.loglevel = INFO\n");

    private string WriteConfig(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, ClusterFailoverTests.FastDowning + text);
        return path;
    }

    private static int Trials(PrivatePostgres pg) => JournalReader.ReadPostgres(pg.ConnectionString).SingleOrDefault()?.Trials ?? 0;

    [PostgresFact]
    public async Task A_worker_killed_while_measuring_and_then_the_tuner_node_killed_still_spend_the_budget_once_per_program()
    {
        var clock = Stopwatch.StartNew();
        void Say(string m) => log.WriteLine($"{clock.Elapsed.TotalSeconds,5:F1} s: {m}");
        using var pg = new PrivatePostgres();
        Say($"PostgreSQL up on 127.0.0.1:{pg.Port}; search seed {Seed}, budget {Budget}");

        // Worker A is the first seed (the oldest node, kept by the split-brain resolver); B joins it.
        using var a = TunerChild.Start("worker A", "node", "--roles", "worker", "--config", WorkerConfig("host-a"));
        var seed = (await a.WaitFor(@"^node (akka\.tcp://\S+) ", "worker A starts")).Groups[1].Value;
        using var b = TunerChild.Start("worker B", "node", "--roles", "worker", "--seed-nodes", seed, "--config", WorkerConfig("host-b"));
        var bAddress = (await b.WaitFor(@"^node (akka\.tcp://\S+) ", "worker B starts", a)).Groups[1].Value;
        await a.WaitFor("^up$", "worker A is up", b);
        await b.WaitFor("^up$", "worker B is up", a);
        Say($"workers up: A {seed}, B {bAddress}");

        string[] tune = ["tune", Module, "--work-dir", Work, "--max-trials-global", $"{Budget}", "--num-trials-per-iter", "2", "--seed", $"{Seed}",
            "--config", TuneConfig(), "--strategy", "replay-trace", "--cluster", "--seed-nodes", seed, "--postgres", pg.ConnectionString];
        using var first = TunerChild.Start("tuner node 1", tune);

        // 1. SIGKILL to worker B as soon as it starts measuring an item.
        var measuring = await b.WaitFor(@"measuring item (\S+) under lease", "worker B starts a measurement", a, first);
        b.Kill();
        var workerKilled = Stopwatch.StartNew();
        var item = measuring.Groups[1].Value;
        int trialsAtWorkerKill = Trials(pg);
        Say($"worker B killed while measuring {item} ({trialsAtWorkerKill} trial(s) journaled)");

        // The tuner node finds B unreachable and re-queues its lease; worker A measures the item.
        await first.WaitFor($@"re-queued item\(s\) .*{Regex.Escape(item)}", "worker B's lease is re-queued", a, b);
        Say($"its lease re-queued {workerKilled.Elapsed.TotalSeconds:F1} s after the kill");
        await a.WaitFor($@"measuring item {Regex.Escape(item)} ", "worker A measures the re-queued item", first);
        // Killing the tuner node before the cluster has removed B would be two failures within the split-brain
        // resolver's stable-after, and it downs every node then (Akka's down-all-when-unstable): wait for the removal.
        await first.WaitFor($@"worker node {Regex.Escape(bAddress)} removed from the cluster", "worker B is removed from the cluster", a);
        Say($"worker B removed from the cluster {workerKilled.Elapsed.TotalSeconds:F1} s after the kill");
        await TunerChild.Eventually(() => Trials(pg) >= trialsAtWorkerKill + 2 || first.Process.HasExited,
            "two more trials measured after worker B's death", () => TunerChild.Describe([first, a]));

        // 2. SIGKILL to the tuner node mid-session; the same command on the same work_dir resumes it from the journal.
        Assert.False(first.Process.HasExited, "the session ended before the tuner node could be killed:\n" + TunerChild.Describe([first, a]));
        first.Kill();
        var tunerKilled = Stopwatch.StartNew();
        int trialsAtTunerKill = Trials(pg);
        Say($"tuner node 1 killed with {trialsAtTunerKill} trial(s) journaled");
        Assert.InRange(trialsAtTunerKill, trialsAtWorkerKill + 2, Budget - 1);

        using var second = TunerChild.Start("tuner node 2", tune);
        await second.WaitFor("resuming session", "tuner node 2 resumes the session", first, a);
        Say($"tuner node 2 resumed the session {tunerKilled.Elapsed.TotalSeconds:F1} s after the kill");
        Assert.True(await second.Exited(), "tuner node 2 did not finish:\n" + TunerChild.Describe([second, a]));
        Assert.True(second.Process.ExitCode == 0, $"exit {second.Process.ExitCode}\n{TunerChild.Describe([second, a])}");
        Say("tuner node 2 finished the session");

        var session = Assert.Single(JournalReader.ReadPostgres(pg.ConnectionString));
        TuneChecks.SpentExactlyOnce(Work, Module, session, Budget);
        Assert.Single(first.Lines, l => l.Contains("re-queued item(s)") && l.Contains(item)); // once
        var secondAddress = Regex.Match(second.Output, @"cluster: tuner node (\S+),").Groups[1].Value;
        Assert.Equal(secondAddress, session.Owner);
    }
}
