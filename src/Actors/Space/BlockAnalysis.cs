using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space;

/// <summary>
/// The questions TVM's schedule rules ask about a block without recording anything in the trace (TVM's
/// tir/schedule/analysis): iter types of loops, trivial bindings, reduction blocks, read/write patterns,
/// whether multi-level tiling or rfactor pays off.
/// </summary>
internal static class BlockAnalysis
{
    /// <summary>TVM's attr keys used by the rules and postprocessors.</summary>
    public const string TilingStructure = "meta_schedule.tiling_structure";
    public const string RandomComputeProducer = "meta_schedule.random_compute_producer";
    public const string InlineRule = "meta_schedule.inline_rule";
    public const string WriteCacheLevel = "meta_schedule.write_cache_level";
    public const string ScheduleRuleAnn = "schedule_rule";
    public const string Parallel = "meta_schedule.parallel";
    public const string Vectorize = "meta_schedule.vectorize";
    public const string UnrollExplicit = "meta_schedule.unroll_explicit";
    public const string UnrollImplicit = "meta_schedule.unroll_implicit";

    /// <summary>The block an RV names, or null when it no longer exists (TVM's HasBlock).</summary>
    public static BlockRealize? TryRealize(Schedule sch, BlockRV rv)
    {
        try { return sch.State.FindBlock(sch.Get(rv), "BlockAnalysis"); }
        catch (ScheduleError) { return null; }
    }

    public static BlockRealize Realize(Schedule sch, BlockRV rv) => sch.State.FindBlock(sch.Get(rv), "BlockAnalysis");

    public static bool IsRoot(Schedule sch, BlockRealize br) => ReferenceEquals(sch.Func.Body, br);

    /// <summary>TVM's GetLoopIterType: how the nearest blocks under the loop bind its var (opaque when mixed).</summary>
    public static IterKind LoopIterType(For loop)
    {
        int spatial = 0, reduce = 0, other = 0;
        foreach (var br in ChildRealizes(loop.Body))
            for (int i = 0; i < br.IterValues.Count; i++)
            {
                if (!Uses(br.IterValues[i], loop.LoopVar)) continue;
                switch (br.Block.IterVars[i].Kind)
                {
                    case IterKind.Spatial: spatial++; break;
                    case IterKind.Reduce: reduce++; break;
                    default: other++; break;
                }
            }
        if (other > 0 || (spatial > 0 && reduce > 0)) return IterKind.Opaque;
        return reduce > 0 ? IterKind.Reduce : IterKind.Spatial;
    }

    /// <summary>The nearest block realizes under a statement (not inside nested blocks), in program order.</summary>
    public static List<BlockRealize> ChildRealizes(Stmt s)
    {
        var list = new List<BlockRealize>();
        void Go(Stmt x)
        {
            if (x is BlockRealize br) { list.Add(br); return; }
            foreach (var c in ScheduleState.Children(x)) Go(c);
        }
        Go(s);
        return list;
    }

    public static bool Uses(Expr e, Var v)
    {
        bool found = false;
        new NodeWalker(null, x => { if (ReferenceEquals(x, v)) found = true; }).VisitExpr(e);
        return found;
    }

    public static HashSet<Var> VarsOf(Expr e)
    {
        var set = new HashSet<Var>();
        new NodeWalker(null, x => { if (x is Var v) set.Add(v); }).VisitExpr(e);
        return set;
    }

    public static bool IsSpatial(Block b) => b.IterVars.All(iv => iv.Kind == IterKind.Spatial);

    /// <summary>TVM's IsSpatialPrimFunc: every block's iter vars are data parallel.</summary>
    public static bool IsSpatialFunc(PrimFunc f)
    {
        bool spatial = true;
        NodeWalker.Walk(f.Body, s => { if (s is Block b && !IsSpatial(b)) spatial = false; });
        return spatial;
    }

    /// <summary>TVM's IsTrivialBinding: each iter var is bound to the loop at its position, outer to inner.</summary>
    public static bool IsTrivialBinding(ScheduleState s, BlockRealize br)
    {
        var loops = s.LoopsAbove(br);
        if (loops.Count != br.IterValues.Count) return false;
        for (int i = 0; i < loops.Count; i++)
            if (!ReferenceEquals(br.IterValues[i], loops[i].LoopVar)) return false;
        return true;
    }

    public static bool HasBeenMultiLevelTiled(Block b) => b.Annotations.ContainsKey(TilingStructure);

    /// <summary>Consumers in the block's scope, without recording (TVM's state-level GetConsumers).</summary>
    public static IReadOnlyList<string> Consumers(ScheduleState s, string block) => GetConsumersPrimitive.Apply(s, block);

