using Akka.Actor;
using Tuner.Actors.Cluster;

namespace Tuner.Host.Tests.Cli;

public class NodeCommandTests
{
    [Theory]
    [InlineData("--roles builder", "unknown role 'builder' (roles: worker, tuner)")]
    [InlineData("--roles worker --seed-nodes 127.0.0.1:4053", "seed node '127.0.0.1:4053' is not an address like akka.tcp://tuner@127.0.0.1:4053")]
    [InlineData("--roles worker --seed-nodes akka.tcp://other@127.0.0.1:4053", "names actor system 'other'; every tuner node is 'tuner'")]
    [InlineData("--roles worker --seed-nodes akka.tcp://tuner@127.0.0.1", "(akka.ssl.tcp:// with TLS), a host and a port")]
    [InlineData("--roles tuner --port 70000", "port 70000 is not between 0 and 65535")]
    public void Bad_roles_seeds_and_ports_are_one_line_with_exit_code_2(string args, string message)
    {
        var (code, _, err) = CliRunner.Run(["node", .. args.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_worker_process_joins_a_tuner_node_registers_and_leaves_gracefully_on_SIGTERM()
    {
        await using var tuner = ClusterNode.Start(new NodeOptions([ClusterWorker.TunerRole], [], "127.0.0.1", 0,
            "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
        Assert.True(await tuner.WhenUp(TimeSpan.FromSeconds(30)));
        var worker = CliRunner.Start("node", "--roles", "worker", "--seed-nodes", tuner.Address.ToString());
        try
        {
            // The worker may register with the dispatcher before its own MemberUp arrives: wait for its "up" line
            // so that SIGTERM does not race it.
            var before = await ReadUntilLine(worker, "up", TimeSpan.FromSeconds(60));
            await Eventually(async () => (await Status(tuner)).Workers.Count == 1, "the worker process registered");
            var registered = (await Status(tuner)).Workers.Single();
            Assert.Equal(HostFingerprint.Local.Key, registered.Info.Fingerprint.Key);
            Assert.Equal(Environment.ProcessorCount, registered.Info.Capacity);
            System.Diagnostics.Process.Start("kill", ["-TERM", worker.Id.ToString()])!.WaitForExit();
            var (code, rest, err) = CliRunner.Finish(worker, TimeSpan.FromSeconds(60));
            var output = before + rest;
            Assert.True(code == 0, $"exit {code}\n{output}\n{err}");
            Assert.True(output.Contains("\nup\n") && output.Contains("leaving the cluster"), output);
            await Eventually(async () => (await Status(tuner)).Workers.Count == 0, "the worker left the dispatcher's view");
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string> ReadUntilLine(System.Diagnostics.Process p, string line, TimeSpan timeout)
    {
        var seen = new System.Text.StringBuilder();
        using var cts = new CancellationTokenSource(timeout);
        while (await p.StandardOutput.ReadLineAsync(cts.Token) is { } l)
        {
            seen.Append(l).Append('\n');
            if (l == line) return "\n" + seen.ToString();
        }
        throw new InvalidOperationException($"the worker exited before printing '{line}':\n{seen}");
    }

    private static Task<DispatcherStatus> Status(ClusterNode node) =>
        node.Dispatcher!.Ask<DispatcherStatus>(GetDispatcherStatus.Instance, TimeSpan.FromSeconds(10));

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within 60 s: {what}");
            await Task.Delay(200);
        }
    }
}
