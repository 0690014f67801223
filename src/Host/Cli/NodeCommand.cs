using System.CommandLine;
using Akka.Configuration;
using Tuner.Actors.Cluster;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner node --roles worker|tuner [--seed-nodes akka.tcp://tuner@H:P …] [--hostname H] [--port P] [--config FILE]`:
/// runs one cluster node until Ctrl-C (SIGINT/SIGTERM), then leaves the cluster gracefully (exit 0). A worker builds
/// and measures what tuner nodes hand out; a tuner node runs the dispatcher for sessions. Without --seed-nodes the
/// node is the first seed (start it with a fixed --port). A node the cluster downs (its split-brain resolver) starts
/// again and rejoins its seeds.
/// </summary>
public static class NodeCommand
{
    public static Command Build()
    {
        var roles = new Option<string[]>("--roles") { Description = "worker, tuner, or both (worker,tuner)", Required = true, AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<string[]>("--seed-nodes") { Description = "addresses to join, e.g. akka.tcp://tuner@127.0.0.1:4053 (none: this node is the first seed)", AllowMultipleArgumentsPerToken = true };
        var hostname = new Option<string?>("--hostname") { Description = "interface remoting binds to (default 127.0.0.1: loopback only)" };
        var port = new Option<int?>("--port") { Description = "TCP port (default: a free one; a seed needs a fixed port such as 4053)" };
        var config = new Option<string?>("--config") { Description = "HOCON file layered over hocon/cluster.conf (TLS, leases, host id)" };
        var cmd = new Command("node", "Run a cluster node: a worker that builds and measures, or a tuner node that hands out work")
        {
            roles, seeds, hostname, port, config,
        };
        cmd.SetAction(parse =>
        {
            string? hocon = null;
            if (parse.GetValue(config) is { } path) hocon = File.ReadAllText(PathArgs.InputFile(path, "--config"));
            var options = new NodeOptions(
                Split(parse.GetRequiredValue(roles)), Split(parse.GetValue(seeds) ?? []), parse.GetValue(hostname), parse.GetValue(port), hocon);
            try { ClusterNode.Configure(options); }
            catch (Exception e) when (e is FormatException or ConfigurationException) { throw CliException.BadInput(e.Message); }
            using var interrupt = new InterruptSignals();
            return Run(options, parse.InvocationConfiguration.Output, interrupt.Token).GetAwaiter().GetResult();
        });
        return cmd;
    }

    private static string[] Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private static async Task ReportUp(ClusterNode node, NodeOptions options, TextWriter output)
    {
        if (await node.WhenUp(TimeSpan.FromSeconds(30))) { output.WriteLine("up"); return; }
        if (node.WhenTerminated.IsCompleted) return;
        output.WriteLine($"not up after 30 s; still trying to join {string.Join(", ", options.SeedNodes)} (is a seed node running there?)");
        if (await node.WhenUp(TimeSpan.FromDays(1))) output.WriteLine("up");
    }

    /// <summary>Runs the node until <paramref name="stop"/>; restarts it when the cluster downs it.</summary>
    internal static async Task<int> Run(NodeOptions options, TextWriter output, CancellationToken stop)
    {
        while (true)
        {
            var node = ClusterNode.Start(options);
            output.WriteLine($"node {node.Address} ({string.Join(", ", options.Roles)}), host {node.Settings.HostId}, fingerprint {node.Fingerprint}");
            if (options.Roles.Contains(ClusterWorker.WorkerRole))
                output.WriteLine($"worker: {node.Settings.Capacity} build slot(s), measurement one at a time on this host");
            output.WriteLine(options.SeedNodes.Count == 0
                ? $"first seed: start other nodes with --seed-nodes {node.Address}"
                : $"joining {string.Join(", ", options.SeedNodes)}");
            var stopped = Task.Delay(Timeout.Infinite, stop);
            _ = ReportUp(node, options, output);
            var first = await Task.WhenAny(stopped, node.WhenTerminated);
            if (first == stopped)
            {
                output.WriteLine("leaving the cluster");
                await node.DisposeAsync();
                return TunerCli.Ok;
            }
            output.WriteLine("this node was removed from the cluster (downed); starting again to rejoin");
            try { await Task.Delay(TimeSpan.FromSeconds(2), stop); }
            catch (OperationCanceledException) { return TunerCli.Ok; }
        }
    }
}
