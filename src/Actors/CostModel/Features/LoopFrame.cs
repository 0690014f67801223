using Tuner.Ir;

namespace Tuner.Actors.CostModel.Features;

/// <summary>One enclosing loop while walking: its variable, constant extent (1 when symbolic), kind and unroll pragma.</summary>
internal sealed record LoopFrame(Var Var, long Extent, ForKind Kind, long AutoUnrollMaxStep)
{
    public static LoopFrame Of(For f)
    {
        long ext = f.Extent is IntImm i ? Math.Max(1, i.Value) : 1;
        long unroll = f.Annotations["pragma_auto_unroll_max_step"] is IntImm u ? u.Value : 0;
        return new LoopFrame(f.LoopVar, ext, f.Kind, unroll);
    }
}

/// <summary>A buffer allocation seen on the way down: the buffer and the product of the loops outside it.</summary>
internal sealed record AllocFrame(Ir.Buffer Buffer, double OuterProd);
