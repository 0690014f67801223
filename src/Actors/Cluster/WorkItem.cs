using System.Text.Json.Serialization;
using Tuner.Actors.Runner;

namespace Tuner.Actors.Cluster;

/// <summary>What a work item asks of a worker.</summary>
public enum WorkKind
{
    /// <summary>Lower, generate and compile the candidate; report whether it builds (any worker may take it).</summary>
    Build,
    /// <summary>Build, run and verify the candidate on the worker's host (fingerprint-matched, exclusive per host).</summary>
    Measure,
}

/// <summary>
/// How a measure item is timed and checked: TVM's evaluator settings, the verification switch and input seed, the
/// per-candidate run timeout and the optional slow cutoff (<see cref="RunRequest.SlowCutoffSecs"/>). They travel
/// with the item so every worker times a session's candidates alike, whatever its own configuration says.
/// </summary>
public sealed record MeasureSettings(
    int Number = 3, int Repeat = 1, int MinRepeatMs = 100, bool CacheFlush = false, bool Verify = true, int Seed = 1,
    double RunTimeoutSecs = 10, double? SlowCutoffSecs = null)
{
    public static readonly MeasureSettings Default = new();

    public EvaluatorConfig Evaluator => new(Number, Repeat, MinRepeatMs, CacheFlush);
}

/// <summary>
/// One candidate to build or measure, as plain text so any node can take it: the workload as TVMScript (the untuned
/// function, also the reference for verification), the candidate's trace in TVM's JSON form (replayed on the
/// workload, postprocessing included), the TVM target string. Nothing in it is executed except the C compiler on the
/// code generated from it (issue 11, security). <see cref="ItemId"/> is unique per session; a result is counted
/// once per id.
/// </summary>
/// <param name="RequiredFingerprint">For measure items: the <see cref="HostFingerprint.Key"/> a worker must have;
/// null takes any worker.</param>
public sealed record WorkItem(
    string ItemId, WorkKind Kind, string Workload, string Trace, string Target, MeasureSettings Settings,
    string? RequiredFingerprint = null);

/// <summary>
/// A worker's answer for one item: run_secs per repeat (measure items that ran and verified), or the error and the
/// step that failed, with the time spent building and after the build (<see cref="RunStepSecs"/>: reference outputs,
/// runs, verification; the tuner node's time split counts both) and the host that did the work (its fingerprint key
/// goes into the record: timings from different hosts are told apart).
/// </summary>
public sealed record WorkResult(
    string ItemId, IReadOnlyList<double>? RunSecs, string? Error, FailureKind? Failure, bool Verified,
    double BuildSecs, string HostId, string FingerprintKey, double RunStepSecs = 0)
{
    [JsonIgnore]
    public bool Ok => Error is null;

    /// <summary>A result for an item that could not be done at all (lost on every worker that tried it).</summary>
    public static WorkResult Abandoned(WorkItem item, string reason) =>
        new(item.ItemId, null, reason, FailureKind.Run, false, 0, "", "");
}

/// <summary>What a worker tells a dispatcher about itself when it registers.</summary>
/// <param name="HostId">The machine it runs on (measurement is exclusive per host, whatever the number of worker
/// nodes there).</param>
/// <param name="Capacity">Build items it works on at once (measure items are one at a time per host).</param>
public sealed record WorkerInfo(string HostId, HostFingerprint Fingerprint, int Capacity);
