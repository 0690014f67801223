using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace Tuner.Actors.Cluster;

/// <summary>
/// TLS for remoting with one certificate per cluster: with <c>enable-ssl = true</c> every node loads the cluster's
/// PKCS#12 certificate (akka.remote.dot-netty.tcp.ssl.certificate.path/password), presents it (mutual TLS) and accepts
/// only peers that present that same certificate (pinned by thumbprint, so a self-signed cluster certificate works
/// without a CA, and a node of another cluster — another certificate — or without TLS cannot join or hand out work).
/// With <c>tuner.cluster.tls-pin-certificate = off</c> Akka's own validation (chain, CA) applies instead.
/// </summary>
public static class ClusterTls
{
    private const string Tcp = "akka.remote.dot-netty.tcp";

    /// <summary>The actor system's setup: the configuration, plus the pinned TLS setup when TLS is on.</summary>
    public static ActorSystemSetup Setup(Config config)
    {
        var setup = BootstrapSetup.Create().WithConfig(config);
        if (!config.GetBoolean($"{Tcp}.enable-ssl", false) || !config.GetBoolean("tuner.cluster.tls-pin-certificate", true))
            return ActorSystemSetup.Create(setup);
        var path = config.GetString($"{Tcp}.ssl.certificate.path", "");
        if (path.Length == 0) throw new ConfigurationException($"{Tcp}.enable-ssl is on but {Tcp}.ssl.certificate.path is empty");
        if (!File.Exists(path)) throw new ConfigurationException($"{Tcp}.ssl.certificate.path: no such file: {path}");
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, config.GetString($"{Tcp}.ssl.certificate.password", ""));
        return setup.And(new DotNettySslSetup(cert, suppressValidation: false, requireMutualAuthentication: true,
            validateCertificateHostname: false, customValidator: CertificateValidation.PinnedCertificate(cert.Thumbprint)));
    }
}
