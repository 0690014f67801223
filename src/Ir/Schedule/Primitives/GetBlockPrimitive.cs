namespace Tuner.Ir.Schedule;

/// <summary>GetBlock: no block (or several blocks) with the name in the function.</summary>
public sealed class BlockNotFoundError(string name, string funcName, int count)
    : ScheduleError(GetBlockPrimitive.Name, count == 0
        ? $"no block named '{name}' in function '{funcName}'"
        : $"{count} blocks are named '{name}' in function '{funcName}'; block names must be unique")
{
    public string BlockName { get; } = name;
}

/// <summary>TVM's get_block(name, func_name): the block with that name. Pure.</summary>
public static class GetBlockPrimitive
{
    public const string Name = "GetBlock";

    /// <summary>Checks that exactly one block carries <paramref name="name"/>; returns its realize.</summary>
    public static BlockRealize Apply(ScheduleState s, string name, string funcName)
    {
        var found = s.BlockRealizes().Where(b => b.Block.Name == name).ToList();
        if (found.Count != 1) throw new BlockNotFoundError(name, funcName, found.Count);
        return found[0];
    }

    /// <summary>Inputs []; attrs [name, func_name]; outputs [block].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: true,
        (sch, _, attrs, _) => [sch.GetBlock(Args.Str(attrs[0], "name"), Args.Str(attrs[1], "func_name"))]);
}
