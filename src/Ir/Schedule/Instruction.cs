namespace Tuner.Ir.Schedule;

/// <summary>
/// One applied schedule primitive as TVM records it: kind, inputs (RVs, null for None, strings, longs, doubles,
/// nested lists), attrs (raw values: long, double, string, nested lists) and the RVs it produced.
/// Identity equality: a trace keys decisions by instruction.
/// </summary>
public sealed class Instruction(InstructionKind kind, IReadOnlyList<object?> inputs, IReadOnlyList<object?> attrs, IReadOnlyList<RandomVariable> outputs)
{
    public InstructionKind Kind { get; } = kind;
    public IReadOnlyList<object?> Inputs { get; } = inputs;
    public IReadOnlyList<object?> Attrs { get; } = attrs;
    public IReadOnlyList<RandomVariable> Outputs { get; } = outputs;

    public override string ToString() => $"{Kind.Name}({Inputs.Count} inputs, {Attrs.Count} attrs) -> {Outputs.Count}";
}

/// <summary>Applies an instruction of a kind to a schedule: (schedule, inputs with RVs already translated, attrs, decision) → outputs.</summary>
public delegate IReadOnlyList<RandomVariable> ApplyInstruction(Schedule sch, IReadOnlyList<object?> inputs, IReadOnlyList<object?> attrs, object? decision);

/// <summary>
/// A kind of instruction (TVM's InstructionKind): its name as in the trace JSON, whether it is pure (a getter or
/// sampler that changes no IR, removable by <see cref="Trace.Simplified"/> when its outputs are unused) and how
/// to apply it. Every kind is registered in <see cref="InstructionKinds"/>.
/// </summary>
public sealed class InstructionKind(string name, bool isPure, ApplyInstruction apply)
{
    public string Name { get; } = name;
    public bool IsPure { get; } = isPure;
    public ApplyInstruction Apply { get; } = apply;

    /// <summary>EnterPostproc marks the start of postprocessing; traces can drop it and everything after.</summary>
    public bool IsPostproc => Name == EnterPostprocPrimitive.Name;

    public override string ToString() => Name;
}

/// <summary>Typed access to instruction arguments (they travel as objects, as in TVM).</summary>
internal static class Args
{
    public static long Long(object? o, string what) => o switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        bool b => b ? 1 : 0,
        _ => throw new FormatException($"expected an integer for {what}, got {Describe(o)}"),
    };

    public static double Double(object? o, string what) => o switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => throw new FormatException($"expected a number for {what}, got {Describe(o)}"),
    };

    public static bool Bool(object? o, string what) => Long(o, what) != 0;

    public static string Str(object? o, string what) => o as string ?? throw new FormatException($"expected a string for {what}, got {Describe(o)}");

    public static IReadOnlyList<object?> List(object? o, string what) => o switch
    {
        IReadOnlyList<object?> l => l,
        System.Collections.IEnumerable e and not string => e.Cast<object?>().ToList(),
        _ => throw new FormatException($"expected a list for {what}, got {Describe(o)}"),
    };

    public static T Rv<T>(object? o, string what) where T : RandomVariable =>
        o as T ?? throw new FormatException($"expected a {typeof(T).Name} for {what}, got {Describe(o)}");

    public static string Describe(object? o) => o switch
    {
        null => "None",
        string s => $"\"{s}\"",
        RandomVariable r => r.GetType().Name,
        _ => o.ToString() ?? o.GetType().Name,
    };
}
