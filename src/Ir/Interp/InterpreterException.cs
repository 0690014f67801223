namespace Tuner.Ir.Interp;

/// <summary>
/// A PrimFunc could not be compiled or executed by the <see cref="Interpreter"/>: wrong arguments,
/// out-of-bounds access, division by zero, unbound variables, unsupported nodes. The message names the culprit.
/// </summary>
public sealed class InterpreterException(string message) : Exception(message);
