using System.Globalization;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tuning;

/// <summary>The lines a tuning run prints besides the progress table: what it will do, and how it ended.</summary>
public static class TuneMessages
{
    /// <summary>Printed at once: "tuning 2 tasks (mm, relu) for target …: 64 trials (per task at most 64, 16 per round); work_dir W, logs in W/logs".</summary>
    public static string Start(IReadOnlyList<string> tasks, Target target, string workDir, string logDir, int maxTrialsGlobal, int maxTrialsPerTask, int perRound) =>
        $"tuning {tasks.Count} task{(tasks.Count == 1 ? "" : "s")} ({string.Join(", ", tasks)}) for target '{target}': " +
        $"{maxTrialsGlobal} trials (per task at most {maxTrialsPerTask}, {perRound} per round); work_dir {workDir}, logs in {logDir}";

    /// <summary>"Tuning done: …" (or "Tuning interrupted: …") with trials, failures by kind and the time split.</summary>
    public static string End(TuneSummary s, string failures)
    {
        var t = s.Timings;
        return string.Create(CultureInfo.InvariantCulture,
            $"Tuning {(s.Interrupted ? "interrupted" : "done")}: {s.TrialsThisRun} trials measured this run, {s.TotalTrials} in total; " +
            $"failed candidates this run: {failures}; wall {t.WallSecs:F1} s = search {t.SearchSecs:F1} s + cost model {t.CostModelSecs:F1} s + " +
            $"build {t.BuildSecs:F1} s + run {t.RunSecs:F1} s + journal {t.JournalSecs:F1} s + other") +
            (t.SearchAheadSecs > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {t.SearchAheadSecs:F1} s of the search ran ahead while batches built") : "");
    }
}
