namespace Tuner.Ir.Schedule;

/// <summary>TVM's get_loops(block): the loops above a block up to its scope block, outermost first. Pure.</summary>
public static class GetLoopsPrimitive
{
    public const string Name = "GetLoops";

    public static IReadOnlyList<Var> Apply(ScheduleState s, string block) =>
        s.LoopsAbove(s.FindBlock(block, Name)).Select(f => f.LoopVar).ToList();

    /// <summary>Inputs [block]; attrs []; outputs [loops...].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true,
        (sch, inputs, _, _) => sch.GetLoops(Args.Rv<BlockRV>(inputs[0], "block")));
}
