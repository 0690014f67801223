namespace Tuner.Ir.Interp;

/// <summary>
/// The reference interpreter over TIR: the oracle for schedule primitives and lowering. The function is compiled
/// once into closures (variables in slots), then run. Semantics, chosen to match the C the code generator emits
/// without fast-math:
/// integers wrap to their width, Div/Mod truncate, FloorDiv/FloorMod round toward −∞, division by zero throws;
/// float32/float16 results are rounded after every operation; float→int casts truncate;
/// every loop kind (parallel, vectorized, unrolled, thread-bound) runs sequentially;
/// And/Or short-circuit (as C's && and ||), if_then_else is lazy, Select evaluates both branches;
/// Min/Max on floats propagate NaN;
/// a block is skipped where its predicate is false, its bound iter values must lie in their domains, its Init
/// runs when every reduce iter var is at its domain minimum, and its alloc_buffers are fresh at each entry,
/// filled with NaN (floats) or 0xA5 bytes (integers) so that reads before writes show;
/// every access is bounds-checked against the buffer's shape.
/// </summary>
public static class Interpreter
{
    /// <summary>
    /// Runs <paramref name="f"/> on <paramref name="args"/>, one per parameter in order (a buffer parameter takes an
    /// array of the buffer's dtype and shape, a scalar parameter a 0-d array); outputs are written in place.
    /// Throws <see cref="InterpreterException"/> on a wrong argument, an out-of-bounds access, a division by zero,
    /// or IR it cannot execute.
    /// </summary>
    public static void Run(PrimFunc f, IReadOnlyList<NDArray> args) =>
        Cache.GetValue(f, static g => Compile(g)).Run(args);

    /// <summary>Runs <paramref name="f"/> as <see cref="Run(PrimFunc, IReadOnlyList{NDArray})"/> does, with extra checks.</summary>
    public static void Run(PrimFunc f, IReadOnlyList<NDArray> args, InterpreterOptions options) => Compile(f, options).Run(args);

    /// <summary>Compiles <paramref name="f"/> once into closures, for running it on many argument sets.</summary>
    public static ICompiledPrimFunc Compile(PrimFunc f, InterpreterOptions? options = null) =>
        new Compiler(options ?? InterpreterOptions.Default).CompileFunc(f);

    // Keyed by the PrimFunc object (not its value), weakly: running the same function again skips compilation.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PrimFunc, ICompiledPrimFunc> Cache = new();
}

/// <summary>A PrimFunc compiled by <see cref="Interpreter.Compile"/>. Each run has its own environment, so concurrent runs are safe when they share no output arrays.</summary>
public interface ICompiledPrimFunc
{
    /// <summary>Runs the function on <paramref name="args"/>; see <see cref="Interpreter.Run"/>.</summary>
    void Run(IReadOnlyList<NDArray> args);
}
