using System.CommandLine;
using Tuner.Host.Report;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner report WORK_DIR [-o report.html]`: one self-contained HTML page about a work_dir — per task the tuning
/// curve against trials and against wall time, the latency distribution, the failures by kind, a table with TVM's
/// columns, trials per minute and the time split, and the session's totals — with its plots also written as PNG files
/// into a folder beside the page (report_files/ for report.html). Reads the work_dir only.
/// </summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var dir = new Argument<string>("WORK_DIR") { Description = "work_dir of a tuning run (read only)" };
        var output = new Option<string>("-o", "--output") { Description = "the HTML page to write (default: report.html); its plots go to <name>_files/ beside it", DefaultValueFactory = _ => "report.html" };
        var cmd = new Command("report", "Make an HTML report with plots of a work_dir's tuning") { dir, output };
        cmd.SetAction(parse =>
        {
            var workDir = PathArgs.ExistingWorkDir(parse.GetRequiredValue(dir), "WORK_DIR");
            var page = PathArgs.OutputFile(parse.GetRequiredValue(output), "-o");
            var err = parse.InvocationConfiguration.Error;
            ReportData data;
            try { data = ReportData.Load(workDir, err.WriteLine); }
            catch (InvalidDataException e) { throw CliException.Failed($"error: {e.Message}"); }
            if (data.Tasks.Count == 0) err.WriteLine($"warning: {workDir} holds no tuning records; the report is empty");
            var plots = data.Tasks.ToDictionary(t => t.Id, t => (IReadOnlyList<PlotImage>)new[]
            {
                ReportPlots.CurveByTrials(t), ReportPlots.CurveByTime(t), ReportPlots.LatencyHistogram(t), ReportPlots.Failures(t),
            }.OfType<PlotImage>().ToList());
            string files = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(page))!, Path.GetFileNameWithoutExtension(page) + "_files");
            try
            {
                Directory.CreateDirectory(files);
                foreach (var p in plots.Values.SelectMany(p => p)) File.WriteAllBytes(Path.Combine(files, p.FileName), p.Png);
                File.WriteAllText(page, ReportHtml.Build(data, plots, DateTime.UtcNow));
            }
            catch (Exception e) when (PathArgs.IsIo(e)) { throw PathArgs.WriteFailed(page, e); }
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {page}: {data.Tasks.Count} task(s), {data.Tasks.Sum(t => t.Trials.Count)} trials, {plots.Values.Sum(p => p.Count)} plots (also in {files})");
            return TunerCli.Ok;
        });
        return cmd;
    }
}
