using Tuner.Ir;
using Tuner.Ir.Script;

namespace Tuner.Host.Cli;

/// <summary>Reads a MODULE argument: a TVMScript file holding an @I.ir_module or a single @T.prim_func.</summary>
public static class ModuleLoader
{
    /// <summary>Parses the file; a missing file or a TVMScript error becomes a bad-input CliException with file:line:col.</summary>
    public static IRModule Load(string path)
    {
        PathArgs.InputFile(path, "MODULE");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (PathArgs.IsIo(e)) { throw CliException.BadInput($"error: MODULE '{path}': cannot be read: {PathArgs.Reason(e)}"); }
        try { return TvmScript.ParseModule(text, path); }
        catch (TvmScriptException e) { throw CliException.BadInput(e.ToString()); }
    }

    /// <summary>
    /// <see cref="Load"/>, then for a Relax model written with operators LegalizeOps → AnnotateTIROpPattern →
    /// FuseOps → FuseTIR: the module whose PrimFuncs `tune`, `apply` and `bench` work on (others come back as read).
    /// </summary>
    public static IRModule LoadForTuning(string path)
    {
        var m = Load(path);
        try { return Tuner.Actors.Models.ModelRunner.ForTuning(m); }
        catch (Tuner.Ir.Relax.Transforms.RelaxPassException e) { throw CliException.BadInput(e.Located(path)); }
    }

    /// <summary>The PrimFunc named <paramref name="name"/>; without a name, the module's only PrimFunc.</summary>
    public static (string Name, PrimFunc Func) SelectFunc(IRModule mod, string? name, string path)
    {
        var funcs = mod.PrimFuncs.ToList();
        if (name is null)
        {
            if (funcs.Count == 1) return (funcs[0].Name, funcs[0].Func);
            throw CliException.BadInput($"{path}: the module has {funcs.Count} PrimFuncs ({string.Join(", ", funcs.Select(f => f.Name))}); choose one with --func");
        }
        var f = funcs.FirstOrDefault(f => f.Name == name)
            ?? throw CliException.BadInput($"{path}: no PrimFunc named '{name}' (PrimFuncs: {string.Join(", ", funcs.Select(f => f.Name))})");
        return (f.Name, f.Func);
    }
}
