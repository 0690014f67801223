using Tuner.Ir.Interp;

namespace Tuner.Ir.Relax.Exec;

/// <summary>
/// Runs the PrimFuncs a Relax function calls: <c>args</c> are the inputs followed by the (allocated) outputs, which
/// the kernel writes in place. The interpreter implements it here; compiled kernels live in Tuner.Actors.
/// </summary>
public interface IKernelRunner
{
    void Run(string name, PrimFunc func, IReadOnlyList<NDArray> args);
}

/// <summary>The reference interpreter as kernel runner (each PrimFunc compiled once per runner).</summary>
public sealed class InterpreterKernels : IKernelRunner
{
    private readonly Dictionary<string, ICompiledPrimFunc> _compiled = [];

    public void Run(string name, PrimFunc func, IReadOnlyList<NDArray> args)
    {
        if (!_compiled.TryGetValue(name, out var c)) _compiled[name] = c = Interpreter.Compile(func);
        c.Run(args);
    }
}
