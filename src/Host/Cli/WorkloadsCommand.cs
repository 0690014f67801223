using System.CommandLine;
using System.Globalization;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner workloads list` and `tuner workloads emit KEY [--shape 1,512,512,512] [--name F] [-o FILE]`: the
/// library's operator set (design §7) and one of them as a TVMScript file that `tuner tune` takes.
/// </summary>
public static class WorkloadsCommand
{
    public static Command Build()
    {
        var cmd = new Command("workloads", "The benchmark operator set (TVM's te_workload shapes) as TVMScript") { BuildList(), BuildEmit() };
        return cmd;
    }

    private static Command BuildList()
    {
        var cmd = new Command("list", "List the workloads with their shape parameters, default shape and FLOPs");
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var rows = WorkloadLibrary.All.Select(w => new[]
            {
                w.Key, w.Operator, string.Join(",", w.ShapeParams), WorkloadDef.FormatShape(w.DefaultShape),
                (FlopCounter.Count(w.Func()) / 1e9).ToString("G3", CultureInfo.InvariantCulture),
                string.Join("  ", w.Shapes.Skip(1).Select(WorkloadDef.FormatShape)),
            }).ToList();
            string[] header = ["KEY", "OPERATOR", "SHAPE PARAMETERS", "DEFAULT SHAPE", "GFLOP", "OTHER SHAPES"];
            var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
            foreach (var r in rows.Prepend(header))
                o.WriteLine(string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
            return TunerCli.Ok;
        });
        return cmd;
    }

    private static Command BuildEmit()
    {
        var key = new Argument<string>("KEY") { Description = "workload key, e.g. GMM (see `tuner workloads list`)" };
        var shape = new Option<string?>("--shape") { Description = "the shape numbers, comma-separated (default: the workload's default shape)" };
        var name = new Option<string?>("--name") { Description = "name of the PrimFunc (default: the key in lower case)" };
        var output = new Option<string?>("-o", "--output") { Description = "write the TVMScript here instead of printing it" };
        var cmd = new Command("emit", "Print one workload as a TVMScript PrimFunc") { key, shape, name, output };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(output) is { } outFile) PathArgs.OutputFile(outFile, "-o");
            string text;
            try
            {
                var w = WorkloadLibrary.Get(parse.GetRequiredValue(key));
                var dims = parse.GetValue(shape) is { } s ? WorkloadLibrary.ParseShape(s) : null;
                var funcName = parse.GetValue(name) ?? w.DefaultName;
                text = TvmScript.Print(w.Func(dims, funcName), funcName);
            }
            catch (ArgumentException e) { throw CliException.BadInput($"error: {e.Message}"); }
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
