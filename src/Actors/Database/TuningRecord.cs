using System.Text.Json.Nodes;

namespace Tuner.Actors.Database;

/// <summary>
/// One measured (or failed) candidate of a workload, as TVM's TuningRecord: the trace (TVM JSON), run seconds per
/// repeat (null: not measured), the target's JSON config and the arguments' info
/// (<c>[["TENSOR", dtype, [shape]], …]</c>). A failed candidate carries run_secs <c>[1e10]</c> and is never valid.
/// </summary>
public sealed record TuningRecord(JsonNode Trace, IReadOnlyList<double>? RunSecs, JsonNode Target, JsonNode ArgsInfo)
{
    /// <summary>The run time stored for a failed candidate (TVM's convention).</summary>
    public const double FailedRunSecs = 1e10;

    /// <summary>Valid: measured, at least one repeat, every repeat finite and below the failure marker.</summary>
    public bool IsValid => RunSecs is { Count: > 0 } r && r.All(x => double.IsFinite(x) && x < FailedRunSecs);

    /// <summary>
    /// The untuned function's record (the baseline each task measures once): an empty trace, <c>[[],[]]</c>, which
    /// TVM's ApplyDatabase replays as the identity.
    /// </summary>
    public bool IsUntuned => Trace is JsonArray { Count: 2 } a && a[0] is JsonArray { Count: 0 };

    public double MeanRunSecs => RunSecs is { Count: > 0 } r ? r.Average() : double.PositiveInfinity;

    /// <summary>TVM's TuningRecord.AsJSON: [trace, run_secs, target, args_info].</summary>
    public JsonArray ToJson()
    {
        JsonNode? secs = RunSecs is null ? null : new JsonArray(RunSecs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        return new JsonArray(Trace.DeepClone(), secs, Target.DeepClone(), ArgsInfo.DeepClone());
    }

    public static TuningRecord FromJson(JsonNode node) => TakeFromJson(node.DeepClone());

    /// <summary>
    /// As <see cref="FromJson"/>, taking the parts out of <paramref name="node"/> (left empty) instead of copying
    /// them: a copy walks every value of the trace, which cost most of opening a 10 000-record log (JsonDatabase's load).
    /// </summary>
    internal static TuningRecord TakeFromJson(JsonNode node)
    {
        if (node is not JsonArray { Count: 4 }) throw new FormatException("a tuning record is [trace, run_secs, target, args_info]");
        var a = (JsonArray)node;
        var parts = a.ToArray();
        var secs = parts[1] is JsonArray s ? s.Select(x => x!.GetValue<double>()).ToArray() : null;
        if (parts[0] is null || parts[2] is null || parts[3] is null) throw new FormatException("a tuning record's trace, target and args_info are not null");
        a.Clear(); // the parts have no parent now
        return new TuningRecord(parts[0]!, secs, parts[2]!, parts[3]!);
    }

    /// <summary>A failed candidate's record (run_secs [1e10]).</summary>
    public static TuningRecord Failed(JsonNode trace, JsonNode target, JsonNode argsInfo) =>
        new(trace, [FailedRunSecs], target, argsInfo);

    /// <summary>Canonical text of a target JSON, used to compare targets.</summary>
    public string TargetKey => TvmJson.Key(Target); // once per target node: the database filters thousands of records by it
}
