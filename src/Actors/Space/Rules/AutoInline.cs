using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Rules;

/// <summary>
/// TVM's AutoInline rule with the CPU defaults: into_producer false, into_consumer true, inline_const_tensor true,
/// disallow_if_then_else true, require_injective true, require_ordered true, disallow_op ["tir.exp"]. A block with
/// one write is inlined into its consumers (ComputeInline) when it has consumers and can be inlined, and — unless
/// the whole function is spatial — it calls no disallowed op, has no branch, and every read maps injectively and in
/// order onto the write. A constant tensor (no reads) is always inlined; "meta_schedule.inline_rule" = "disable" opts out.
/// </summary>
public sealed class AutoInline(
    bool intoProducer = false,
    bool intoConsumer = true,
    bool inlineConstTensor = true,
    bool disallowIfThenElse = true,
    bool requireInjective = true,
    bool requireOrdered = true,
    IReadOnlyList<string>? disallowOps = null) : IScheduleRule
{
    private readonly HashSet<string> _disallowOps = (disallowOps ?? ["tir.exp"]).Select(StripTir).ToHashSet();

    public string Name => "AutoInline";

    public IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block)
    {
        switch (Check(sch, block))
        {
            case InlineKind.IntoConsumer: sch.ComputeInline(block); break;
            case InlineKind.IntoProducer: sch.ReverseComputeInline(block); break;
        }
        return [sch];
    }

    private enum InlineKind { None, IntoConsumer, IntoProducer }

    private InlineKind Check(TracedSchedule sch, BlockRV rv)
    {
        var s = sch.State;
        var br = BlockAnalysis.Realize(sch, rv);
        var b = br.Block;
        bool pureSpatial = BlockAnalysis.IsSpatialFunc(sch.Func);
        if (b.Writes.Count != 1) return InlineKind.None;
        if (inlineConstTensor && b.Reads.Count == 0
            && BlockAnalysis.Consumers(s, b.Name).Count > 0 && ComputeInlinePrimitive.CanApply(s, b.Name))
            return InlineKind.IntoConsumer;
        if (!pureSpatial && _disallowOps.Count > 0 && HasOp(br)) return InlineKind.None;
        if (!pureSpatial && disallowIfThenElse && HasIfThenElse(br)) return InlineKind.None;
        if (!pureSpatial && (requireInjective || requireOrdered))
            foreach (var read in b.Reads)
            {
                var p = BlockAnalysis.ReadWritePattern(read, b.Writes[0]);
                if (requireInjective && !p.Injective) return InlineKind.None;
                if (requireOrdered && !p.Ordered) return InlineKind.None;
            }
        if (b.Annotations[BlockAnalysis.InlineRule] is StringImm { Value: "disable" }) return InlineKind.None;
        if (intoConsumer && BlockAnalysis.Consumers(s, b.Name).Count > 0 && ComputeInlinePrimitive.CanApply(s, b.Name))
            return InlineKind.IntoConsumer;
        if (intoProducer)
        {
            var producers = GetProducersPrimitive.Apply(s, b.Name);
            if (producers.Count == 1 && IsComplete(s, producers[0]) && ReverseComputeInlinePrimitive.CanApply(s, b.Name))
                return InlineKind.IntoProducer;
        }
        return InlineKind.None;
    }

    private static bool IsComplete(ScheduleState s, string name)
    {
        var br = s.FindBlock(name, "AutoInline");
        var b = br.Block;
        if (!BlockAnalysis.IsSpatial(b) || b.Init is not null) return false;
        var scope = s.ParentBlock(br);
        if (scope is null) return false;
        var siblings = BlockAnalysis.ChildRealizes(scope.Body);
        if (b.Writes.Any(w => siblings.Any(o => !ReferenceEquals(o, br) && o.Block.Writes.Any(x => ReferenceEquals(x.Buffer, w.Buffer))))) return false;
        return !b.Reads.Any(r => b.Writes.Any(w => ReferenceEquals(w.Buffer, r.Buffer)));
    }

    private bool HasOp(Stmt s)
    {
        bool found = false;
        NodeWalker.Walk(s, null, e => { if (e is Call c && _disallowOps.Contains(StripTir(c.Op))) found = true; });
        return found;
    }

    /// <summary>TVM's HasIfThenElse: a non-trivial block predicate, IfThenElse, Select or if_then_else call.</summary>
    private static bool HasIfThenElse(Stmt s)
    {
        bool found = false;
        NodeWalker.Walk(s,
            st =>
            {
                if (st is BlockRealize r && !(r.Predicate is IntImm { Value: 1 })) found = true;
                if (st is IfThenElse) found = true;
            },
            e => { if (e is Select || (e is Call c && StripTir(c.Op) == "if_then_else")) found = true; });
        return found;
    }

    private static string StripTir(string op) => op.StartsWith("tir.", StringComparison.Ordinal) ? op[4..] : op;
}
