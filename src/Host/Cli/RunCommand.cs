using System.CommandLine;
using Tuner.Ir;
using Tuner.Ir.Interp;
using Tuner.Ir.IO;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner run MODULE --func NAME --args A.npy B.npy ... --out-dir DIR [--interpret]`: runs one PrimFunc once and
/// writes every buffer parameter to DIR/&lt;buffer name&gt;.npy. Compiled with the system C compiler by default
/// (--interpret: the reference interpreter); with --work-dir, the best recorded schedule of the function is run.
/// Parameters without an --args file get seeded random data.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file" };
        var func = new Option<string?>("--func") { Description = "PrimFunc to run (default: the module's only PrimFunc)" };
        var argFiles = new Option<string[]>("--args")
        {
            Description = "one .npy file per buffer parameter, in parameter order; missing trailing ones get random data",
            AllowMultipleArgumentsPerToken = true,
        };
        var outDir = new Option<string>("--out-dir") { Description = "folder for the output .npy files", Required = true };
        var interpret = new Option<bool>("--interpret") { Description = "run the reference interpreter instead of compiled code" };
        var target = TargetOption.Create();
        var workDir = new Option<string?>("--work-dir") { Description = "tuning records: run the best schedule recorded for the function (untuned when none)" };
        var seed = new Option<int>("--seed") { Description = "seed of the random data for parameters without --args", DefaultValueFactory = _ => 1 };
        var cmd = new Command("run", "Run one PrimFunc on .npy inputs and write every buffer parameter as .npy")
        {
            module, func, argFiles, outDir, interpret, seed, target, workDir,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            var mod = ModuleLoader.Load(path);
            foreach (var file in parse.GetValue(argFiles) ?? []) PathArgs.InputFile(file, "--args");
            var dir = PathArgs.OutputFolder(parse.GetRequiredValue(outDir), "--out-dir");
            if (parse.GetValue(workDir) is { } wd)
            {
                PathArgs.ExistingWorkDir(wd, "--work-dir");
                mod = Tuning.ApplyDatabase(mod, TargetOption.Resolve(parse, target), wd, parse.InvocationConfiguration.Error.WriteLine);
            }
            var (name, f) = ModuleLoader.SelectFunc(mod, parse.GetValue(func), path);
            var arrays = LoadArgs(f, parse.GetValue(argFiles) ?? [], parse.GetValue(seed));
            if (parse.GetValue(interpret))
            {
                try { Interpreter.Run(f, arrays); }
                catch (InterpreterException e) { throw CliException.Failed($"{name}: {e.Message}"); }
            }
            else
            {
                var t = TargetOption.Resolve(parse, target);
                try { arrays = LocalExecution.RunOnce(f, arrays, t).ToList(); }
                catch (MeasureException e) { throw CliException.Failed($"{name}: {e.Message}"); }
            }
            var o = parse.InvocationConfiguration.Output;
            var buffers = f.ParamBuffers.ToList();
            for (int i = 0; i < buffers.Count; i++)
            {
                var file = Path.Combine(dir, buffers[i].Name + ".npy");
                try { Npy.Write(file, arrays[i]); }
                catch (Exception e) when (PathArgs.IsIo(e)) { throw PathArgs.WriteFailed(file, e); }
                o.WriteLine($"{buffers[i].Name}: {arrays[i].Dtype}{NDArray.FormatShape(arrays[i].Shape)} -> {file}");
            }
            return TunerCli.Ok;
        });
        return cmd;
    }

    /// <summary>Reads and checks the given .npy files; the remaining buffer parameters get seeded random data.</summary>
    internal static List<NDArray> LoadArgs(PrimFunc f, string[] files, int seed)
    {
        var buffers = f.ParamBuffers.ToList();
        if (f.Params.Count != buffers.Count)
            throw CliException.BadInput("scalar parameters are not supported by 'tuner run' yet");
        if (files.Length > buffers.Count)
            throw CliException.BadInput($"{files.Length} --args files given, but the function has {buffers.Count} buffer parameters");
        var arrays = new List<NDArray>();
        var bounds = IndexOperands.Bounds(f); // a gather's index buffer gets in-range random indices
        for (int i = 0; i < buffers.Count; i++)
        {
            if (i < files.Length)
            {
                NDArray a;
                try
                {
                    a = Npy.Read(files[i]);
                    Npy.CheckAgainst(a, buffers[i], files[i]);
                }
                catch (NpyException e) { throw CliException.BadInput($"error: {e.Message}"); }
                catch (Exception e) when (PathArgs.IsIo(e)) { throw CliException.BadInput($"error: --args '{files[i]}': cannot be read: {PathArgs.Reason(e)}"); }
                arrays.Add(a);
            }
            else
            {
                var shape = buffers[i].ConstShape() ?? throw CliException.BadInput($"buffer {buffers[i].Name} has a symbolic shape: give its .npy with --args");
                arrays.Add(NDArray.Random(buffers[i].Dtype, shape, seed + i, bounds.TryGetValue(buffers[i], out long bound) ? bound : null));
            }
        }
        return arrays;
    }
}
