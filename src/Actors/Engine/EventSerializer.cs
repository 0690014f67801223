using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Tuner.Actors.Engine;

/// <summary>
/// The journal's serializer (design §4.6): System.Text.Json with an explicit, versioned manifest per event type
/// ("CandidateMeasured.v1"), so a renamed or moved type still recovers. A new version of an event gets a new
/// manifest and its old one stays readable here.
/// </summary>
public sealed class EventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly Dictionary<string, Type> Types = new()
    {
        ["SessionStarted.v1"] = typeof(SessionStarted),
        ["CandidatesProposed.v1"] = typeof(CandidatesProposed),
        ["CandidateMeasured.v1"] = typeof(CandidateMeasured),
        ["CandidatesDropped.v1"] = typeof(CandidatesDropped),
        ["SessionCompleted.v1"] = typeof(SessionCompleted),
        ["SessionSnapshot.v1"] = typeof(SessionSnapshot),
    };

    private static readonly Dictionary<Type, string> Manifests = Types.ToDictionary(kv => kv.Value, kv => kv.Key);

    public override int Identifier => 4711;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var m) ? m : throw new ArgumentException($"no journal manifest for {o.GetType().Name}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) => Deserialize(bytes, manifest);

    /// <summary>An event from its bytes and manifest (also for readers without an actor system).</summary>
    public static IEngineEvent Deserialize(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type)) throw new System.Runtime.Serialization.SerializationException($"unknown journal manifest '{manifest}'");
        return JsonSerializer.Deserialize(bytes, type, Json) as IEngineEvent
            ?? throw new System.Runtime.Serialization.SerializationException($"empty {manifest} event: {Encoding.UTF8.GetString(bytes)}");
    }
}
