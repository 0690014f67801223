namespace Tuner.Ir.Lowering;

/// <summary>One lowering step: a pure PrimFunc → PrimFunc transformation with a name for IR dumps.</summary>
public interface ILoweringPass
{
    string Name { get; }

    /// <summary>Returns the transformed function (the same object when nothing changed).</summary>
    PrimFunc Apply(PrimFunc func);
}

/// <summary>Thrown when a function cannot be lowered (e.g. a non-constant extent where one is required).</summary>
public sealed class LoweringException(string message) : Exception(message);

/// <summary>Rewrites a function's body with a rewriter; the common shape of body-only passes.</summary>
internal static class PassUtil
{
    public static PrimFunc WithBody(PrimFunc f, Stmt body) => ReferenceEquals(body, f.Body) ? f : f with { Body = body };
}
