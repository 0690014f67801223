namespace Tuner.Actors.Engine;

/// <summary>Marker of the journaled events of a tuning session; bound in HOCON to <see cref="EventSerializer"/>.</summary>
public interface IEngineEvent;

/// <summary>
/// A run of the session began (every run journals one): the target (TVM JSON), the budget of this run, the
/// workloads (structural hashes, in task order), the task names, and who runs it (<see cref="Owner"/>: a clustered
/// session's tuner node address, else "embedded" with the host and process id; null in journals written before it).
/// </summary>
public sealed record SessionStarted(string Target, int Budget, IReadOnlyList<string> Workloads, IReadOnlyList<string> Tasks, string? Owner = null)
    : IEngineEvent;

/// <summary>
/// The session's budget grew: a run with a larger --max-trials-global resumed it (journaled before that run's
/// <see cref="SessionStarted"/>); the session continues to the new total.
/// </summary>
public sealed record BudgetRaised(int From, int To) : IEngineEvent;

/// <summary>
/// A task gets no more trials in this run (<see cref="Reason"/>: its own budget is spent, its search found nothing new,
/// or its search failed 3 times in a row); its trials so far and best latency (null: nothing valid). A later run of the
/// session decides anew (a raised budget, another seed), so each run's <see cref="SessionStarted"/> clears these.
/// </summary>
public sealed record TaskFinished(int Task, string Workload, string Reason, int Trials, double? BestSecs) : IEngineEvent
{
    public const string BudgetSpent = "budget spent", Exhausted = "search exhausted", SearchFailed = "search failed 3 times";
}

/// <summary>
/// The budget supervisor granted a task <see cref="Trials"/> trials (the gradient scheduler's choice), journaled before
/// its search runs; <see cref="Committed"/>: the session's trials measured or granted once this grant is counted, never
/// above the budget. A grant whose candidates were never proposed (a crash during the search) is no trial: recovery
/// counts only measured candidates and grants anew.
/// </summary>
public sealed record TrialsGranted(int Task, string Workload, int Trials, int Committed) : IEngineEvent;

/// <summary>
/// A batch of candidates the search proposed for one task (its workload's structural hash), journaled before it is
/// built: after a crash the batch is measured, not proposed again. <see cref="ProposedCandidate.Id"/> is unique in the session.
/// </summary>
public sealed record CandidatesProposed(int Task, string Workload, IReadOnlyList<ProposedCandidate> Candidates) : IEngineEvent;

/// <summary>One proposed candidate: its id, its trace (TVM JSON) and the structural hash of its program.</summary>
public sealed record ProposedCandidate(long Id, string Trace, string Hash);

/// <summary>
/// A candidate was measured (the record log's line is written from it): run_secs when valid, else the error and its
/// kind. <see cref="Baseline"/>: the task's untuned function (empty trace, no trial). Id 0 for a baseline.
/// <see cref="Hash"/>: the structural hash of the measured program, as proposed (v2; null in v1 events and for a
/// baseline): a resumed task knows what was measured without replaying each trace.
/// </summary>
public sealed record CandidateMeasured(long Id, int Task, string Workload, string Trace, IReadOnlyList<double>? RunSecs, string? Error,
    string? Failure, bool Baseline = false, string? Hash = null) : IEngineEvent
{
    public bool Valid => RunSecs is { Count: > 0 } && Error is null;
}

/// <summary>Proposed candidates that will never be measured (the budget was lowered before they were): they are not trials.</summary>
public sealed record CandidatesDropped(IReadOnlyList<long> Ids) : IEngineEvent;

/// <summary>The run ended: the budget was spent or every task was done (not journaled when interrupted).</summary>
public sealed record SessionCompleted(int Trials) : IEngineEvent;

/// <summary>
/// A snapshot of <see cref="SessionState"/>: what recovery needs without replaying every event (measured candidates
/// for the record-log check and the cost model, proposals still pending, the next id, the latest budget, the tasks
/// finished in the latest run). v2 added <see cref="Finished"/> (null in a v1 snapshot: none); v3 holds measured
/// candidates with their hashes.
/// </summary>
public sealed record SessionSnapshot(long NextId, int Budget, bool Completed, IReadOnlyList<CandidateMeasured> Measured,
    IReadOnlyList<CandidatesProposed> Pending, string? LastActivity = null, IReadOnlyList<TaskFinished>? Finished = null) : IEngineEvent;
