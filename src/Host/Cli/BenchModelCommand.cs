using System.CommandLine;
using System.Globalization;
using Tuner.Actors.Models;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Relax.Exec;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner bench-model MODEL [--work-dir DIR] [--repeat N]`: end-to-end latency of a Relax model's main (the sum of
/// its kernel calls, each timed with TVM's evaluator settings) with the per-call breakdown — untuned, and with
/// --work-dir also tuned (best records applied) in the same run, with each call's share and the speed-up.
/// </summary>
public static class BenchModelCommand
{
    public static Command Build()
    {
        var model = new Argument<string>("MODEL") { Description = "TVMScript file with a Relax main" };
        var workDir = new Option<string?>("--work-dir") { Description = "tuning records: also time the model with each PrimFunc's best schedule" };
        var repeat = new Option<int>("--repeat") { Description = "evaluator repeats per call (TVM's repeat); the mean is reported", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "seed of the random inputs", DefaultValueFactory = _ => 1 };
        var target = TargetOption.Create();
        var cmd = new Command("bench-model", "End-to-end latency of a Relax model untuned and tuned (--work-dir), with each PrimFunc call's share")
        {
            model, workDir, repeat, seed, target,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(model);
            var wd = parse.GetValue(workDir);
            if (wd is not null) PathArgs.ExistingWorkDir(wd, "--work-dir");
            var t = TargetOption.Resolve(parse, target);
            var err = parse.InvocationConfiguration.Error;
            var untunedMod = RunModelCommand.Prepare(path, t, null, err);
            var tunedMod = wd is null ? null : RunModelCommand.Prepare(path, t, wd, err);
            var inputs = ModelInputs.Load(untunedMod, [], parse.GetValue(seed));
            var config = new EvaluatorConfig(Number: 3, Repeat: Math.Max(1, parse.GetValue(repeat)), MinRepeatMs: 100);
            IReadOnlyList<CallLatency> untuned, tuned;
            try
            {
                untuned = ModelRunner.Bench(untunedMod, inputs, t, config);
                tuned = tunedMod is null ? [] : ModelRunner.Bench(tunedMod, inputs, t, config);
            }
            catch (Exception e) when (e is RelaxExecException or MeasureException) { throw CliException.Failed($"{path}: {e.Message}"); }
            Print(parse.InvocationConfiguration.Output, t.ToString(), untuned, tuned);
            return TunerCli.Ok;
        });
        return cmd;
    }

    private static string Us(double secs) => (secs * 1e6).ToString("0.0", CultureInfo.InvariantCulture);
    private static string Pct(double part, double total) => (total > 0 ? part / total * 100 : 0).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static void Print(TextWriter o, string target, IReadOnlyList<CallLatency> untuned, IReadOnlyList<CallLatency> tuned)
    {
        double tu = untuned.Sum(c => c.TotalSecs), tt = tuned.Sum(c => c.TotalSecs);
        bool hasTuned = tuned.Count > 0;
        o.WriteLine($"target: {target}");
        o.WriteLine($"{"PrimFunc",-32} {"Calls",5} {"Untuned(us)",12} {"Share",8}" + (hasTuned ? $" {"Tuned(us)",12} {"Share",8} {"Speed-up",9}" : ""));
        foreach (var u in untuned)
        {
            var line = $"{u.Func,-32} {u.Calls,5} {Us(u.TotalSecs),12} {Pct(u.TotalSecs, tu),8}";
            if (tuned.FirstOrDefault(x => x.Func == u.Func) is { } tc)
                line += $" {Us(tc.TotalSecs),12} {Pct(tc.TotalSecs, tt),8} {(u.TotalSecs / tc.TotalSecs).ToString("0.00", CultureInfo.InvariantCulture) + "x",9}";
            o.WriteLine(line);
        }
        o.WriteLine($"{"Total (end to end)",-32} {untuned.Sum(c => c.Calls),5} {Us(tu),12} {"",8}"
            + (hasTuned ? $" {Us(tt),12} {"",8} {(tu / tt).ToString("0.00", CultureInfo.InvariantCulture) + "x",9}" : ""));
    }
}
