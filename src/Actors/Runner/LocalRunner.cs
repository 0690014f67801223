using System.Globalization;
using Tuner.Ir;

namespace Tuner.Actors.Runner;

/// <summary>
/// Runs built candidates in a native worker process (runner.c), one at a time (timings must not overlap).
/// A candidate that crashes (SIGSEGV, abort, ...) or exceeds the timeout fails with the signal name or
/// "timeout after N s"; its worker is replaced and the next candidate runs in a fresh one.
/// Arguments travel as files (in /dev/shm when available) mapped by the worker, so outputs come back without copies
/// through pipes. Thread-safe; dispose to stop the worker.
/// </summary>
public sealed class LocalRunner(RunnerOptions options) : IDisposable
{
    private readonly Lock _gate = new();
    private WorkerProcess? _worker;

    public RunnerOptions Options { get; } = options;

    /// <summary>Number of workers started so far (1 + replacements after crashes/timeouts).</summary>
    public int WorkersStarted { get; private set; }

    public IReadOnlyList<RunResult> Run(IReadOnlyList<RunRequest> requests) => requests.Select(Run).ToArray();

    public RunResult Run(RunRequest r)
    {
        lock (_gate)
        {
            string dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(),
                $"tuner-run-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
            Directory.CreateDirectory(dir);
            try
            {
                var files = new string[r.Args.Count];
                for (int i = 0; i < files.Length; i++)
                {
                    files[i] = Path.Combine(dir, $"arg{i}.bin");
                    File.WriteAllBytes(files[i], r.Args[i].Data);
                }
                var c = r.Config;
                var fields = new List<string>
                {
                    "run", r.Artifact, r.Symbol, I(c.Number), I(c.Repeat), I(c.MinRepeatMs),
                    c.EnableCpuCacheFlush ? "1" : "0", c == EvaluatorConfig.Once ? "0" : "1",
                    (r.SlowCutoffSecs is > 0 and var cut ? cut * 1e3 : 0).ToString("R", CultureInfo.InvariantCulture), I(files.Length),
                };
                fields.AddRange(files);
                if (fields.Any(f => f.Contains('\t') || f.Contains('\n')))
                    return new RunResult(null, "paths must not contain tabs or newlines");
                // The timeout covers the timing loop too: repeat × min_repeat_ms on top of the run itself.
                var timeout = Options.Timeout + TimeSpan.FromMilliseconds((double)c.Repeat * c.MinRepeatMs);
                var worker = Worker(out var startFailure);
                if (worker is null) return new RunResult(null, $"the runner worker did not start: {startFailure}");
                var (reply, failure) = worker.Send(string.Join('\t', fields), timeout);
                if (failure is not null)
                {
                    _worker!.Dispose();
                    _worker = null;
                    return new RunResult(null, failure);
                }
                if (reply!.StartsWith("err ", StringComparison.Ordinal)) return new RunResult(null, reply[4..]);
                if (!reply.StartsWith("ok", StringComparison.Ordinal)) return new RunResult(null, $"unexpected worker reply: {reply}");
                var parts = reply[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var secs = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out secs[i]))
                        return new RunResult(null, $"unexpected worker reply: {reply}");
                var args = r.ReturnArgs
                    ? r.Args.Select((a, i) => new NDArray(a.Dtype, a.Shape, File.ReadAllBytes(files[i]))).ToArray()
                    : null;
                return new RunResult(secs, null, args);
            }
            finally
            {
                try { Directory.Delete(dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The running worker, or a new one that has answered a ping: its start-up (exec, loading) is timed apart, so a
    /// slow start on a loaded machine is not charged to the candidate's timeout. Null when it did not answer.
    /// </summary>
    private WorkerProcess? Worker(out string? failure)
    {
        failure = null;
        if (_worker is { HasExited: false }) return _worker;
        _worker?.Dispose();
        _worker = WorkerProcess.Start(RunnerProgram.Path(Options.Compiler), Options.NumThreads);
        WorkersStarted++;
        var (_, pingFailure) = _worker.Send("ping", Options.Timeout);
        if (pingFailure is null) return _worker;
        _worker.Dispose();
        _worker = null;
        failure = pingFailure;
        return null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _worker?.Dispose();
            _worker = null;
        }
    }
}
