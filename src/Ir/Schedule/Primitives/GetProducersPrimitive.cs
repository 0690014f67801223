namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's get_producers(block): the blocks in the same scope that write a buffer the block reads or writes before it
/// (RAW and WAW dependencies), in the order TVM's block scope lists them. Pure.
/// </summary>
public static class GetProducersPrimitive
{
    public const string Name = "GetProducers";

    public static IReadOnlyList<string> Apply(ScheduleState s, string block)
    {
        var br = s.FindBlock(block, Name);
        return ReferenceEquals(br, s.Func.Body) ? [] : BlockDependencies.OfScopeOf(s, br).Producers(block);
    }

    /// <summary>Inputs [block]; attrs []; outputs [blocks...].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true,
        (sch, inputs, _, _) => sch.GetProducers(Args.Rv<BlockRV>(inputs[0], "block")));
}
