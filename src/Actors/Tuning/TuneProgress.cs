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
/// A session at its start: the plan line it prints, the tasks, the target, the global trial budget and the trials
/// the work_dir already held for these tasks (a resumed session starts part-way through its budget).
/// </summary>
public sealed record TunePlan(string Text, IReadOnlyList<TunePlanTask> Tasks, string Target, int MaxTrialsGlobal, int TrialsAtStart);

/// <summary>
/// Where a tuning run reports its progress: the plan at start, what each task is doing (search, build, measure),
/// the standing after each batch, the end. The default (<see cref="TableProgress"/>) prints TVM's progress table; a
/// live display can take its place through <see cref="TuneOptions.Progress"/>. The engine's actors call it from
/// their threads: an implementation synchronizes and never throws.
/// </summary>
public interface ITuneProgress
{
    void Started(TunePlan plan);

    /// <summary>Task <paramref name="taskId"/> (the plan's Id) entered <paramref name="phase"/> with <paramref name="count"/> candidates.</summary>
    void Phase(int taskId, TunePhase phase, int count) { }

    /// <summary>A batch was measured: every task's row as TVM's progress table shows it, and which tasks are done.</summary>
    void BatchDone(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done);

    /// <summary>The session ended (also when interrupted); <paramref name="end"/> is its "Tuning done: …" line.</summary>
    void Finished(TuneSummary summary, IReadOnlyList<bool> done, string end);
}

/// <summary>TVM's progress table after each batch, and once more at the end unless it is the same as the last one.</summary>
public sealed class TableProgress(TextWriter? output) : ITuneProgress
{
    private string? _last;

    public void Started(TunePlan plan) => Write(plan.Text + "\n");

    public void BatchDone(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done) => Write(_last = ProgressTable.Format(tasks, done));

    public void Finished(TuneSummary summary, IReadOnlyList<bool> done, string end)
    {
        var table = ProgressTable.Format(summary.Tasks, done);
        if (table != _last) Write(table); // printed once: the last batch's table is usually the final one
        Write(end + "\n");
    }

    private void Write(string text)
    {
        if (output is null) return;
        output.Write(text);
        output.Flush();
    }
}
