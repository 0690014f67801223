using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// A `tuner` child process (<see cref="CliRunner.Start"/>) whose stdout and stderr are read as they come (a full pipe
/// would block it) into one list of lines, so a test can wait for a line instead of sleeping. Disposing kills it (and
/// the compilers it started) if it still runs.
/// </summary>
internal sealed class TunerChild : IDisposable
{
    /// <summary>How long a test waits for one signal: generous, the machine is shared.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<string> _lines = [];

    private TunerChild(string name, Process process)
    {
        Name = name;
        Process = process;
    }

    public string Name { get; }
    public Process Process { get; }

    public static TunerChild Start(string name, params string[] args)
    {
        var child = new TunerChild(name, CliRunner.Start(args));
        void Append(string? line)
        {
            if (line is not null) lock (child._lines) child._lines.Add(line);
        }
        child.Process.OutputDataReceived += (_, e) => Append(e.Data);
        child.Process.ErrorDataReceived += (_, e) => Append(e.Data);
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>The first line that matches <paramref name="pattern"/> (waiting for it); fails with the output when the
    /// process exits first or <see cref="Patience"/> passes. <paramref name="others"/> go into the failure message.</summary>
    public async Task<Match> WaitFor(string pattern, string what, params TunerChild[] others)
    {
        var regex = new Regex(pattern);
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(50))
        {
            bool exited = Process.HasExited;
            foreach (var line in Lines)
                if (regex.Match(line) is { Success: true } m) return m;
            if (exited || clock.Elapsed > Patience)
                throw new TimeoutException($"{Name} {(exited ? $"exited ({Process.ExitCode})" : $"did not within {Patience.TotalSeconds} s")}: " +
                    $"{what}\n{Describe([this, .. others])}");
        }
    }

    /// <summary>Waits for the exit (at most <see cref="Patience"/>); false if it still runs.</summary>
    public async Task<bool> Exited()
    {
        using var cts = new CancellationTokenSource(Patience);
        try { await Process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>SIGKILL: no leaving, no handover, no flush.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>Sends a signal by name (INT: Ctrl-C, TERM) with kill(1).</summary>
    public void Signal(string name) => Process.Start("kill", [$"-{name}", Process.Id.ToString()]).WaitForExit();

    /// <summary>The outputs of <paramref name="children"/>, each under its name, for failure messages.</summary>
    public static string Describe(IEnumerable<TunerChild> children) =>
        string.Join("\n", children.Select(c => $"--- {c.Name}:\n{c.Output}"));

    /// <summary>Waits until <paramref name="condition"/> holds (at most <see cref="Patience"/>), then fails with <paramref name="output"/>.</summary>
    public static async Task Eventually(Func<bool> condition, string what, Func<string> output)
    {
        for (var clock = Stopwatch.StartNew(); !condition(); await Task.Delay(100))
            if (clock.Elapsed > Patience) throw new TimeoutException($"not reached within {Patience.TotalSeconds} s: {what}\n{output()}");
    }

    /// <summary>Record lines in a work_dir's record log so far (0 while there is none or it is being written).</summary>
    public static int RecordLines(string work)
    {
        var file = Path.Combine(work, "database_tuning_record.json");
        try { return File.Exists(file) ? File.ReadAllLines(file).Count(l => l.EndsWith(']')) : 0; }
        catch (IOException) { return 0; }
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // it ended meanwhile
        Process.Dispose();
    }
}
