namespace Tuner.Actors.Tuning;

/// <summary>What a tuning session is doing for one task right now.</summary>
public enum TunePhase
{
    /// <summary>The search is generating candidates (count: how many it was asked for).</summary>
    Searching,
    /// <summary>Candidates are being compiled (count: how many).</summary>
    Building,
    /// <summary>Candidates are being timed and verified (count: how many).</summary>
    Measuring,
}

/// <summary>One task of a session as planned: its number in the progress table, name, FLOPs per call and weight.</summary>
public sealed record TunePlanTask(int Id, string Name, double Flops, int Weight);

/// <summary>
/// A session at its start: the tasks, the target, the global trial budget and the trials the work_dir already held
/// for these tasks (a resumed session starts part-way through its budget).
/// </summary>
public sealed record TunePlan(IReadOnlyList<TunePlanTask> Tasks, string Target, int MaxTrialsGlobal, int TrialsAtStart);

/// <summary>
/// Progress events of a tuning session, for a display (the CLI's live table, plain log lines). The engine calls
/// them in this order: <see cref="OnPlan"/> once, then for each batch <see cref="OnPhase"/> as it moves through
/// search, build and measurement and <see cref="OnBatchDone"/> with the whole table, then <see cref="OnFinished"/>
/// once. Calls may come from any thread but not concurrently for one session; an implementation must not throw.
/// </summary>
public interface ITuneProgress
{
    void OnPlan(TunePlan plan);

    /// <summary>Task <paramref name="taskId"/> (the plan's Id) entered <paramref name="phase"/> with <paramref name="count"/> candidates.</summary>
    void OnPhase(int taskId, TunePhase phase, int count);

    /// <summary>A batch was measured: every task's row as TVM's progress table shows it, and which tasks are done.</summary>
    void OnBatchDone(IReadOnlyList<TaskSummary> rows, IReadOnlyList<bool> done);

    /// <summary>The session ended (also when interrupted: <see cref="TuneSummary.Interrupted"/>).</summary>
    void OnFinished(TuneSummary summary);
}
