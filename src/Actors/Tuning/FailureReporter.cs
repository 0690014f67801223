using System.Text.RegularExpressions;
using Tuner.Actors.Runner;

namespace Tuner.Actors.Tuning;

/// <summary>
/// Failed candidates of a run, by <see cref="FailureKind"/>: the first failure of each kind goes to the console
/// when it happens (with the first lines of its message: the compiler's own), the others are counted for the
/// summary ("failed: 6 build, 2 timeout"); every failure is in the task's log either way. Also tells when a whole
/// batch failed to build with one error (a wrong target or compiler), which stops a run. Thread-safe.
/// </summary>
public sealed partial class FailureReporter(TextWriter? console, int firstLines = 8)
{
    private readonly Dictionary<FailureKind, int> _counts = [];

    /// <summary>Failures so far by kind.</summary>
    public IReadOnlyDictionary<FailureKind, int> Counts { get { lock (_counts) return new Dictionary<FailureKind, int>(_counts); } }

    /// <summary>Counts a failed measurement of <paramref name="task"/>; the first of its kind is printed, pointing at <paramref name="logFile"/>.</summary>
    public void Report(string task, MeasureResult m, string logFile)
    {
        if (m.Ok) return;
        var kind = m.Failure ?? FailureKind.Run;
        bool first;
        lock (_counts)
        {
            first = !_counts.ContainsKey(kind);
            _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        }
        if (first && console is not null)
            lock (console)
                console.WriteLine($"error: {task}: first {Describe(kind)} (later ones are counted; all are in {logFile}):\n{Indent(m.Error ?? "no message", firstLines)}");
    }

    /// <summary>"6 build, 2 timeout" (in <see cref="FailureKind"/> order), or "none".</summary>
    public string CountsText()
    {
        var counts = Counts;
        return counts.Count == 0 ? "none"
            : string.Join(", ", Enum.GetValues<FailureKind>().Where(counts.ContainsKey).Select(k => $"{counts[k]} {k.ToString().ToLowerInvariant()}"));
    }

    /// <summary>
    /// The build error shared by every candidate of <paramref name="batch"/> (two or more, all failed to build with the
    /// same message once file names are set aside), or null.
    /// </summary>
    public static string? SameBuildError(IReadOnlyList<MeasureResult> batch)
    {
        if (batch.Count < 2 || batch.Any(m => m.Ok || m.Failure != FailureKind.Build)) return null;
        var first = Normalize(batch[0].Error ?? "");
        return batch.All(m => Normalize(m.Error ?? "") == first) ? batch[0].Error : null;
    }

    private static string Describe(FailureKind kind) => kind switch
    {
        FailureKind.Build => "candidate that failed to build",
        FailureKind.Run => "candidate that failed to run",
        FailureKind.Timeout => "candidate that timed out",
        FailureKind.Verification => "candidate with wrong outputs",
        _ => "failure of the untuned function",
    };

    /// <summary>The first <paramref name="lines"/> lines, indented, and how many more there were.</summary>
    public static string Indent(string message, int lines)
    {
        var all = message.TrimEnd().Split('\n');
        var shown = string.Join("\n", all.Take(lines).Select(l => "  " + l.TrimEnd('\r')));
        return all.Length > lines ? $"{shown}\n  … ({all.Length - lines} more lines)" : shown;
    }

    // The builder's temporary files (…/tuner-build/123/b4_ab12cd34/batch0.c) and generated names (cand_3) differ per candidate.
    private static string Normalize(string error) => CandidateName().Replace(BuildFile().Replace(error, "<file>"), "cand");

    [GeneratedRegex(@"\S*tuner-build\S*?\.(c|so)\b")]
    private static partial Regex BuildFile();

    [GeneratedRegex(@"\bcand_?\d+\b")]
    private static partial Regex CandidateName();
}

/// <summary>The tuning run cannot go on (e.g. every candidate fails to build with one error); the message says why.</summary>
public sealed class TuningFailedException(string message) : Exception(message);
