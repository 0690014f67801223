using System.CommandLine;
using Tuner.Ir.Script;

namespace Tuner.Host.Cli;

/// <summary>`tuner fmt MODULE`: parse a TVMScript file and print it back in TVM's style.</summary>
public static class FmtCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file (an @I.ir_module or a @T.prim_func)" };
        var cmd = new Command("fmt", "Parse a TVMScript module and print it back as TVM prints it") { module };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.Load(path);
            parse.InvocationConfiguration.Output.Write(TvmScript.Print(mod));
            return TunerCli.Ok;
        });
        return cmd;
    }
}
