using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Cluster;
using Tuner.Actors.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Tuner.Actors.Tests.Cluster;

/// <summary>
/// TLS with the cluster's pinned certificate (hocon/cluster.conf, <see cref="ClusterTls"/>), certificates made by the
/// test: a node with the cluster's certificate joins; a node with another certificate and a node without TLS do not.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tuner-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var req = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_dir, name + ".pfx");
        File.WriteAllBytes(path, cert.Export(X509ContentType.Pfx, "secret"));
        return path;
    }

    private static string Tls(string? certificate) => (certificate is null ? "" : $$"""
        akka.remote.dot-netty.tcp.enable-ssl = true
        akka.remote.dot-netty.tcp.ssl.certificate { path = "{{certificate}}", password = "secret" }
        """) + "\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off\nakka.loglevel = OFF";

    private static ClusterNode Node(string role, string? certificate, string? seed = null) =>
        ClusterNode.Start(new NodeOptions([role], seed is null ? [] : [seed], "127.0.0.1", 0, Tls(certificate)),
            (s, fp) => new DelayExecutor(s.HostId, fp, TimeSpan.Zero));

    // About 15 s: four nodes, and the intruders get 8 s (several join attempts) to show they stay out.
    [Fact]
    public async Task Only_a_node_with_the_clusters_certificate_can_join()
    {
        var cluster = SelfSigned("tuner-cluster");
        var stranger = SelfSigned("other-cluster");
        await using var tuner = Node(ClusterWorker.TunerRole, cluster);
        Assert.True(await tuner.WhenUp(ClusterNodes.Patience));
        var seed = tuner.Address.ToString();

        await using var member = Node(ClusterWorker.WorkerRole, cluster, seed);
        await using var otherCluster = Node(ClusterWorker.WorkerRole, stranger, seed);
        await using var plain = Node(ClusterWorker.WorkerRole, null, seed);
        Assert.True(await member.WhenUp(ClusterNodes.Patience));

        // Both intruders retry joining every few seconds; give them time for several attempts.
        bool[] joined = await Task.WhenAll(otherCluster.WhenUp(TimeSpan.FromSeconds(8)), plain.WhenUp(TimeSpan.FromSeconds(8)));
        Assert.Equal(new[] { false, false }, joined);
        var members = AkkaCluster.Get(tuner.System).State.Members;
        Assert.Equal(new[] { tuner.Address, member.Address }.Order(), members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).Order());
        await ClusterNodes.Eventually(() => ClusterNodes.StatusOf(tuner.Dispatcher!).Result.Workers.Count == 1,
            "the member worker registered");
    }
}
