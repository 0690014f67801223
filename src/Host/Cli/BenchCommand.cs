using System.CommandLine;
using System.Globalization;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner bench MODULE [--func NAME] [--trace-dir DIR] [--target T] [--repeat N]`: per PrimFunc, the compiled
/// latency and GFLOP/s (FLOPs counted from the IR) of the untuned function and, where DIR holds
/// &lt;func&gt;.json (a TVM-format trace), of the scheduled one with the speed-up, measured in the same run.
/// </summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file" };
        var func = new Option<string?>("--func") { Description = "benchmark only this PrimFunc" };
        var traceDir = new Option<string?>("--trace-dir") { Description = "folder of <func>.json traces (TVM's JSON form) to compare with" };
        var repeat = new Option<int>("--repeat") { Description = "evaluator repeats (TVM's repeat); the mean is reported", DefaultValueFactory = _ => 3 };
        var target = TargetOption.Create();
        var cmd = new Command("bench", "Time each PrimFunc compiled (untuned, and scheduled by a trace) and print latency and GFLOP/s")
        {
            module, func, traceDir, repeat, target,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.Load(path);
            var t = TargetOption.Resolve(parse, target);
            var dir = parse.GetValue(traceDir);
            if (dir is not null && !Directory.Exists(dir)) throw CliException.BadInput($"{dir}: error: no such folder");
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
                    var tracePath = dir is null ? null : Path.Combine(dir, name + ".json");
                    if (tracePath is not null && File.Exists(tracePath))
                    {
                        var scheduled = TraceReplay.ApplyJson(f, File.ReadAllText(tracePath));
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

    private static string Us(double secs) => (secs * 1e6).ToString("0.00", CultureInfo.InvariantCulture);
    private static string Num(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
