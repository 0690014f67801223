using Akka.Actor;
using Akka.Configuration;
using Tuner.Actors.Cluster;
using Tuner.Actors.Runner;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Tests.Cluster;

public sealed class ClusterMessageSerializerTests : IDisposable
{
    // The cluster profile's serializer bindings on a local actor system: what remoting uses between nodes.
    private readonly ActorSystem _system = ActorSystem.Create("ser", ConfigurationFactory.ParseString("akka.actor.provider = local")
        .WithFallback(TunerSettings.HoconFile(ClusterNodeSettings.ProfileFileName)));

    private static readonly HostFingerprint Fp = new("AMD EPYC", ["avx2", "fma"], 2, "cc 12.2");

    private static readonly WorkItem Item = new("s1/t0/17", WorkKind.Measure, "# from tvm.script import tir as T\n...", "[[],[]]",
        "llvm -num-cores 2", MeasureSettings.Default with { SlowCutoffSecs = 0.5 }, Fp.Key);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<ClusterMessageSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.Matches(@"^tuner\.cluster\.\w+\.v1$", manifest);
        return Assert.IsType<T>(_system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest));
    }

    [Fact]
    public void Every_cross_node_message_round_trips_through_the_json_serializer_bound_in_hocon()
    {
        var reg = RoundTrip(new RegisterWorker("w1", new WorkerInfo("host-a", Fp, 4)));
        Assert.Equal(("w1", "host-a", 4), (reg.WorkerId, reg.Info.HostId, reg.Info.Capacity));
        Assert.Equal(Fp, reg.Info.Fingerprint);
        Assert.Equal(["avx2", "fma"], reg.Info.Fingerprint.IsaFlags);

        Assert.Equal(("d", 5L), (RoundTrip(new WorkerRegistered("d", 5)).DispatcherId, RoundTrip(new WorkerRegistered("d", 5)).Epoch));
        Assert.Equal((3, 5L), (RoundTrip(new RequestWork("w1", 3, 5)).Slots, RoundTrip(new RequestWork("w1", 3, 5)).Epoch));

        var deadline = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var granted = RoundTrip(new WorkGranted([new Lease(7, Item, deadline)])).Leases.Single();
        Assert.Equal((7L, deadline), (granted.LeaseId, granted.Deadline));
        Assert.Equal(Item, granted.Item);

        var result = new WorkResult("s1/t0/17", [1.5e-5, 1.6e-5], null, null, true, 0.12, "host-a", Fp.Key, 0.34);
        var done = RoundTrip(new WorkDone("w1", 7, result));
        Assert.Equal([1.5e-5, 1.6e-5], done.Result.RunSecs);
        Assert.Equal((0.12, 0.34), (done.Result.BuildSecs, done.Result.RunStepSecs));
        Assert.Equal((true, Fp.Key), (done.Result.Verified, done.Result.FingerprintKey));
        var failed = RoundTrip(new WorkDone("w1", 8, result with { RunSecs = null, Error = "SIGSEGV", Failure = FailureKind.Run }));
        Assert.Equal((FailureKind.Run, "SIGSEGV"), (failed.Result.Failure, failed.Result.Error));

        Assert.Equal(9, RoundTrip(new LeaseDeclined("w1", 9)).LeaseId);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = new ClusterMessageSerializer((ExtendedActorSystem)_system);
        var e = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "tuner.cluster.WorkDone.v9"));
        Assert.Contains("tuner.cluster.WorkDone.v9", e.Message);
    }
}
