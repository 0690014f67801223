using Akka.Cluster;
using Tuner.Actors.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Host.Tests.Cli;

/// <summary>`tuner tune --cluster`: the session runs as a tuner node and a worker node (in this process) measures.</summary>
public class ClusterTuneTests : TuneScratch
{
    [Fact]
    public async Task Tune_with_cluster_has_a_worker_node_measure_every_candidate_and_notes_its_host()
    {
        await using var worker = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [], "127.0.0.1", 0,
            "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await worker.WhenUp(TimeSpan.FromSeconds(60)));

        var (code, output, err) = CliRunner.Run("tune", Module, "--work-dir", Work, "--max-trials-global", "4", "--num-trials-per-iter", "2",
            "--config", Config, "--strategy", "replay-trace", "--cluster", "--seed-nodes", worker.Address.ToString());

        Assert.True(code == 0, output + err);
        Assert.Contains("cluster: tuner node akka.tcp://tuner@127.0.0.1:", output);
        Assert.Contains($"measuring on workers with fingerprint {worker.Fingerprint.Key}", output);
        // The untuned baseline and 4 trials, each measured once on the worker, each noted with its host.
        Assert.Equal(5, File.ReadAllLines(Path.Combine(Work, "database_tuning_record.json")).Length);
        var hosts = File.ReadAllLines(Path.Combine(Work, "measured_hosts.json"));
        Assert.Equal(5, hosts.Length);
        Assert.All(hosts, h => Assert.Contains($"\"host\":\"{worker.Settings.HostId}\",\"fingerprint\":\"{worker.Fingerprint.Key}\"", h));
        // The time split counts the build and run time the worker reported (the tuner node compiled nothing).
        var split = System.Text.RegularExpressions.Regex.Match(output, @"\+ build (\d+\.\d+) s \+ run (\d+\.\d+) s");
        Assert.True(split.Success, output);
        Assert.True(double.Parse(split.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, split.Value);
        Assert.True(double.Parse(split.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, split.Value);
    }

    [Fact]
    public async Task Tune_with_cluster_keeps_two_tasks_in_flight_within_the_budget_and_measures_nothing_twice()
    {
        await using var worker = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [], "127.0.0.1", 0,
            "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await worker.WhenUp(TimeSpan.FromSeconds(60)));
        string module = Path.Combine(Dir, "two.py");
        File.WriteAllText(module, "@I.ir_module\nclass Module:\n" + Indent(Matmul("@T.prim_func(private=True)", "mm16", 16, "True")) +
            Indent(Matmul("@T.prim_func(private=True)", "mm32", 32, "True")));

        static string Indent(string f) => string.Concat(f.Split('\n').Select(l => "    " + l + "\n"));

        var (code, output, err) = CliRunner.Run("tune", module, "--work-dir", Work, "--max-trials-global", "8", "--num-trials-per-iter", "2",
            "--config", Config, "--strategy", "replay-trace", "--cluster", "--seed-nodes", worker.Address.ToString());

        Assert.True(code == 0, output + err);
        // Two untuned baselines and exactly the budget's 8 trials, no trace twice (tuner.cluster.tasks-in-flight = 4).
        var records = File.ReadAllLines(Path.Combine(Work, "database_tuning_record.json"));
        Assert.Equal(10, records.Length);
        Assert.Equal(10, records.Distinct().Count());
        Assert.Equal(10, File.ReadAllLines(Path.Combine(Work, "measured_hosts.json")).Length);
        // Both tasks were granted a batch before either batch was measured: their steps were in flight together.
        var steps = File.ReadAllLines(Path.Combine(Work, "logs", "task_scheduler.log"))
            .Where(l => l.Contains("] granted ") || System.Text.RegularExpressions.Regex.IsMatch(l, @"\] measured \d+$")).ToArray();
        Assert.True(steps.Length >= 2 && steps[0].Contains("[task #0 ") && steps[0].Contains("granted") &&
            steps[1].Contains("[task #1 ") && steps[1].Contains("granted"), string.Join("\n", steps));
    }

    [Fact]
    public async Task A_tuner_node_the_cluster_downs_ends_with_exit_code_1_and_a_one_line_reason_instead_of_waiting_forever()
    {
        await using var worker = ClusterNode.Start(new NodeOptions([ClusterWorker.WorkerRole], [], "127.0.0.1", 0,
            "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await worker.WhenUp(TimeSpan.FromSeconds(60)));
        using var tune = TunerChild.Start("tuner node", "tune", Module, "--work-dir", Work, "--max-trials-global", "1000", "--num-trials-per-iter", "2",
            "--config", Config, "--strategy", "replay-trace", "--quiet", "--cluster", "--seed-nodes", worker.Address.ToString());
        var address = Akka.Actor.Address.Parse((await tune.WaitFor(@"cluster: tuner node (\S+),", "the tuner node starts")).Groups[1].Value);
        var cluster = AkkaCluster.Get(worker.System);
        await TunerChild.Eventually(() => cluster.State.Members.Any(m => m.Address.Equals(address) && m.Status == MemberStatus.Up),
            "the tuner node is up", () => tune.Output);

        cluster.Down(address); // what the split-brain resolver does, e.g. when two nodes are lost within its stable-after

        Assert.True(await tune.Exited(), "the downed tuner node still runs:\n" + tune.Output);
        Assert.True(tune.Process.ExitCode == 1, $"exit {tune.Process.ExitCode}\n{tune.Output}");
        Assert.True(tune.Output.Contains("error: this tuner node was removed from the cluster (downed) before the session finished"), tune.Output);
        // Akka's own lines about it (the removal, lost associations) are in logs/akka.log, not among the node's lines.
        Assert.DoesNotContain("[WARNING]", tune.Output);
        Assert.DoesNotContain("[ERROR]", tune.Output);
        var akkaLog = Path.Combine(Work, "logs", "akka.log");
        Assert.True(File.Exists(akkaLog) && File.ReadAllText(akkaLog).Contains("[WARNING]"), "no Akka warning in logs/akka.log");
    }

    [Fact]
    public void An_unreachable_postgres_journal_is_one_line_and_exit_code_1_before_the_node_starts()
    {
        var (code, output, err) = CliRunner.Run("tune", Module, "--work-dir", Work, "--max-trials-global", "1", "--cluster",
            "--postgres", "Host=127.0.0.1;Port=1;Username=tuner;Database=tuner;Timeout=5");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --postgres: cannot open the PostgreSQL journal: ", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("cluster: tuner node", output);
    }

    [Fact]
    public void Cluster_flags_without_cluster_are_refused_with_exit_code_2()
    {
        var (code, _, err) = CliRunner.Run("tune", Module, "--work-dir", Work, "--max-trials-global", "1", "--seed-nodes", "akka.tcp://tuner@127.0.0.1:4053");
        Assert.Equal(2, code);
        Assert.Contains("--seed-nodes, --hostname, --port and --postgres need --cluster", err);
    }
}
