namespace Tuner.Ir.Transforms;

/// <summary>
/// An IRModule → IRModule transformation, as TVM's Pass. <see cref="Apply(IRModule)"/> runs it under
/// <see cref="PassContext.Current"/>: instruments may skip it, and are told before and after it runs.
/// Build passes with <see cref="CreateModulePass"/>, <see cref="CreatePrimFuncPass"/> or <see cref="Sequential"/>.
/// </summary>
public abstract class Pass(PassInfo info)
{
    public PassInfo Info { get; } = info;

    /// <summary>Runs the pass under the current pass context.</summary>
    public IRModule Apply(IRModule module) => Apply(module, PassContext.Current);

    /// <summary>Runs the pass under <paramref name="context"/>, with its instruments around it.</summary>
    public IRModule Apply(IRModule module, PassContext context)
    {
        foreach (var i in context.Instruments)
            if (!i.ShouldRun(module, Info)) return module;
        foreach (var i in context.Instruments) i.RunBeforePass(module, Info);
        var result = Run(module, context);
        foreach (var i in context.Instruments) i.RunAfterPass(result, Info);
        return result;
    }

    /// <summary>The transformation itself.</summary>
    protected abstract IRModule Run(IRModule module, PassContext context);

    public override string ToString() => $"Pass({Info.Name})";

    /// <summary>A pass over the whole module.</summary>
    public static Pass CreateModulePass(Func<IRModule, PassContext, IRModule> transform, int optLevel, string name,
        Seq<string>? required = null, bool traceable = false) =>
        new ModulePass(new PassInfo(name, optLevel, required ?? Seq<string>.Empty, traceable), transform);

    /// <summary>
    /// A pass applied to each PrimFunc of the module in order (other functions untouched). The function gets the
    /// PrimFunc, the module as it stood before the pass, and the context; it returns the new function, or null to
    /// drop the function from the module (TVM's rule).
    /// </summary>
    public static Pass CreatePrimFuncPass(Func<PrimFunc, IRModule, PassContext, PrimFunc?> transform, int optLevel, string name,
        Seq<string>? required = null, bool traceable = false) =>
        new PrimFuncPass(new PassInfo(name, optLevel, required ?? Seq<string>.Empty, traceable), transform);

    private sealed class ModulePass(PassInfo info, Func<IRModule, PassContext, IRModule> transform) : Pass(info)
    {
        protected override IRModule Run(IRModule module, PassContext context) => transform(module, context);
    }

    private sealed class PrimFuncPass(PassInfo info, Func<PrimFunc, IRModule, PassContext, PrimFunc?> transform) : Pass(info)
    {
        protected override IRModule Run(IRModule module, PassContext context)
        {
            var functions = new List<ModuleFunc>();
            bool changed = false;
            foreach (var f in module.Functions)
            {
                if (f is not PrimFuncEntry p) { functions.Add(f); continue; }
                var next = transform(p.Func, module, context);
                if (next is null) { changed = true; continue; }
                if (!ReferenceEquals(next, p.Func)) changed = true;
                functions.Add(ReferenceEquals(next, p.Func) ? p : p with { Func = next });
            }
            return changed ? module with { Functions = new Seq<ModuleFunc>(functions) } : module;
        }
    }
}
