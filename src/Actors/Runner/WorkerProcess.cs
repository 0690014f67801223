using System.Diagnostics;
using System.Text;

namespace Tuner.Actors.Runner;

/// <summary>
/// One native worker (see runner.c): commands on stdin, replies on stdout. A command that does not answer within
/// the timeout kills the worker; a worker that dies (signal, exit) reports why. Either way the owner starts a new one.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _p;
    private readonly StringBuilder _stderr = new();

    private WorkerProcess(Process p) => _p = p;

    /// <summary>How a timeout's error begins ("timeout after 10.1 s").</summary>
    public const string TimeoutPrefix = "timeout after ";

    public static WorkerProcess Start(string exe, int threads)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // TVM's CPU runtime uses num-cores threads; OpenMP in the candidates reads this.
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var p = new Process { StartInfo = psi };
        var w = new WorkerProcess(p);
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (w._stderr) w._stderr.AppendLine(e.Data); };
        p.Start();
        p.BeginErrorReadLine();
        return w;
    }

    /// <summary>Sends one command; returns the reply line, or (null, reason) when the worker died or timed out.</summary>
    public (string? Reply, string? Failure) Send(string command, TimeSpan timeout)
    {
        lock (_stderr) _stderr.Clear();
        try
        {
            _p.StandardInput.WriteLine(command);
            _p.StandardInput.Flush();
        }
        catch (IOException) { return (null, Death()); }
        var read = _p.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout))
        {
            Kill();
            return (null, $"{TimeoutPrefix}{timeout.TotalSeconds:0.###} s");
        }
        return read.Result is { } line ? (line, null) : (null, Death());
    }

    private string Death()
    {
        if (!_p.WaitForExit(5000)) Kill();
        _p.WaitForExit(); // drains stderr
        int code = _p.ExitCode;
        string reason = code > 128 && code < 128 + 65 ? $"worker killed by {SignalName(code - 128)}" : $"worker exited with code {code}";
        string err;
        lock (_stderr) err = _stderr.ToString().Trim();
        return err.Length == 0 ? reason : $"{reason}: {err}";
    }

    public static string SignalName(int sig) => sig switch
    {
        1 => "SIGHUP", 2 => "SIGINT", 3 => "SIGQUIT", 4 => "SIGILL", 5 => "SIGTRAP", 6 => "SIGABRT", 7 => "SIGBUS",
        8 => "SIGFPE", 9 => "SIGKILL", 11 => "SIGSEGV", 13 => "SIGPIPE", 14 => "SIGALRM", 15 => "SIGTERM",
        24 => "SIGXCPU", 25 => "SIGXFSZ", 31 => "SIGSYS",
        _ => $"signal {sig}",
    };

    public bool HasExited => _p.HasExited;

    private void Kill()
    {
        try { _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _p.WaitForExit();
    }

    public void Dispose()
    {
        if (!_p.HasExited)
        {
            try
            {
                _p.StandardInput.WriteLine("quit");
                _p.StandardInput.Flush();
            }
            catch (IOException) { }
            if (!_p.WaitForExit(2000)) Kill();
        }
        _p.Dispose();
    }
}
