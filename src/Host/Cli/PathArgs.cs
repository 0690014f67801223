using Tuner.Actors.Database;

namespace Tuner.Host.Cli;

/// <summary>
/// Checks a command's path arguments before it touches them, so that a bad path is one plain line naming the argument,
/// the path and what is wrong, with exit code 2 — never a .NET exception's wording or stack trace. Each method returns
/// the path unchanged when it is fine.
/// </summary>
public static class PathArgs
{
    /// <summary>An existing file that can be read (MODULE, --args, --trace, --config).</summary>
    public static string InputFile(string path, string what)
    {
        if (Directory.Exists(path)) throw Bad(what, path, "is a folder, not a file");
        if (!File.Exists(path))
            throw Bad(what, path, FileOnTheWay(path) is { } f ? $"no such file ({f} is a file, not a folder)"
                : MissingParent(path) is { } p ? $"no such file (folder {p} does not exist)" : "no such file");
        try { using var _ = File.OpenRead(path); }
        catch (Exception e) when (IsIo(e)) { throw Bad(what, path, "cannot be read: " + Reason(e)); }
        return path;
    }

    /// <summary>An existing folder whose entries can be listed (--trace-dir).</summary>
    public static string InputFolder(string path, string what)
    {
        if (File.Exists(path)) throw Bad(what, path, "is a file, not a folder");
        if (!Directory.Exists(path)) throw Bad(what, path, "no such folder");
        try { _ = Directory.EnumerateFileSystemEntries(path).Any(); }
        catch (Exception e) when (IsIo(e)) { throw Bad(what, path, "cannot be read: " + Reason(e)); }
        return path;
    }

    /// <summary>An existing work_dir of a tuning run, read only (apply, run, bench, records).</summary>
    public static string ExistingWorkDir(string path, string what)
    {
        InputFolder(path, what);
        var workloads = Path.Combine(path, JsonDatabase.WorkloadFile);
        if (!File.Exists(workloads)) throw Bad(what, path, $"not a work_dir (no {JsonDatabase.WorkloadFile})");
        InputFile(workloads, what);
        return path;
    }

    /// <summary>
    /// A folder the command writes into (--out-dir, tune's --work-dir): it must be writable, and is created when missing
    /// — or, with <paramref name="create"/> false, only checked to be creatable (a trial folder is made and removed
    /// where the first missing part would go), so a command line rejected later leaves nothing behind.
    /// </summary>
    public static string OutputFolder(string path, string what, bool create = true)
    {
        if (File.Exists(path)) throw Bad(what, path, "is a file, not a folder");
        if (!Directory.Exists(path))
        {
            if (FileOnTheWay(path) is { } f) throw Bad(what, path, $"cannot be created: {f} is a file, not a folder");
            var trial = create ? path : Path.Combine(NearestFolder(path), $".tuner-create-probe-{Environment.ProcessId}");
            try
            {
                Directory.CreateDirectory(trial);
                if (!create) Directory.Delete(trial);
            }
            catch (Exception e) when (IsIo(e)) { throw Bad(what, path, "cannot be created: " + Reason(e)); }
            if (!create) return path;
        }
        // Probe with a real write: permission bits do not tell about read-only mounts, and root ignores them.
        var probe = Path.Combine(path, $".tuner-write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (IsIo(e)) { throw Bad(what, path, "cannot be written: " + Reason(e)); }
        return path;
    }

    /// <summary>A file the command writes (-o): not a folder, in an existing folder, writable; an existing file is kept as is until written.</summary>
    public static string OutputFile(string path, string what)
    {
        if (Directory.Exists(path)) throw Bad(what, path, "is a folder, not a file");
        if (FileOnTheWay(path) is { } f) throw Bad(what, path, $"cannot be created: {f} is a file, not a folder");
        if (MissingParent(path) is { } p) throw Bad(what, path, $"cannot be created: folder {p} does not exist");
        bool existed = File.Exists(path);
        try
        {
            using (new FileStream(path, existed ? FileMode.Open : FileMode.CreateNew, FileAccess.Write)) { }
            if (!existed) File.Delete(path);
        }
        catch (Exception e) when (IsIo(e)) { throw Bad(what, path, (existed ? "cannot be written: " : "cannot be created: ") + Reason(e)); }
        return path;
    }

    /// <summary>A failure to write a file after the checks (a full disk, a folder removed meanwhile), in plain words, exit 1.</summary>
    public static CliException WriteFailed(string path, Exception e) => CliException.Failed($"error: {path}: cannot be written: {Reason(e)}");

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/> (-o, checked before) or, without one, prints it.</summary>
    public static void WriteOrPrint(string? file, string text, TextWriter output)
    {
        if (file is null) { output.Write(text); return; }
        try { File.WriteAllText(file, text); }
        catch (Exception e) when (IsIo(e)) { throw WriteFailed(file, e); }
    }

    /// <summary>True for the exceptions the file system throws.</summary>
    public static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException or System.Security.SecurityException;

    /// <summary>What went wrong, in plain words (the .NET messages quote paths and type names).</summary>
    internal static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException or System.Security.SecurityException => "permission denied",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException or FileNotFoundException => "the file system refuses it (no such file or directory)",
        IOException io => SystemWords(io.Message),
        _ => e.Message,
    };

    // On Unix an unmapped errno becomes an IOException whose message is strerror's text, then " : 'path'".
    private static string SystemWords(string message)
    {
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        var words = (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return words.Length == 0 ? "input/output error" : char.ToLowerInvariant(words[0]) + words[1..];
    }

    private static CliException Bad(string what, string path, string problem) => CliException.BadInput($"error: {what} '{path}': {problem}");

    /// <summary>The nearest ancestor that is a file (so nothing can be created below it), or null.</summary>
    private static string? FileOnTheWay(string path)
    {
        for (var d = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            if (File.Exists(d)) return d;
            if (Directory.Exists(d)) return null;
        }
        return null;
    }

    /// <summary>The nearest folder above a missing path that exists.</summary>
    private static string NearestFolder(string path)
    {
        var d = Path.GetDirectoryName(Path.GetFullPath(path));
        while (!string.IsNullOrEmpty(d) && !Directory.Exists(d)) d = Path.GetDirectoryName(d);
        return string.IsNullOrEmpty(d) ? Path.GetPathRoot(Path.GetFullPath(path))! : d;
    }

    /// <summary>The path's folder when it does not exist, else null.</summary>
    private static string? MissingParent(string path)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        return string.IsNullOrEmpty(parent) || Directory.Exists(parent) ? null : parent;
    }
}
