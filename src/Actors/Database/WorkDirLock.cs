using System.Diagnostics;
using System.Globalization;

namespace Tuner.Actors.Database;

/// <summary>
/// One writer per work_dir: an OS lock (flock, through <see cref="FileShare.None"/>) on work_dir/tuner.lock, held
/// until disposed. The kernel drops it when the process dies, so a killed tuner never leaves a stale lock. Who holds
/// it (pid, start time) is written to work_dir/tuner.lock.owner, because a flocked file cannot be read by another
/// .NET process. Call <see cref="Acquire"/> before opening the database for writing and keep the lock for the
/// whole session.
/// </summary>
public sealed class WorkDirLock : IDisposable
{
    public const string LockFile = "tuner.lock";
    public const string OwnerFile = "tuner.lock.owner";

    private readonly FileStream _stream;

    private WorkDirLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock of <paramref name="workDir"/> (creating the folder). When another process holds it: throws
    /// <see cref="WorkDirInUseException"/> at once, or with <paramref name="wait"/> polls until it is free, telling
    /// <paramref name="onWait"/> once who it waits for.
    /// </summary>
    public static WorkDirLock Acquire(string workDir, bool wait = false, Action<string>? onWait = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(workDir);
        bool told = false;
        while (true)
        {
            if (TryAcquire(workDir) is { } held) return held;
            var holder = Holder(workDir);
            if (!wait) throw new WorkDirInUseException(workDir, holder);
            if (!told) { onWait?.Invoke($"waiting for {workDir}: in use by {holder}"); told = true; }
            ct.WaitHandle.WaitOne(200);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The lock, or null when another process (or another open handle) holds it.</summary>
    public static WorkDirLock? TryAcquire(string workDir)
    {
        FileStream fs;
        try { fs = new FileStream(Path.Combine(workDir, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            return null; // the sharing violation of a held flock
        }
        var start = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var owner = $"tuner pid {Environment.ProcessId} since {start.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
        AtomicFile.WriteAllText(Path.Combine(workDir, OwnerFile), owner + "\n");
        return new WorkDirLock(fs);
    }

    /// <summary>Who holds the lock, as written in the owner file ("tuner pid 1234 since 14:02 UTC").</summary>
    public static string Holder(string workDir)
    {
        try { return File.ReadAllText(Path.Combine(workDir, OwnerFile)).Trim() is { Length: > 0 } s ? s : "another tuner process"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "another tuner process"; }
    }

    public void Dispose() => _stream.Dispose(); // the owner file stays: it only names the last holder
}

/// <summary>A second writer found the work_dir locked; the message names the holder.</summary>
public sealed class WorkDirInUseException(string workDir, string holder)
    : Exception($"{workDir}: error: work_dir in use by {holder}; wait for it to finish (or pass --wait)")
{
    public string Holder { get; } = holder;
}
