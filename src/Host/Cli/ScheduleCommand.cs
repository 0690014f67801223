using System.CommandLine;
using Tuner.Ir.Schedule;
using Tuner.Ir.Script;

namespace Tuner.Host.Cli;

/// <summary>`tuner schedule MODULE --func NAME --trace TRACE.json`: replay a TVM-format trace and print the module with the scheduled function.</summary>
public static class ScheduleCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file" };
        var func = new Option<string?>("--func") { Description = "PrimFunc to schedule (default: the module's only PrimFunc)" };
        var trace = new Option<string>("--trace") { Description = "trace in TVM's JSON form", Required = true };
        var cmd = new Command("schedule", "Apply a TVM-format trace to a PrimFunc and print the result as TVMScript") { module, func, trace };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.Load(path);
            var (name, f) = ModuleLoader.SelectFunc(mod, parse.GetValue(func), path);
            var tracePath = PathArgs.InputFile(parse.GetRequiredValue(trace), "--trace");
            try
            {
                var scheduled = TraceReplay.ApplyJson(f, File.ReadAllText(tracePath));
                // As TVM's sch.mod.script(): the module, with the scheduled function in place of the original.
                parse.InvocationConfiguration.Output.Write(TvmScript.Print(mod.WithFunc(name, scheduled)));
                return TunerCli.Ok;
            }
            catch (TraceReplayException e) { throw CliException.Failed($"{tracePath}: {e.Message}"); }
        });
        return cmd;
    }
}
