namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's get_consumers(block): the blocks in the same scope that read or overwrite a buffer the block writes, after
/// it (RAW and WAW dependencies). Pure.
/// </summary>
public static class GetConsumersPrimitive
{
    public const string Name = "GetConsumers";

    public static IReadOnlyList<string> Apply(ScheduleState s, string block)
    {
        var br = s.FindBlock(block, Name);
        return ReferenceEquals(br, s.Func.Body) ? [] : BlockDependencies.OfScopeOf(s, br).Consumers(block);
    }

    /// <summary>Inputs [block]; attrs []; outputs [blocks...].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true,
        (sch, inputs, _, _) => sch.GetConsumers(Args.Rv<BlockRV>(inputs[0], "block")));
}
