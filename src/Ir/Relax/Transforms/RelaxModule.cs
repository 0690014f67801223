namespace Tuner.Ir.Relax.Transforms;

/// <summary>Module helpers shared by the Relax passes: TVM's function order and fresh names.</summary>
public static class RelaxModule
{
    /// <summary>TVM's printing order, which its passes' outputs follow: PrimFuncs by name, then Relax functions by name, main last.</summary>
    public static IRModule Sorted(IRModule m) => m with { Functions = Script.Printer.PrintOrder(m.Functions).ToSeq() };

    /// <summary>TVM's NameSupply: the hint itself, else hint1, hint2, ...</summary>
    public static string Fresh(string hint, ISet<string> used)
    {
        string name = hint;
        for (int i = 1; used.Contains(name); i++) name = hint + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        used.Add(name);
        return name;
    }

    public static IEnumerable<RelaxFuncEntry> RelaxFuncs(IRModule m) => m.Functions.OfType<RelaxFuncEntry>();

    /// <summary>The function with its bindings' values replaced by <paramref name="rewrite"/> (which may return the same value).</summary>
    public static RelaxFunction MapBindings(RelaxFunction f, Func<Binding, RExpr> rewrite) => f with
    {
        Blocks = f.Blocks.Map(b => b with { Bindings = b.Bindings.Map(x => x with { Value = rewrite(x) }) }),
    };
}

/// <summary>
/// A Relax pass cannot transform the module (e.g. an operator it cannot legalize); the message names the binding,
/// Line and Col locate it in the source when known (0 otherwise).
/// </summary>
public sealed class RelaxPassException(string message, int line = 0, int col = 0) : Exception(message)
{
    public int Line { get; } = line;
    public int Col { get; } = col;

    public RelaxPassException(string message, Binding at) : this(message, at.Line, at.Col) { }

    /// <summary>The message prefixed with file:line:col (or file: when the binding was built by a pass).</summary>
    public string Located(string file) => Line > 0 ? $"{file}:{Line}:{Col}: {Message}" : $"{file}: {Message}";
}
