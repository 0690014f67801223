using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Postprocs;

/// <summary>TVM's DisallowDynamicLoop: rejects a schedule with any loop whose extent is not a constant.</summary>
public sealed class DisallowDynamicLoop : IPostproc
{
    public string Name => "DisallowDynamicLoop";

    public bool Apply(TuneContext ctx, TracedSchedule sch)
    {
        bool dynamic = false;
        NodeWalker.Walk(sch.Func.Body, s => { if (s is For f && f.Extent is not IntImm) dynamic = true; });
        return !dynamic;
    }
}
