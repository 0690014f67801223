using System.CommandLine;
using System.Globalization;
using Tuner.Actors.Database;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Targets;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner records DIR`: one line per workload and target of a work_dir — the workload's index and the names of the
/// functions it was tuned under (<see cref="WorkloadNames"/>; its first block for older work_dirs), the target, the best valid tuned record's mean latency and
/// GFLOP/s, the untuned function's latency (the baseline, not a trial), and the trials with their valid and failed counts.
/// </summary>
public static class RecordsCommand
{
    public static Command Build()
    {
        var dir = new Argument<string>("DIR") { Description = "work_dir of a tuning run" };
        var cmd = new Command("records", "Show the best tuning record of each workload in a work_dir") { dir };
        cmd.SetAction(parse =>
        {
            var path = PathArgs.ExistingWorkDir(parse.GetRequiredValue(dir), "DIR");
            JsonDatabase db;
            try { db = JsonDatabase.OpenReadOnly(path, parse.InvocationConfiguration.Error.WriteLine); }
            catch (InvalidDataException e) { throw CliException.Failed($"error: {e.Message}"); }
            parse.InvocationConfiguration.Output.Write(Format(db, WorkloadNames.Read(path)));
            return TunerCli.Ok;
        });
        return cmd;
    }

    internal static string Format(JsonDatabase db, WorkloadNames names)
    {
        string Name(int workload, PrimFunc f) => names.Of(workload) is { Count: > 0 } known ? string.Join(",", known) : FirstBlock(f);
        var workloads = db.Workloads;
        var rows = new List<string[]> { new[] { "Workload", "Name", "Target", "Best latency (us)", "GFLOP/s", "Untuned (us)", "Trials", "Valid", "Failed" } };
        foreach (var group in db.Records.GroupBy(r => (r.Workload, r.Record.TargetKey)).OrderBy(g => g.Key.Workload))
        {
            var w = workloads[group.Key.Workload];
            var records = group.Select(g => g.Record).Where(r => !r.IsUntuned).ToList();
            var untuned = group.Select(g => g.Record).Where(r => r.IsUntuned && r.IsValid).ToList();
            var valid = records.Where(r => r.IsValid).ToList();
            double best = valid.Count > 0 ? valid.Min(r => r.MeanRunSecs) : double.PositiveInfinity;
            double flops = FlopCounter.Count(w.Func);
            rows.Add([
                I(group.Key.Workload), Name(group.Key.Workload, w.Func), TargetText(group.First().Record),
                valid.Count > 0 ? F(best * 1e6) : "N/A", valid.Count > 0 ? F(flops / best / 1e9) : "N/A",
                untuned.Count > 0 ? F(untuned.Min(r => r.MeanRunSecs) * 1e6) : "N/A",
                I(records.Count), I(valid.Count), I(records.Count - valid.Count),
            ]);
        }
        foreach (var (w, i) in workloads.Select((w, i) => (w, i)).Where(x => db.Records.All(r => r.Workload != x.i)))
            rows.Add([I(i), Name(i, w.Func), "-", "N/A", "N/A", "N/A", "0", "0", "0"]);
        var width = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        foreach (var r in rows)
            sb.AppendLine(string.Join("  ", r.Select((x, c) => c is 1 or 2 ? x.PadRight(width[c]) : x.PadLeft(width[c]))).TrimEnd());
        return sb.ToString();
    }

    /// <summary>For a work_dir without names (older runs): the name of the workload's first block below the root, else "main".</summary>
    internal static string FirstBlock(PrimFunc f)
    {
        string? name = null;
        NodeWalker.Walk(f.Body, s => { if (name is null && s is BlockRealize { Block.Name: var n } && n != "root") name = n; });
        return name ?? "main";
    }

    internal static string TargetText(TuningRecord r)
    {
        try { return TargetJson.FromJson(r.TargetKey).ToString(); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException) { return r.TargetKey; }
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
