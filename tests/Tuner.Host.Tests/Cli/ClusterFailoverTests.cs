using System.Diagnostics;
using Npgsql;
using Xunit.Abstractions;
using Tuner.Actors.Cluster;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Persistence;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// Failover of a clustered session on the shared PostgreSQL journal (issue 11, item 3), with real processes: a worker
/// node (in this process, the oldest) and two tuner nodes, child processes running the same `tuner tune --cluster
/// --postgres` command with their own work_dirs: the older one owns the session, the other stands by. The owner is
/// killed with SIGKILL mid-session; the standby resumes the session from the journal and finishes it: trials ==
/// budget, no program measured twice, every journaled result is a line of the standby's record log.
/// </summary>
public class ClusterFailoverTests(ITestOutputHelper log) : TuneScratch
{
    private const int Budget = 8;

    // The split-brain resolver decides after 3 s of stable membership here (7 s in hocon/cluster.conf), and the
    // singleton waits 1 s after a node's removal instead of as long again (safe here: the node is dead): a shorter test.
    internal const string FastDowning = "akka.cluster.split-brain-resolver.stable-after = 3s\nakka.cluster.down-removal-margin = 1s\n";

    [PostgresFact]
    public Task A_session_whose_tuner_node_is_killed_is_finished_by_the_standby_tuner_node_from_the_journal() => Failover(interrupt: false);

    /// <summary>Ctrl-C on the owner: it stops after its step in flight (exit 130) and leaves the cluster, so the
    /// standby takes the session over without waiting for the split-brain resolver, and finishes it.</summary>
    [PostgresFact]
    public Task A_session_whose_tuner_node_gets_Ctrl_C_is_finished_by_the_standby_tuner_node() => Failover(interrupt: true);

    private async Task Failover(bool interrupt)
    {
        var clock = Stopwatch.StartNew();
        using var pg = new PrivatePostgres();
        log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: PostgreSQL up");
        await using var worker = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [], "127.0.0.1", 0,
            FastDowning + "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await worker.WhenUp(TimeSpan.FromSeconds(60)));
        var config = Path.Combine(Dir, "failover.conf");
        // A snapshot every 3 measured candidates: the standby recovers from a snapshot in PostgreSQL and the events after it.
        File.WriteAllText(config, File.ReadAllText(Config) + FastDowning + "tuner.engine.snapshot-every = 3\n");
        string[] Tune(string work) => ["tune", Module, "--work-dir", work, "--max-trials-global", Budget.ToString(), "--num-trials-per-iter", "2",
            "--config", config, "--strategy", "replay-trace", "--quiet", "--cluster", "--seed-nodes", worker.Address.ToString(), "--postgres", pg.ConnectionString];

        // Both tuner nodes start at once; the older one (whichever joined first) owns the session, the other stands by.
        string[] work = [Path.Combine(Dir, "a"), Path.Combine(Dir, "b")];
        using var a = TunerChild.Start("tuner node A", Tune(work[0]));
        using var b = TunerChild.Start("tuner node B", Tune(work[1]));
        TunerChild[] nodes = [a, b];
        string Both() => TunerChild.Describe(nodes);
        await TunerChild.Eventually(() => AkkaCluster.Get(worker.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 3
            && work.Any(w => TunerChild.RecordLines(w) >= 5), "both tuner nodes are up and one measured four trials", Both);
        int owner = TunerChild.RecordLines(work[0]) >= 5 ? 0 : 1, standby = 1 - owner;
        Assert.Equal(0, TunerChild.RecordLines(work[standby])); // the session runs on one node only
        Assert.False(nodes[owner].Process.HasExited, "the owner finished before it could be killed:\n" + Both());
        // The snapshot is saved a moment after the events it covers.
        await TunerChild.Eventually(() => SnapshotCount(pg).Result > 0, "the owner saved a snapshot before it is stopped", Both);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: both up, the owner {(interrupt ? "interrupted (SIGINT)" : "killed (SIGKILL)")} " +
            $"with {TunerChild.RecordLines(work[owner])} record(s)");
        // SIGINT: it stops after its step and leaves, and the singleton moves at once. SIGKILL: no leaving, no handover;
        // the cluster downs it and the standby's singleton manager takes the session.
        if (interrupt) nodes[owner].Signal("INT");
        else nodes[owner].Kill();
        var killed = Stopwatch.StartNew();
        await nodes[standby].WaitFor("resuming session", "the standby resumed the session", nodes[owner]);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the standby resumed the session {killed.Elapsed.TotalSeconds:F1} s after the signal");
        if (interrupt)
        {
            Assert.True(await nodes[owner].Exited(), "the interrupted owner did not exit:\n" + Both());
            Assert.True(nodes[owner].Process.ExitCode == 130, $"exit {nodes[owner].Process.ExitCode}\n{Both()}");
        }
        Assert.True(await nodes[standby].Exited(), "the standby did not finish:\n" + Both());
        log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the standby finished");
        Assert.True(nodes[standby].Process.ExitCode == 0, $"exit {nodes[standby].Process.ExitCode}\n{Both()}");

        var (measured, hashes, owners) = await Journal(pg);
        Assert.Equal(Budget, measured.Count(m => !m.Baseline));
        Assert.Equal(measured.Count, measured.Select(m => m.Id == 0 ? "baseline" : hashes[m.Id]).Distinct().Count()); // nothing twice
        Assert.Equal(measured.Count, TunerChild.RecordLines(work[standby])); // every journaled result is a record there, repaired from the journal
        TuneChecks.SpentExactlyOnce(work[standby], Module, Assert.Single(JournalReader.ReadPostgres(pg.ConnectionString)), Budget);
        Assert.True(owners.Distinct().Count() >= 2, "each tuner node journals itself as the owner when it starts the session: " + string.Join(", ", owners));

        // `tuner sessions --postgres` shows the session done, owned by the standby that finished it.
        var standbyAddress = System.Text.RegularExpressions.Regex.Match(nodes[standby].Output, @"cluster: tuner node (\S+),").Groups[1].Value;
        var (listed, sessions, listErr) = CliRunner.Run("sessions", "--postgres", pg.ConnectionString);
        Assert.True(listed == 0, listErr);
        var line = Assert.Single(sessions.Split('\n'), l => l.StartsWith("session-"));
        Assert.Matches($@"\s+done\s+{Budget}/{Budget}\s+0\s+.*\s+mm \(budget spent\)\s+{System.Text.RegularExpressions.Regex.Escape(standbyAddress)}$", line.TrimEnd());
    }

    /// <summary>The session's events in the PostgreSQL journal: the measured candidates, each candidate's structural hash, the owners.</summary>
    private static async Task<(List<CandidateMeasured>, Dictionary<long, string>, List<string>)> Journal(PrivatePostgres pg)
    {
        var (measured, hashes, owners) = (new List<CandidateMeasured>(), new Dictionary<long, string>(), new List<string>());
        await using var c = new NpgsqlConnection(pg.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT manifest, message FROM journal WHERE NOT deleted ORDER BY persistence_id, sequence_number", c);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            switch (EventSerializer.Deserialize((byte[])r[1], r.GetString(0)))
            {
                case CandidateMeasured m: measured.Add(m); break;
                case CandidatesProposed p: foreach (var x in p.Candidates) hashes[x.Id] = x.Hash; break;
                case SessionStarted s: owners.Add(s.Owner ?? "?"); break;
            }
        return (measured, hashes, owners);
    }

    private static async Task<long> SnapshotCount(PrivatePostgres pg)
    {
        await using var c = new NpgsqlConnection(pg.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM snapshot", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
