namespace Tuner.Ir.Schedule;

public partial class Schedule
{
    /// <summary>The block named <paramref name="name"/> in function <paramref name="funcName"/> (this schedule's function).</summary>
    public BlockRV GetBlock(string name, string funcName = "main")
    {
        if (funcName != FuncName) throw new ScheduleError(GetBlockPrimitive.Name, $"function '{funcName}' is not scheduled here (this schedule holds '{FuncName}')");
        GetBlockPrimitive.Apply(State, name, funcName);
        var rv = NewBlockRV(name);
        Record(GetBlockPrimitive.Kind, [], [name, funcName], [rv]);
        return rv;
    }

    /// <summary>The loops above a block, outermost first, up to its scope block.</summary>
    public IReadOnlyList<LoopRV> GetLoops(BlockRV block)
    {
        var loops = GetLoopsPrimitive.Apply(State, Get(block)).Select(NewLoopRV).ToArray();
        Record(GetLoopsPrimitive.Kind, [block], [], loops);
        return loops;
    }

    /// <summary>The nearest blocks inside a block's body.</summary>
    public IReadOnlyList<BlockRV> GetChildBlocks(BlockRV block)
    {
        var blocks = GetChildBlocksPrimitive.OfBlock(State, Get(block)).Select(NewBlockRV).ToArray();
        Record(GetChildBlocksPrimitive.Kind, [block], [], blocks);
        return blocks;
    }

    /// <summary>The nearest blocks inside a loop.</summary>
    public IReadOnlyList<BlockRV> GetChildBlocks(LoopRV loop)
    {
        var blocks = GetChildBlocksPrimitive.OfLoop(State, RealLoop(loop, GetChildBlocksPrimitive.Name)).Select(NewBlockRV).ToArray();
        Record(GetChildBlocksPrimitive.Kind, [loop], [], blocks);
        return blocks;
    }

    /// <summary>The producers of a block in its scope (RAW/WAW dependencies into it).</summary>
    public IReadOnlyList<BlockRV> GetProducers(BlockRV block)
    {
        var blocks = GetProducersPrimitive.Apply(State, Get(block)).Select(NewBlockRV).ToArray();
        Record(GetProducersPrimitive.Kind, [block], [], blocks);
        return blocks;
    }

    /// <summary>The consumers of a block in its scope (RAW/WAW dependencies out of it).</summary>
    public IReadOnlyList<BlockRV> GetConsumers(BlockRV block)
    {
        var blocks = GetConsumersPrimitive.Apply(State, Get(block)).Select(NewBlockRV).ToArray();
        Record(GetConsumersPrimitive.Kind, [block], [], blocks);
        return blocks;
    }
}
