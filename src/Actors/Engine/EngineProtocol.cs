using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;

namespace Tuner.Actors.Engine;

// Session ⇄ TaskTuner. One step of one task is in flight at a time; every reply names its task.

/// <summary>
/// Session → TaskTuner: measure the untuned baseline when the database lacks it, then restore the task and reply
/// <see cref="TaskReady"/>. <paramref name="Journaled"/>: the session's journaled results of the task's workload (from
/// the snapshot and events), which the cost model is rebuilt from.
/// </summary>
public sealed record StartTask(int Task, IReadOnlyList<CandidateMeasured> Journaled);

/// <summary>TaskTuner → session: the task is restored (its records counted) and ready for grants.</summary>
public sealed record TaskReady(int Task, int Trials, double BestKnownSecs);

/// <summary>Session → TaskTuner: search up to <paramref name="Trials"/> new candidates.</summary>
public sealed record GrantTrials(int Task, int Trials);

/// <summary>TaskTuner → session: the search's batch, to journal before it is built (trace JSON and structural hash each).</summary>
public sealed record ProposeCandidates(int Task, IReadOnlyList<(string Trace, string Hash)> Candidates);

/// <summary>TaskTuner → session: the search has nothing new (or failed: <paramref name="Why"/>); the grant returns unspent.</summary>
public sealed record TaskExhausted(int Task, string Why, bool Failed = false);

/// <summary>
/// Session → TaskTuner: the batch is journaled (ids assigned): build and measure it. Also a recovered batch.
/// <paramref name="SearchAhead"/>: how many candidates of the task's next batch to search while this one builds
/// (0: none — overlap is off, or the budget leaves the task nothing after this batch). They are held by the task
/// and proposed only when the session grants trials again.
/// </summary>
public sealed record MeasureBatch(CandidatesProposed Batch, bool Recovered = false, int SearchAhead = 0);

/// <summary>
/// TaskTuner → session: the batch's results, to journal; <paramref name="Measured"/> keeps the runner's failure kinds.
/// <paramref name="WorkerFailed"/>: the build or measure child crashed or hung (not the compiler's verdict on the batch).
/// </summary>
public sealed record BatchMeasured(int Task, IReadOnlyList<CandidateMeasured> Events, IReadOnlyList<MeasureResult> Measured, bool WorkerFailed = false);

/// <summary>Session → TaskTuner: the results are journaled and in the record log: learn from them.</summary>
public sealed record BatchCommitted(int Task, IReadOnlyList<CandidateMeasured> Events);

/// <summary>TaskTuner → session: the grant is done; <paramref name="Measured"/> trials counted, best latency now.</summary>
public sealed record BatchDone(int Task, int Measured, double BestKnownSecs);

/// <summary>TaskTuner → session: a build or measurement was cancelled (SIGINT): the session stops.</summary>
public sealed record TaskInterrupted(int Task);

/// <summary>Engine → session: stop at the next step (what is journaled stays; the same command resumes).</summary>
public sealed record InterruptSession;

/// <summary>TaskTuner → session after a restart: whatever it had in flight is lost and is given again.</summary>
public sealed record TaskRestarted(int Task);

// TaskTuner ⇄ its children. Requests are serializable (text and ids, no live objects), so they can cross nodes.

/// <summary>Search up to <paramref name="Trials"/> candidates.</summary>
public sealed record SearchRequest(long RequestId, int Trials);

/// <summary>The search's batch (null: nothing new), or the error of a failed search step.</summary>
public sealed record SearchReply(long RequestId, IReadOnlyList<Search.MeasureCandidate>? Candidates, string? Error = null);

/// <summary>Build the programs of <paramref name="Traces"/> (TVM JSON) applied to the workload (TVMScript) for the target.</summary>
public sealed record BuildRequest(long RequestId, string Workload, IReadOnlyList<string> Traces, string Target);

public sealed record BuildReply(long RequestId, IReadOnlyList<BuildResult> Results, bool Cancelled = false);

/// <summary>Time and verify built candidates of the workload (TVMScript); slower than the cutoff → single calls.</summary>
public sealed record MeasureRequest(long RequestId, string Workload, IReadOnlyList<BuildResult> Built, double? SlowCutoffSecs);

public sealed record MeasureReply(long RequestId, IReadOnlyList<MeasureResult> Results, bool Cancelled = false);

// Session ⇄ RecordLog.

/// <summary>Append the journaled results' lines to database_tuning_record.json; reply <see cref="RecordsAppended"/>.</summary>
public sealed record AppendRecords(IReadOnlyList<CandidateMeasured> Events);

public sealed record RecordsAppended(int Lines);

/// <summary>Make the record log hold a line for each journaled result (lines from elsewhere are kept); reply <see cref="RecordsAppended"/>.</summary>
public sealed record RepairRecords(IReadOnlyList<CandidateMeasured> Events);

/// <summary>How a run of the engine ended, for <see cref="TuningEngine"/>.</summary>
public sealed record SessionOutcome(TuneSummary Summary, string? FailedBecause = null);
