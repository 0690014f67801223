namespace Tuner.Ir.Schedule;

/// <summary>TVM's get_child_blocks(block or loop): the nearest blocks inside it, in execution order. Pure.</summary>
public static class GetChildBlocksPrimitive
{
    public const string Name = "GetChildBlocks";

    public static IReadOnlyList<string> OfBlock(ScheduleState s, string block) =>
        BlockDependencies.ChildBlocks(s.FindBlock(block, Name).Block.Body).Select(b => b.Block.Name).ToList();

    public static IReadOnlyList<string> OfLoop(ScheduleState s, Var loop) =>
        BlockDependencies.ChildBlocks(s.FindLoop(loop, Name).Body).Select(b => b.Block.Name).ToList();

    /// <summary>Inputs [block or loop]; attrs []; outputs [blocks...].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true, (sch, inputs, _, _) => inputs[0] switch
    {
        BlockRV b => sch.GetChildBlocks(b),
        LoopRV l => sch.GetChildBlocks(l),
        var x => throw new FormatException($"GetChildBlocks expects a block or loop, got {Args.Describe(x)}"),
    });
}
