using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Tuner.Actors.Runner;

/// <summary>
/// The native worker program (runner.c, embedded in this assembly), compiled once with the C compiler into a cache
/// directory keyed by the hash of its source: <c>$XDG_CACHE_HOME/tuner/runner-&lt;hash&gt;</c> (or ~/.cache, or the temp dir).
/// Workers start in milliseconds, with no .NET start-up.
/// </summary>
public static class RunnerProgram
{
    private static readonly Lock Gate = new();
    private static string? _path;

    public static string Source()
    {
        using var s = typeof(RunnerProgram).Assembly.GetManifestResourceStream("Tuner.Actors.Runner.runner.c")
            ?? throw new InvalidOperationException("runner.c resource missing");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Path of the compiled worker; compiles it on first use (atomic rename, safe across processes).</summary>
    public static string Path(string compiler = "cc")
    {
        lock (Gate)
        {
            if (_path is not null && File.Exists(_path)) return _path;
            string src = Source();
            string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(compiler + "\n" + src)))[..16].ToLowerInvariant();
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } h ? System.IO.Path.Combine(h, ".cache")
                : System.IO.Path.GetTempPath();
            string dir = System.IO.Path.Combine(cache, "tuner");
            string exe = System.IO.Path.Combine(dir, $"runner-{hash}");
            if (!File.Exists(exe))
            {
                Directory.CreateDirectory(dir);
                string tmp = exe + $".{Environment.ProcessId}.tmp";
                string c = tmp + ".c";
                File.WriteAllText(c, src);
                var psi = new ProcessStartInfo(compiler, ["-O2", "-o", tmp, c, "-ldl"])
                { RedirectStandardError = true, RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                File.Delete(c);
                if (p.ExitCode != 0) throw new InvalidOperationException($"cannot compile the runner worker with {compiler}:\n{err}");
                File.Move(tmp, exe, overwrite: true);
            }
            return _path = exe;
        }
    }
}
