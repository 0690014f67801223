using System.CommandLine;
using Tuner.Actors.Models;
using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.IO;
using Tuner.Ir.Relax.Exec;
using Tuner.Ir.Relax.Transforms;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner run-model MODEL --inputs a.npy b.npy ... --out-dir DIR [--work-dir DIR] [--interpret]`: legalizes and
/// fuses a Relax model, applies the work_dir's best schedules, runs main (compiled kernels, or the interpreter)
/// and writes its outputs as DIR/output_&lt;i&gt;.npy. Parameters without an input file get seeded random data.
/// </summary>
public static class RunModelCommand
{
    public static Command Build()
    {
        var model = new Argument<string>("MODEL") { Description = "TVMScript file with a Relax main (operators or call_tir)" };
        var inputs = new Option<string[]>("--inputs") { Description = "one .npy per parameter of main, in order; missing ones get random data", AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<string>("--out-dir") { Description = "folder for output_<i>.npy", Required = true };
        var workDir = new Option<string?>("--work-dir") { Description = "tuning records: run each PrimFunc's best recorded schedule (untuned where none)" };
        var interpret = new Option<bool>("--interpret") { Description = "run the kernels with the reference interpreter instead of compiled code" };
        var seed = new Option<int>("--seed") { Description = "seed of the random inputs", DefaultValueFactory = _ => 1 };
        var target = TargetOption.Create();
        var cmd = new Command("run-model", "Run a Relax model's main on .npy inputs (legalized, fused, tuned schedules with --work-dir) and write its outputs as .npy")
        {
            model, inputs, outDir, workDir, interpret, seed, target,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(model);
            var files = parse.GetValue(inputs) ?? [];
            foreach (var f in files) PathArgs.InputFile(f, "--inputs");
            var dir = PathArgs.OutputFolder(parse.GetRequiredValue(outDir), "--out-dir");
            var wd = parse.GetValue(workDir);
            if (wd is not null) PathArgs.ExistingWorkDir(wd, "--work-dir");
            var t = TargetOption.Resolve(parse, target);
            var mod = Prepare(path, t, wd, parse.InvocationConfiguration.Error);
            var args = ModelInputs.Load(mod, files, parse.GetValue(seed));
            IReadOnlyList<NDArray> outs;
            try { outs = ModelRunner.Run(mod, args, t, parse.GetValue(interpret)); }
            catch (Exception e) when (e is RelaxExecException or MeasureException) { throw CliException.Failed($"{path}: {e.Message}"); }
            var o = parse.InvocationConfiguration.Output;
            for (int i = 0; i < outs.Count; i++)
            {
                var file = Path.Combine(dir, $"output_{i}.npy");
                try { Npy.Write(file, outs[i]); }
                catch (Exception e) when (PathArgs.IsIo(e)) { throw PathArgs.WriteFailed(file, e); }
                o.WriteLine($"output_{i}: {outs[i].Dtype}{NDArray.FormatShape(outs[i].Shape)} -> {file}");
            }
            return TunerCli.Ok;
        });
        return cmd;
    }

    /// <summary>Loads, legalizes and fuses the model, and applies the work_dir's records; errors become one line.</summary>
    internal static IRModule Prepare(string path, Tuner.Ir.Targets.Target t, string? workDir, TextWriter err)
    {
        var mod = ModuleLoader.Load(path);
        if (!RelaxModule.RelaxFuncs(mod).Any(r => r.Name == "main"))
            throw CliException.BadInput($"{path}: the module has no Relax function 'main'");
        try { return ModelRunner.Prepare(mod, t, workDir, err.WriteLine); }
        catch (RelaxPassException e) { throw CliException.BadInput(e.Located(path)); }
    }
}
