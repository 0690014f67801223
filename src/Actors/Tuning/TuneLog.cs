using System.Globalization;

namespace Tuner.Actors.Tuning;

/// <summary>
/// The logs of a tuning run in work_dir/logs/ (design §6): task_scheduler.log (rounds, grants, the progress table)
/// and one task_&lt;id&gt;_&lt;name&gt;.log per task (what the search did, candidate failures). Lines are timestamped
/// and appended, so resumed runs continue the same files.
/// </summary>
internal sealed class TuneLog : IDisposable
{
    private readonly string _dir;
    private readonly StreamWriter _scheduler;
    private readonly Dictionary<int, StreamWriter> _tasks = [];

    public TuneLog(string workDir)
    {
        _dir = Path.Combine(workDir, "logs");
        Directory.CreateDirectory(_dir);
        _scheduler = Open("task_scheduler.log");
    }

    private StreamWriter Open(string name) =>
        new(new FileStream(Path.Combine(_dir, name), FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };

    public void Scheduler(string message) => Write(_scheduler, message);

    /// <summary>The logs folder (work_dir/logs).</summary>
    public string Dir => _dir;

    /// <summary>The path of a task's log file.</summary>
    public string TaskPath(int id, string name) => Path.Combine(_dir, TaskFile(id, name));

    private static string TaskFile(int id, string name) =>
        $"task_{id}_{string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_'))}.log";

    public void Task(int id, string name, string message)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(id, out var w)) _tasks[id] = w = Open(TaskFile(id, name));
            Write(w, message);
        }
    }

    private static void Write(StreamWriter w, string message)
    {
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        foreach (var line in message.TrimEnd('\n').Split('\n')) w.WriteLine($"{stamp} {line}");
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        foreach (var w in _tasks.Values) w.Dispose();
    }
}
