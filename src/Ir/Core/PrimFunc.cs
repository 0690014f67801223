namespace Tuner.Ir;

/// <summary>
/// A TIR function. Params are handles (buffer params, with their Buffer in BufferMap) or scalars.
/// A function written with blocks has a root BlockRealize (block "root") as body; its alloc_buffers are
/// the function-level T.alloc_buffer. IsPrivate marks @T.prim_func(private=True); it is linkage, not content,
/// and structural equality ignores it.
/// </summary>
public sealed record PrimFunc(Seq<Var> Params, Seq<(Var Param, Buffer Buffer)> BufferMap, Stmt Body, Attrs Attrs, bool IsPrivate = false)
{
    public Buffer? BufferOf(Var param)
    {
        foreach (var (p, b) in BufferMap) if (ReferenceEquals(p, param)) return b;
        return null;
    }

    /// <summary>The buffers bound to parameters, in parameter order.</summary>
    public IEnumerable<Buffer> ParamBuffers => Params.Select(BufferOf).OfType<Buffer>();

    /// <summary>The root block, when the body is the implicit root block realize.</summary>
    public Block? RootBlock => Body is BlockRealize { Block: { Name: "root" } b } ? b : null;
}

/// <summary>A module entry: a PrimFunc, or an opaque function (e.g. @R.function) kept as verbatim text.</summary>
public abstract record ModuleFunc(string Name);

/// <summary>A TIR function in a module.</summary>
public sealed record PrimFuncEntry(string Name, PrimFunc Func) : ModuleFunc(Name);

/// <summary>A non-TIR function kept verbatim, decorators included, as its source text (original indentation).</summary>
public sealed record OpaqueEntry(string Name, string Text) : ModuleFunc(Name);

/// <summary>
/// An IRModule: functions in source order. Header holds the lines before the class (e.g. "# from tvm.script import ..."),
/// kept for printing; Extra holds non-function class-level text (module attrs, global infos) verbatim.
/// </summary>
public sealed record IRModule(string Name, Seq<ModuleFunc> Functions, Seq<string> Extra)
{
    public IRModule(Seq<ModuleFunc> functions) : this("Module", functions, Seq<string>.Empty) { }

    public IEnumerable<PrimFuncEntry> PrimFuncs => Functions.OfType<PrimFuncEntry>();

    public PrimFunc? Lookup(string name) =>
        Functions.OfType<PrimFuncEntry>().FirstOrDefault(f => f.Name == name)?.Func;

    public IRModule WithFunc(string name, PrimFunc func) =>
        this with { Functions = Functions.Map(f => f.Name == name && f is PrimFuncEntry p ? p with { Func = func } : f) };
}
