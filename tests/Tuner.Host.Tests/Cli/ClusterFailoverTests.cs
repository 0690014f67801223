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
/// node (in this process, the oldest), tuner node A (`tuner tune --cluster --postgres`, a child process) that owns the
/// session, and tuner node B started with the same command (its own work_dir) standing by. A is killed with SIGKILL
/// mid-session; B resumes the session from the journal and finishes it: trials == budget, no program measured twice,
/// every journaled result is a line of B's record log.
/// </summary>
public class ClusterFailoverTests(ITestOutputHelper log) : TuneScratch
{
    private const int Budget = 12;

    // The split-brain resolver decides after 3 s of stable membership here (7 s in hocon/cluster.conf): a shorter test.
    private const string FastDowning = "akka.cluster.split-brain-resolver.stable-after = 3s\n";

    [PostgresFact]
    public async Task A_session_whose_tuner_node_is_killed_is_finished_by_the_standby_tuner_node_from_the_journal()
    {
        var clock = Stopwatch.StartNew();
        using var pg = new PrivatePostgres();
        log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: PostgreSQL up");
        await using var worker = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [], "127.0.0.1", 0,
            FastDowning + "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await worker.WhenUp(TimeSpan.FromSeconds(60)));
        var config = Path.Combine(Dir, "failover.conf");
        File.WriteAllText(config, File.ReadAllText(Config) + FastDowning);
        string workA = Path.Combine(Dir, "a"), workB = Path.Combine(Dir, "b");
        string[] Tune(string work) => ["tune", Module, "--work-dir", work, "--max-trials-global", Budget.ToString(), "--num-trials-per-iter", "2",
            "--config", config, "--strategy", "replay-trace", "--quiet", "--cluster", "--seed-nodes", worker.Address.ToString(), "--postgres", pg.ConnectionString];

        var a = CliRunner.Start(Tune(workA));
        Process? b = null;
        try
        {
            var aOut = Drain(a);
            // A owns the session once it has measured something; B joins after it (younger: it stands by).
            await Eventually(() => RecordLines(workA) >= 3, "tuner node A measured two trials", aOut);
            log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: A measured 2 trials");
            b = CliRunner.Start(Tune(workB));
            var bOut = Drain(b);
            await Eventually(() => AkkaCluster.Get(worker.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 3,
                "tuner node B is up", bOut);
            Assert.False(a.HasExited, "A finished before it could be killed:\n" + aOut());
            log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: B up, A killed with {RecordLines(workA)} record(s)");
            a.Kill(); // SIGKILL: no leaving, no handover; the cluster downs A and B's singleton manager takes the session
            var killed = Stopwatch.StartNew();
            await Eventually(() => bOut().Contains("resuming session"), "B resumed the session", bOut);
            log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: B resumed the session {killed.Elapsed.TotalSeconds:F1} s after the kill");
            Assert.True(await Exited(b, TimeSpan.FromSeconds(60)), "B did not finish:\n" + bOut());
            log.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: B finished");
            Assert.True(b.ExitCode == 0, $"B exit {b.ExitCode}\n{bOut()}");

            var (measured, hashes, owners) = await Journal(pg);
            Assert.Equal(Budget, measured.Count(m => !m.Baseline));
            Assert.Equal(measured.Count, measured.Select(m => m.Id == 0 ? "baseline" : hashes[m.Id]).Distinct().Count()); // nothing twice
            Assert.Equal(measured.Count, RecordLines(workB)); // every journaled result is a record, B's log repaired from the journal
            Assert.True(owners.Distinct().Count() >= 2, "each tuner node journals itself as the owner when it starts the session: " + string.Join(", ", owners));
        }
        finally
        {
            if (!a.HasExited) a.Kill(entireProcessTree: true);
            if (b is { HasExited: false }) b.Kill(entireProcessTree: true);
        }
    }

    private static async Task<bool> Exited(Process p, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await p.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    private static int RecordLines(string work)
    {
        var file = Path.Combine(work, "database_tuning_record.json");
        try { return File.Exists(file) ? File.ReadAllLines(file).Count(l => l.EndsWith(']')) : 0; }
        catch (IOException) { return 0; }
    }

    /// <summary>Reads a child's output as it comes (a full pipe would block it); the function returns what came so far.</summary>
    private static Func<string> Drain(Process p)
    {
        var text = new System.Text.StringBuilder();
        void Append(string? line) { if (line is not null) lock (text) text.Append(line).Append('\n'); }
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return () => { lock (text) return text.ToString(); };
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

    private static async Task Eventually(Func<bool> condition, string what, Func<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within 60 s: {what}\n{output()}");
            await Task.Delay(100);
        }
    }
}
