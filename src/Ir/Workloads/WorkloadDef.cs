using Tuner.Ir.Script;

namespace Tuner.Ir.Workloads;

/// <summary>
/// One operator of the workload library: a generator of a TVMScript PrimFunc from its shape numbers (the tuple
/// TVM's <c>te_workload.CONFIGS</c> gives it), the shapes the benchmarks use, and a small shape the interpreter can
/// check quickly.
/// </summary>
/// <param name="Key">Short name as in the MetaSchedule paper (GMM, C2D, …), matched case-insensitively.</param>
/// <param name="Operator">What it computes, in TVM's words (te_workload function or Relax op).</param>
/// <param name="ShapeParams">The names of the shape numbers, in order.</param>
/// <param name="Shapes">Benchmark shapes; the first is the default (design §7).</param>
/// <param name="Small">A shape small enough for the reference interpreter.</param>
public sealed record WorkloadDef(
    string Key,
    string Operator,
    IReadOnlyList<string> ShapeParams,
    IReadOnlyList<long[]> Shapes,
    long[] Small,
    Func<long[], string, string> Generate,
    Func<long[], string?>? Check = null)
{
    public long[] DefaultShape => Shapes[0];

    /// <summary>The function name used when none is given: the key in lower case.</summary>
    public string DefaultName => Key.ToLowerInvariant();

    /// <summary>TVMScript of the workload at <paramref name="shape"/> (default shape when null).</summary>
    /// <exception cref="ArgumentException">the shape has the wrong count of numbers or numbers the operator cannot take.</exception>
    public string Script(IReadOnlyList<long>? shape = null, string? name = null)
    {
        var s = (shape ?? DefaultShape).ToArray();
        if (s.Length != ShapeParams.Count)
            throw new ArgumentException($"{Key} takes {ShapeParams.Count} numbers ({string.Join(",", ShapeParams)}), got {s.Length}");
        if (s.Any(x => x < 0))
            throw new ArgumentException($"{Key}: shape numbers must not be negative, got {FormatShape(s)}");
        if (Check?.Invoke(s) is { } problem) throw new ArgumentException($"{Key} {FormatShape(s)}: {problem}");
        return Generate(s, name ?? DefaultName);
    }

    /// <summary>The parsed PrimFunc of <see cref="Script"/>.</summary>
    public PrimFunc Func(IReadOnlyList<long>? shape = null, string? name = null) =>
        TvmScript.ParseFunc(Script(shape, name), $"<workload {Key}>");

    /// <summary>A one-function module (the function named <paramref name="name"/>), what `tuner tune` takes.</summary>
    public IRModule Module(IReadOnlyList<long>? shape = null, string? name = null) =>
        TvmScript.ParseModule(Script(shape, name), $"<workload {Key}>");

    public static string FormatShape(IReadOnlyList<long> shape) => string.Join(",", shape);
}