    /// <summary>TVM's NeedsMultiLevelTiling: a non-spatial block with trivial binding and some read that misses a spatial iter (data reuse).</summary>
    public static bool NeedsMultiLevelTiling(ScheduleState s, BlockRealize br)
    {
        var b = br.Block;
        if (HasBeenMultiLevelTiled(b)) return false;
        if (b.Writes.Count != 1 || b.Reads.Count == 0 || IsSpatial(b) || !IsTrivialBinding(s, br)) return false;
        var write = b.Writes[0].Buffer;
        var spatialVars = b.IterVars
            .Where(iv => iv.Kind == IterKind.Spatial && !(E.IsConst(iv.Dom.Min, 0) && E.IsConst(iv.Dom.Extent, 1)))
            .Select(iv => iv.Var).ToList();
        int unused = 0;
        var seen = new HashSet<Tuner.Ir.Buffer>();
        foreach (var r in b.Reads)
        {
            if (!seen.Add(r.Buffer)) return false;
            if (ReferenceEquals(r.Buffer, write)) continue;
            var vars = new HashSet<Var>();
            foreach (var range in r.Region)
            {
                if (E.AsConst(range.Extent) is null) return false;
                vars.UnionWith(VarsOf(range.Min));
            }
            unused += spatialVars.Count(v => !vars.Contains(v));
        }
        return unused >= 1;
    }

    /// <summary>
    /// TVM's IsReductionBlock (bindings assumed affine: callers also require trivial bindings): an init, iter vars
    /// spatial or reduce, the only writer of its outputs in its scope, reduce vars not indexing the outputs.
    /// </summary>
    public static bool IsReductionBlock(ScheduleState s, BlockRealize br)
    {
        var b = br.Block;
        if (b.Init is null) return false;
        if (!b.IterVars.All(iv => iv.Kind is IterKind.Spatial or IterKind.Reduce)) return false;
        var scope = s.ParentBlock(br);
        if (scope is null) return false;
        var siblings = ChildRealizes(scope.Body);
        foreach (var w in b.Writes)
            if (siblings.Any(o => !ReferenceEquals(o, br) && o.Block.Writes.Any(x => ReferenceEquals(x.Buffer, w.Buffer)))) return false;
        var reduceVars = b.IterVars.Where(iv => iv.Kind == IterKind.Reduce).Select(iv => iv.Var).ToHashSet();
        return b.Writes.All(w => w.Region.All(r => !VarsOf(r.Min).Overlaps(reduceVars) && !VarsOf(r.Extent).Overlaps(reduceVars)));
    }

    /// <summary>TVM's AnalyzeReadWritePattern, the (exists, injective, ordered) part.</summary>
    public static (bool Exists, bool Injective, bool Ordered) ReadWritePattern(BufferRegion read, BufferRegion write)
    {
        var var2idx = new Dictionary<Var, int>();
        for (int i = 0; i < write.Region.Count; i++)
        {
            var dom = write.Region[i];
            if (E.AsConst(dom.Extent) is null || dom.Min is not Var v) return (false, false, false);
            var2idx[v] = i;
        }
        var mapped = new List<int>();
        foreach (var dom in read.Region)
        {
            if (E.AsConst(dom.Extent) is null) return (false, false, false);
            if (E.AsConst(dom.Min) is not null) continue;
            var v = VarWithShift(dom.Min);
            if (v is null || !var2idx.TryGetValue(v, out var idx)) return (false, false, false);
            mapped.Add(idx);
        }
        var counter = new int[write.Region.Count];
        bool ordered = true;
        int last = -1;
        foreach (var i in mapped)
        {
            counter[i]++;
            if (last != -1 && last > i) ordered = false;
            last = i;
        }
        return (true, counter.All(c => c < 2), ordered);
    }

    /// <summary>TVM's AnalyzeVarWithShift: v, v + c, c + v or v − c.</summary>
    private static Var? VarWithShift(Expr e) => e switch
    {
        Var v => v,
        Binary { Op: BinOp.Add, A: Var v, B: IntImm } => v,
        Binary { Op: BinOp.Add, A: IntImm, B: Var v } => v,
        Binary { Op: BinOp.Sub, A: Var v, B: IntImm } => v,
        _ => null,
    };

    /// <summary>TVM's IsWriteCache: one write, every read maps injectively and in order onto it.</summary>
    public static bool IsWriteCache(Block b)
    {
        if (b.Writes.Count != 1) return false;
        return b.Reads.All(r => ReadWritePattern(r, b.Writes[0]) is { Injective: true, Ordered: true });
    }

    /// <summary>num_cores · max_jobs_per_core (TVM's max_parallel_extent); the target must know its cores, as TVM requires.</summary>
    public static long MaxParallelExtent(Tuner.Actors.Search.TuneContext ctx, int maxJobsPerCore)
    {
        if (ctx.NumCores < 1)
            throw new ArgumentException($"the target of task '{ctx.TaskName}' has no core count ({ctx.NumCores}); give it one, e.g. \"llvm -num-cores 2\"");
        return (long)ctx.NumCores * maxJobsPerCore;
    }

    /// <summary>An integer annotation of a block or loop, or null.</summary>
    public static long? IntAnn(Attrs a, string key) => a[key] is IntImm i ? i.Value : null;
}
