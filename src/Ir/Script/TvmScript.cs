namespace Tuner.Ir.Script;

/// <summary>
/// TVMScript in and out: parses what TVM's <c>mod.script()</c> prints (v0.23, and the v0.24 sblock spellings)
/// into core IR, and prints core IR back in TVM v0.23's style. Print(Parse(text)) is stable: printing the
/// result again gives identical text.
/// </summary>
public static class TvmScript
{
    /// <summary>Parses an <c>@I.ir_module</c> class, or a file of standalone <c>@T.prim_func</c>s (one module).</summary>
    /// <exception cref="TvmScriptException">on any syntax or semantic error, with file:line:col.</exception>
    public static IRModule ParseModule(string text, string file = "<input>") =>
        new Parser(new SourceText(text, file)).ParseFile();

    /// <summary>Parses a single <c>@T.prim_func</c>, or a module holding exactly one PrimFunc.</summary>
    public static PrimFunc ParseFunc(string text, string file = "<input>")
    {
        var m = ParseModule(text, file);
        var fs = m.PrimFuncs.ToList();
        if (fs.Count != 1)
            throw new TvmScriptException(file, 1, 1, $"expected exactly one T.prim_func, found {fs.Count}",
                new SourceText(text, file).Line(1));
        return fs[0].Func;
    }

    /// <summary>
    /// Prints a module as TVM's <c>mod.script()</c> does: header comments, @I.ir_module class, functions in TVM's order
    /// (PrimFuncs, then Relax functions, each by name; main last). A one-function module prints the same way.
    /// </summary>
    public static string Print(IRModule m) => Printer.PrintModule(m);

    /// <summary>Prints one Relax function as it appears inside a module (class-level indentation).</summary>
    public static string Print(Relax.RelaxFuncEntry f) => Printer.PrintRelax(f);

    /// <summary>
    /// Prints one PrimFunc as TVM's <c>func.script()</c> does: a standalone <c>@T.prim_func def name(...)</c> under the
    /// tir import only. Commands that show a module's function print <see cref="Print(IRModule)"/> of a module instead.
    /// </summary>
    public static string Print(PrimFunc f, string name = "main") => Printer.PrintFunc(f, name);

    /// <summary>Prints one PrimFunc as TVM prints <c>mod.script()</c> of the one-function module <c>{name: f}</c>.</summary>
    public static string PrintAsModule(PrimFunc f, string name = "main") => Printer.PrintModule(new IRModule([new PrimFuncEntry(name, f)]));
}
