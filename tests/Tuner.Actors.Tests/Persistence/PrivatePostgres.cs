using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tuner.Actors.Tests.Persistence;

/// <summary>
/// A PostgreSQL server of the test's own: initdb into a temporary folder, started with pg_ctl on 127.0.0.1 and a free
/// port (trust authentication for the loopback user "tuner", fsync off: a test server), stopped and deleted on
/// dispose. PostgreSQL refuses to run as root, so as root it runs as the "postgres" user (Debian's package creates
/// it) through runuser. Binaries: initdb/pg_ctl on the PATH, else the newest /usr/lib/postgresql/N/bin.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    public const string User = "tuner";

    private readonly string _dir;
    private readonly string _bin;

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=true;Timeout=30";

    /// <summary>The folder of initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDir { get; } = FindBinDir();

    /// <summary>Why PostgreSQL tests skip here (null: they run).</summary>
    public static string? SkipReason => BinDir is null
        ? "PostgreSQL binaries (initdb, pg_ctl) not found on the PATH or in /usr/lib/postgresql/*/bin: apt-get install postgresql"
        : null;

    public PrivatePostgres()
    {
        _bin = BinDir ?? throw new InvalidOperationException(SkipReason);
        Port = FreePort();
        _dir = Path.Combine(Path.GetTempPath(), $"tuner-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(_dir);
        if (IsRoot) Run("chown", ["postgres:postgres", _dir]);
        var data = Path.Combine(_dir, "data");
        AsServerUser("initdb", ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);
        AsServerUser("pg_ctl", ["-D", data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void AsServerUser(string tool, IReadOnlyList<string> args)
    {
        var exe = Path.Combine(_bin, tool);
        if (IsRoot) Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Run(exe, args);
    }

    private void Run(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 120 s"); }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}{ServerLog()}");
    }

    private string ServerLog()
    {
        var log = Path.Combine(_dir, "server.log");
        return File.Exists(log) ? "\nserver log:\n" + File.ReadAllText(log) : "";
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version).Select(x => x.Dir).FirstOrDefault();
    }

    public void Dispose()
    {
        try { AsServerUser("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"]); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { } // already gone
        try { Directory.Delete(_dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, with the reason, only where its binaries are not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PrivatePostgres.SkipReason is { } why) Skip = why;
    }
}
