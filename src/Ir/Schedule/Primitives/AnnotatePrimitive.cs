namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's annotate(block_or_loop, ann_key, ann_val): sets a block annotation (T.block_attr) or loop annotation.
/// Values: integers (IntImm int32, int64 when out of range), floats (FloatImm float32), strings (StringImm).
/// </summary>
public static class AnnotatePrimitive
{
    public const string Name = "Annotate";

    /// <summary>The IR value of an annotation, as TVM converts Python values.</summary>
    public static Expr ToExpr(object value) => value switch
    {
        long l => l is >= int.MinValue and <= int.MaxValue ? new IntImm(DataType.Int32, l) : new IntImm(DataType.Int64, l),
        int i => new IntImm(DataType.Int32, i),
        bool b => IntImm.Bool(b),
        double d => new FloatImm(DataType.Float32, d),
        string s => new StringImm(s),
        Expr e => e,
        _ => throw new ScheduleError(Name, $"annotation values are integers, floats or strings, got {value.GetType().Name}"),
    };

    public static void ApplyToBlock(ScheduleState s, string block, string key, Expr value)
    {
        var br = s.FindBlock(block, Name);
        s.Replace(br.Block, br.Block with { Annotations = br.Block.Annotations.Set(key, value) });
    }

    public static void ApplyToLoop(ScheduleState s, Var loop, string key, Expr value)
    {
        var f = s.FindLoop(loop, Name);
        s.Replace(f, f with { Annotations = f.Annotations.Set(key, value) });
    }

    /// <summary>Inputs [block or loop, value (ExprRV, integer, float or string)]; attrs [ann_key]; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, attrs, _) =>
    {
        var key = Args.Str(attrs[0], "ann_key");
        var value = inputs[1] ?? throw new FormatException("Annotate needs a value");
        switch (inputs[0])
        {
            case BlockRV b: sch.Annotate(b, key, value); break;
            case LoopRV l: sch.Annotate(l, key, value); break;
            default: throw new FormatException($"Annotate expects a block or loop, got {Args.Describe(inputs[0])}");
        }
        return [];
    });
}
