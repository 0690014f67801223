using System.CommandLine;
using System.Globalization;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using Tuner.Ir.Targets;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner bench MODULE [--func NAME] [--work-dir DIR | --trace-dir DIR] [--target T] [--repeat N]`: per PrimFunc,
/// the compiled latency and GFLOP/s (FLOPs counted from the IR) of the untuned function and, beside it, of the
/// scheduled one with the speed-up, measured in the same run: scheduled by the best record of a work_dir (what
/// `tuner apply` picks), or by DIR/&lt;func&gt;.json (a TVM-format trace). Trace files that match no PrimFunc are
/// warned about.
/// </summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file" };
        var func = new Option<string?>("--func") { Description = "benchmark only this PrimFunc" };
        var traceDir = new Option<string?>("--trace-dir") { Description = "folder of <func>.json traces (TVM's JSON form) to compare with" };
        var workDir = new Option<string?>("--work-dir") { Description = "tuning records: compare each PrimFunc's best record (as `tuner apply` picks it) with the untuned function" };
        var repeat = new Option<int>("--repeat") { Description = "evaluator repeats (TVM's repeat); the mean is reported", DefaultValueFactory = _ => 3 };
        var target = TargetOption.Create();
        var cmd = new Command("bench", "Time each PrimFunc compiled, untuned and scheduled (best record of a work_dir, or a trace), with latency and GFLOP/s")
        {
            module, func, traceDir, workDir, repeat, target,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.LoadForTuning(path);
            var t = TargetOption.Resolve(parse, target);
            var dir = parse.GetValue(traceDir);
            if (dir is not null) PathArgs.InputFolder(dir, "--trace-dir");
            var records = parse.GetValue(workDir);
            if (records is not null && dir is not null) throw CliException.BadInput("error: give --work-dir or --trace-dir, not both");
            if (records is not null) PathArgs.ExistingWorkDir(records, "--work-dir");
            var err = parse.InvocationConfiguration.Error;
            if (dir is not null) WarnUnmatchedTraces(dir, mod, err);
            var applied = records is null ? null : ApplyRecords(mod, t, records, err);
            var funcs = parse.GetValue(func) is { } only
                ? [ModuleLoader.SelectFunc(mod, only, path)]
                : mod.PrimFuncs.Select(p => (p.Name, p.Func)).ToList();
            var config = new EvaluatorConfig(Number: 3, Repeat: Math.Max(1, parse.GetValue(repeat)), MinRepeatMs: 100);
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"target: {t}");
            o.WriteLine($"{"Name",-24} {"FLOP",12} {"Latency(us)",12} {"GFLOPS",9} {"Tuned(us)",12} {"GFLOPS",9} {"Speed-up",9}");
            int failures = 0;
            foreach (var (name, f) in funcs)
            {
                try
                {
                    var untuned = LocalExecution.Bench(f, t, config);
                    string tunedCols = "";
                    var scheduled = applied is not null ? Scheduled(applied, name, f) : TraceOf(dir, name, f);
                    if (scheduled is not null)
                    {
                        var tuned = LocalExecution.Bench(scheduled, t, config);
                        tunedCols = $" {Us(tuned.MeanSecs),12} {Num(tuned.Gflops),9} {Num(untuned.MeanSecs / tuned.MeanSecs) + "x",9}";
                    }
                    o.WriteLine($"{name,-24} {untuned.Flops,12:0} {Us(untuned.MeanSecs),12} {Num(untuned.Gflops),9}{tunedCols}");
                }
                catch (Exception e) when (e is MeasureException or ScheduleError)
                {
                    failures++;
                    parse.InvocationConfiguration.Error.WriteLine($"{name}: {e.Message}");
                }
            }
            return failures == 0 ? TunerCli.Ok : TunerCli.Failure;
        });
        return cmd;
    }

    /// <summary>The module with each PrimFunc's best record applied, read only (functions without one are warned about).</summary>
    private static IRModule ApplyRecords(IRModule mod, Target t, string workDir, TextWriter err)
    {
        try { return Tuning.ApplyDatabase(mod, t, workDir, err.WriteLine); }
        catch (InvalidDataException e) { throw CliException.Failed($"error: {e.Message}"); }
    }

    /// <summary>The function as the records scheduled it, or null when apply left it as it was.</summary>
    private static PrimFunc? Scheduled(IRModule applied, string name, PrimFunc untuned) =>
        applied.Lookup(name) is { } f && !ReferenceEquals(f, untuned) ? f : null;

    private static PrimFunc? TraceOf(string? dir, string name, PrimFunc f)
    {
        var tracePath = dir is null ? null : Path.Combine(dir, name + ".json");
        if (tracePath is null || !File.Exists(tracePath)) return null;
        string json;
        try { json = File.ReadAllText(tracePath); }
        catch (Exception e) when (PathArgs.IsIo(e)) { throw CliException.BadInput($"error: --trace-dir '{tracePath}': cannot be read: {PathArgs.Reason(e)}"); }
        return TraceReplay.ApplyJson(f, json);
    }

    /// <summary>Warns about DIR/*.json files named after no PrimFunc of the module (a typo would otherwise go unnoticed).</summary>
    private static void WarnUnmatchedTraces(string dir, IRModule mod, TextWriter err)
    {
        var names = mod.PrimFuncs.Select(p => p.Name).ToHashSet();
        foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            if (!names.Contains(Path.GetFileNameWithoutExtension(file)))
                err.WriteLine($"warning: {file} matches no PrimFunc of the module (PrimFuncs: {string.Join(", ", names)}); not used");
    }

    private static string Us(double secs) => (secs * 1e6).ToString("0.00", CultureInfo.InvariantCulture);
    private static string Num(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
