using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Postprocs;

/// <summary>
/// TVM's RewriteLayout for the buffers a function marks layout-free (<c>T.func_attr({"layout_free_buffers": [1]})</c>,
/// parameter indices, as TVM's create_prim_func writes them for constant weights): for each such buffer read by one
/// block, a CacheRead stage annotated <c>meta_schedule.layout_rewrite_preproc</c> copies it into the layout in which
/// that block's loops read it (<see cref="LayoutSuggestion"/>), applied with TransformLayout — as BLAS packs a panel.
/// On as in TVM (HOCON <c>tuner.space.rewrite-layout.enabled</c>). The builder lifts the preproc block out of the
/// timed function (<see cref="LayoutRewriteSplit"/>, TVM's RemoveWeightLayoutRewriteBlock) so the weight is packed
/// once, untimed; apply keeps it in the function and the model kernels pack once per weight. Never rejects a
/// candidate: a buffer whose access is not a plain split nest is left as it is.
/// </summary>
public sealed class RewriteLayout : IPostproc
{
    public const string PreprocAnnotation = LayoutRewriteSplit.PreprocAnnotation;

    public string Name => "RewriteLayout";

    public bool Apply(TuneContext ctx, TracedSchedule sch)
    {
        var func = sch.Func;
        if (func.Attrs["layout_free_buffers"] is not Call { Op: "list" } list) return true;
        foreach (var index in list.Args.OfType<IntImm>().Select(i => (int)i.Value))
        {
            if (index < 0 || index >= func.Params.Count || sch.Func.BufferOf(sch.Func.Params[index]) is not { } buf) continue;
            var readers = sch.State.BlockRealizes().Where(b => b.Block.Reads.Any(r => ReferenceEquals(r.Buffer, buf))).ToList();
            if (readers.Count != 1) continue;
            var br = readers[0];
            var loads = new List<BufferLoad>();
            NodeWalker.Walk(br.Block.Body, onExpr: e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, buf)) loads.Add(l); });
            if (loads.Count != 1 || LayoutSuggestion.ForLoad(sch.State, br, loads[0]) is not { } map) continue;
            int readIndex = br.Block.Reads.Select((r, i) => (r, i)).First(p => ReferenceEquals(p.r.Buffer, buf)).i;
            var anchor = sch.GetBlock(br.Block.Name);
            var cache = sch.CacheRead(anchor, readIndex, "global");
            sch.Annotate(cache, PreprocAnnotation, 1L);
            sch.TransformLayout(anchor, readIndex, isWrite: false, map);
        }
        return true;
    }
}
