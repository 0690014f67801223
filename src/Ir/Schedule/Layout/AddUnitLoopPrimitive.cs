namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's add_unit_loop(block_or_loop): wraps a block realize or a loop in a new serial loop of extent 1 named
/// <c>u</c> (int32 as TVM), e.g. so that a block at the root has a loop to compute other blocks at.
/// Precondition: the block exists and is not the root block; the loop exists. Result: the new loop.
/// </summary>
public static class AddUnitLoopPrimitive
{
    public const string Name = "AddUnitLoop";

    public static Var ApplyToBlock(ScheduleState s, string block)
    {
        var br = s.FindBlock(block, Name);
        if (s.ParentBlock(br) is null) throw new ScheduleError(Name, $"block '{block}' is the root block");
        return Wrap(s, br);
    }

    public static Var ApplyToLoop(ScheduleState s, Var loop) => Wrap(s, s.FindLoop(loop, Name));

    private static Var Wrap(ScheduleState s, Stmt stmt)
    {
        var u = new Var("u", DataType.Int32);
        s.Replace(stmt, new For(u, new IntImm(DataType.Int32, 0), new IntImm(DataType.Int32, 1), ForKind.Serial, stmt));
        return u;
    }
}
