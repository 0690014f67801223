namespace Tuner.Ir.Schedule;

/// <summary>
/// A random variable handed out by a <see cref="Schedule"/>: an identity object (reference equality) that the
/// schedule maps to what it stands for. Traces refer to RVs, never to IR nodes, so a trace replays on a fresh schedule.
/// </summary>
public abstract class RandomVariable
{
    private protected RandomVariable() { }

    /// <summary>The letter TVM's trace JSON names outputs of this type with (b, l, v).</summary>
    public abstract char Prefix { get; }
}

/// <summary>Refers to a block (by name in the schedule's map).</summary>
public sealed class BlockRV : RandomVariable
{
    public override char Prefix => 'b';
}

/// <summary>Refers to a loop (by loop Var in the schedule's map), or to the root/inline markers of SampleComputeLocation.</summary>
public sealed class LoopRV : RandomVariable
{
    public override char Prefix => 'l';
}

/// <summary>Refers to an integer value (a sampled decision, e.g. a tile factor).</summary>
public sealed class ExprRV : RandomVariable
{
    public override char Prefix => 'v';
}
