using System.Globalization;

namespace Tuner.Host.Cli;

/// <summary>
/// What the top-level handler does with an unexpected exception: the full exception (type, message, stack trace,
/// command line) goes to a log file under the temporary folder's tuner/ folder, and the user reads one line naming it.
/// </summary>
internal static class CrashLog
{
    /// <summary>The folder of crash logs ($TMPDIR/tuner, else /tmp/tuner).</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "tuner");

    /// <summary>Writes the log and returns the one line for standard error.</summary>
    public static string Describe(Exception e, string[] args)
    {
        var first = e.Message.Split('\n')[0].Trim();
        var line = $"error: unexpected failure ({e.GetType().Name}: {first})";
        try
        {
            Directory.CreateDirectory(Folder);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var file = Path.Combine(Folder, $"crash-{stamp}-{Environment.ProcessId}.log");
            File.AppendAllText(file, $"{DateTime.UtcNow:O}\ntuner {string.Join(' ', args)}\n{e}\n\n");
            return $"{line}; details in {file}";
        }
        catch (Exception logError) when (PathArgs.IsIo(logError))
        {
            return $"{line}; no log could be written to {Folder}";
        }
    }
}
