namespace Tuner.Actors.Tuning;

/// <summary>
/// Where a tuning run reports its progress: the plan at start, the standing after each batch, the end. The default
/// (<see cref="TableProgress"/>) prints TVM's progress table; a live display can take its place through
/// <see cref="TuneOptions.Progress"/>.
/// </summary>
public interface ITuneProgress
{
    void Started(string plan);
    void BatchDone(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done);
    void Finished(TuneSummary summary, IReadOnlyList<bool> done, string end);
}

/// <summary>TVM's progress table after each batch, and once more at the end unless it is the same as the last one.</summary>
public sealed class TableProgress(TextWriter? output) : ITuneProgress
{
    private string? _last;

    public void Started(string plan) => Write(plan + "\n");

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
