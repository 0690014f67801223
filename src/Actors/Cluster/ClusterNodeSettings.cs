using Akka.Configuration;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The <c>tuner.cluster</c> section of hocon/cluster.conf, read once: this node's host id and build capacity, the
/// dispatcher's leases, which workers measure, and the housekeeping tick.
/// </summary>
public sealed record ClusterNodeSettings(string HostId, int Capacity, DispatcherOptions Dispatcher, string MeasureFingerprint, TimeSpan Tick)
{
    public const string ProfileFileName = "cluster.conf";

    /// <summary>The actor-system name every node of a cluster shares (seed addresses are akka.tcp://tuner@host:port).</summary>
    public const string SystemName = "tuner";

    public static ClusterNodeSettings FromConfig(Config config)
    {
        var c = config.GetConfig("tuner.cluster") ?? throw new ConfigurationException("missing 'tuner.cluster' section (hocon/cluster.conf)");
        var host = c.GetString("host-id", "");
        int capacity = c.GetInt("capacity", 0);
        return new ClusterNodeSettings(
            host.Length > 0 ? host : LocalHostId(),
            capacity > 0 ? capacity : Environment.ProcessorCount,
            new DispatcherOptions(c.GetTimeSpan("build-lease"), c.GetTimeSpan("measure-lease"), c.GetInt("max-attempts")),
            c.GetString("measure-fingerprint", "local"),
            c.GetTimeSpan("tick"));
    }

    /// <summary>
    /// The fingerprint key measure items require: the local host's for "local", none for "any", else the key as given.
    /// </summary>
    public string? RequiredFingerprint(HostFingerprint local) => MeasureFingerprint switch
    {
        "local" => local.Key,
        "any" => null,
        var key => key,
    };

    /// <summary>
    /// A node's whole configuration: the command line's roles, seeds, hostname and port over the user's HOCON, over
    /// hocon/cluster.conf, over hocon/tuner.reference.conf.
    /// </summary>
    public static Config NodeConfig(IReadOnlyList<string> roles, IReadOnlyList<string> seedNodes, string? hostname, int? port, string? userHocon = null)
    {
        var cfg = TunerSettings.HoconFile(ProfileFileName).WithFallback(TunerSettings.ReferenceConfig());
        if (!string.IsNullOrWhiteSpace(userHocon)) cfg = ConfigurationFactory.ParseString(userHocon).WithFallback(cfg);
        var lines = new List<string> { $"akka.cluster.roles = [{string.Join(", ", roles.Select(Quote))}]" };
        if (seedNodes.Count > 0) lines.Add($"akka.cluster.seed-nodes = [{string.Join(", ", seedNodes.Select(Quote))}]");
        if (hostname is not null) lines.Add($"akka.remote.dot-netty.tcp.hostname = {Quote(hostname)}");
        if (port is not null) lines.Add($"akka.remote.dot-netty.tcp.port = {port}");
        return ConfigurationFactory.ParseString(string.Join('\n', lines)).WithFallback(cfg);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>/etc/machine-id when readable (unique per installed machine), else the host name.</summary>
    public static string LocalHostId()
    {
        try
        {
            var id = File.Exists("/etc/machine-id") ? File.ReadAllText("/etc/machine-id").Trim() : "";
            if (id.Length > 0) return id[..Math.Min(12, id.Length)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Environment.MachineName;
    }
}
