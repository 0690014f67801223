namespace Tuner.Ir.Transforms;

/// <summary>
/// Passes run in order, as TVM's Sequential: each pass runs when the context enables it
/// (<see cref="PassContext.IsEnabled"/>: not disabled, and required or within the opt level); the output of one
/// is the input of the next.
/// </summary>
public sealed class Sequential : Pass
{
    public Seq<Pass> Passes { get; }

    public Sequential(params Pass[] passes) : this(passes, "sequential") { }

    public Sequential(IEnumerable<Pass> passes, string name, int optLevel = 0) : base(new PassInfo(name, optLevel))
    {
        Passes = new Seq<Pass>(passes);
    }

    protected override IRModule Run(IRModule module, PassContext context)
    {
        foreach (var p in Passes)
            if (context.IsEnabled(p.Info)) module = p.Apply(module, context);
        return module;
    }
}
