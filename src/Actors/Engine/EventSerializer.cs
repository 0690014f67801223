using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Tuner.Actors.Engine;

/// <summary>
/// The journal's serializer (design §4.6): System.Text.Json with an explicit, versioned manifest per event type
/// ("CandidateMeasured.v1"), so a renamed or moved type still recovers. A new version of an event gets a new
/// manifest and its old ones stay readable here: new fields are optional, so an old payload reads with their
/// defaults (SessionSnapshot.v1 has no finished tasks). Events are written with their newest manifest.
/// </summary>
public sealed class EventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    // Relaxed escaping: a trace's quotes are written \" instead of \u0022, which made a 10 000-result snapshot twice as big
    // (the journal is never embedded in HTML, the only place the default escaping is for). Reading is the same either way.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every manifest ever written, and the type it reads into.</summary>
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["SessionStarted.v1"] = typeof(SessionStarted),
        ["BudgetRaised.v1"] = typeof(BudgetRaised),
        ["TrialsGranted.v1"] = typeof(TrialsGranted),
        ["CandidatesProposed.v1"] = typeof(CandidatesProposed),
        ["CandidateMeasured.v1"] = typeof(CandidateMeasured),
        ["CandidateMeasured.v2"] = typeof(CandidateMeasured), // + the program's structural hash
        ["CandidatesDropped.v1"] = typeof(CandidatesDropped),
        ["TaskFinished.v1"] = typeof(TaskFinished),
        ["SessionCompleted.v1"] = typeof(SessionCompleted),
        ["SessionSnapshot.v1"] = typeof(SessionSnapshot),
        ["SessionSnapshot.v2"] = typeof(SessionSnapshot),
        ["SessionSnapshot.v3"] = typeof(SessionSnapshot), // measured candidates as CandidateMeasured.v2
    };

    /// <summary>The manifest each type is written with: its newest version.</summary>
    private static readonly Dictionary<Type, string> Manifests = Types
        .GroupBy(kv => kv.Value)
        .ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).MaxBy(Version)!);

    private static int Version(string manifest) => int.Parse(manifest[(manifest.LastIndexOf(".v", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);

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
