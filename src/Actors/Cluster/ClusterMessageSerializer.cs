using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The wire format of <see cref="IClusterMessage"/>s: System.Text.Json with an explicit, versioned manifest per type
/// (<c>tuner.cluster.&lt;Name&gt;.v1</c>), so renaming a CLR type never breaks a node of another build, and an unknown
/// manifest is refused by name. Bound in hocon/cluster.conf; identifier 7311 (any fixed number above Akka's reserved 0–100).
/// </summary>
public sealed class ClusterMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7311;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // One line per message type: the manifest is part of the protocol (bump the version when the shape changes).
    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(RegisterWorker)] = "tuner.cluster.RegisterWorker.v1",
        [typeof(WorkerRegistered)] = "tuner.cluster.WorkerRegistered.v1",
        [typeof(RequestWork)] = "tuner.cluster.RequestWork.v1",
        [typeof(WorkGranted)] = "tuner.cluster.WorkGranted.v1",
        [typeof(WorkDone)] = "tuner.cluster.WorkDone.v1",
        [typeof(LeaseDeclined)] = "tuner.cluster.LeaseDeclined.v1",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    public override int Identifier => Id;

    public override string Manifest(object o) => Manifests.TryGetValue(o.GetType(), out var m)
        ? m : throw new ArgumentException($"no cluster manifest for {o.GetType().Name}; add it to ClusterMessageSerializer");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
            throw new System.Runtime.Serialization.SerializationException($"unknown cluster message manifest '{manifest}' (a node of another version?)");
        return JsonSerializer.Deserialize(bytes, type, Json)
            ?? throw new System.Runtime.Serialization.SerializationException($"empty {manifest} message");
    }
}
