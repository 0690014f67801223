namespace Tuner.Ir.Schedule;

/// <summary>TVM's unannotate(block_or_loop, ann_key): removes an annotation. Precondition: the annotation exists.</summary>
public static class UnannotatePrimitive
{
    public const string Name = "Unannotate";

    public static void ApplyToBlock(ScheduleState s, string block, string key)
    {
        var br = s.FindBlock(block, Name);
        if (!br.Block.Annotations.ContainsKey(key)) throw new ScheduleError(Name, $"block '{block}' has no annotation '{key}'");
        s.Replace(br.Block, br.Block with { Annotations = br.Block.Annotations.Remove(key) });
    }

    public static void ApplyToLoop(ScheduleState s, Var loop, string key)
    {
        var f = s.FindLoop(loop, Name);
        if (!f.Annotations.ContainsKey(key)) throw new ScheduleError(Name, $"loop '{loop.Name}' has no annotation '{key}'");
        s.Replace(f, f with { Annotations = f.Annotations.Remove(key) });
    }

    /// <summary>Inputs [block or loop]; attrs [ann_key]; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, attrs, _) =>
    {
        var key = Args.Str(attrs[0], "ann_key");
        switch (inputs[0])
        {
            case BlockRV b: sch.Unannotate(b, key); break;
            case LoopRV l: sch.Unannotate(l, key); break;
            default: throw new FormatException($"Unannotate expects a block or loop, got {Args.Describe(inputs[0])}");
        }
        return [];
    });
}
