using System.CommandLine;
using Tuner.Actors.Database;
using Tuner.Actors.Tuning;
using Tuner.Ir.Script;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner apply MODULE --work-dir DIR [--target T] [-o OUT]`: replays each PrimFunc's best valid record of DIR
/// (for the target) and prints the module as TVMScript, or writes it to OUT. Functions without a record stay as
/// they are; a warning on standard error lists them.
/// </summary>
public static class ApplyCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file (an @I.ir_module or a @T.prim_func)" };
        var workDir = new Option<string>("--work-dir") { Description = "folder of the tuning records", Required = true };
        var target = TargetOption.Create();
        var output = new Option<string?>("-o", "--output") { Description = "write the scheduled module here instead of printing it" };
        var cmd = new Command("apply", "Apply the best tuning records of a work_dir and print the scheduled module") { module, workDir, target, output };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.LoadForTuning(path);
            var dir = PathArgs.ExistingWorkDir(parse.GetRequiredValue(workDir), "--work-dir");
            if (parse.GetValue(output) is { } outFile) PathArgs.OutputFile(outFile, "-o");
            var err = parse.InvocationConfiguration.Error;
            Tuner.Ir.IRModule applied;
            try { applied = Tuning.ApplyDatabase(mod, TargetOption.Resolve(parse, target), dir, err.WriteLine); }
            catch (InvalidDataException e) { throw CliException.Failed($"error: {e.Message}"); }
            var text = TvmScript.Print(applied);
            if (parse.GetValue(output) is { } file)
            {
                try { File.WriteAllText(file, text); }
                catch (Exception e) when (PathArgs.IsIo(e)) { throw PathArgs.WriteFailed(file, e); }
            }
            else parse.InvocationConfiguration.Output.Write(text);
            return TunerCli.Ok;
        });
        return cmd;
    }
}
