using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Mutators;

/// <summary>
/// TVM's MutateParallel (probability 0.02, max_jobs_per_core 16): picks an Annotate "meta_schedule.parallel" of a
/// block got by GetBlock, replays the trace, and lists for every block under it the prefix products of its outer
/// constant spatial loops (up to the limit num_cores · 16). Each product ≤ the limit is a plan (how many outer
/// loops each block fuses); a plan different from the current one is picked uniformly and the annotation's value
/// replaced by its limit. The new value never exceeds num_cores · 16.
/// </summary>
public sealed class MutateParallel(int maxJobsPerCore = 16) : IMutator
{
    public string Name => "MutateParallel";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        long maxExtent = BlockAnalysis.MaxParallelExtent(ctx, maxJobsPerCore);
        var getBlocks = new Dictionary<RandomVariable, Instruction>(ReferenceEqualityComparer.Instance);
        var anns = new List<Instruction>();
        foreach (var inst in trace.Instructions)
        {
            if (Decisions.IsAnnotate(inst, BlockAnalysis.Parallel)) anns.Add(inst);
            if (inst.Kind.Name == GetBlockPrimitive.Name) getBlocks[inst.Outputs[0]] = inst;
        }
        if (anns.Count == 0) return null;
        var ann = anns[rand.SampleInt(0, anns.Count)];
        if (ann.Inputs[0] is not RandomVariable blockRv || !getBlocks.TryGetValue(blockRv, out var getBlock)) return null;
        long current = Decisions.Long(ann.Inputs[1]);
        var blockName = (string)getBlock.Attrs[0]!;

        var sch = new TracedSchedule(ctx.Func, rand.ForkSeed());
        try { trace.ApplyTo(sch, removePostproc: true); }
        catch (ScheduleError) { return null; }
        var prods = AnalyzeParallel(sch.State, blockName, maxExtent);

        var plan2limit = new SortedDictionary<int[], long>(PlanComparer.Instance);
        var seenLimits = new HashSet<long>();
        foreach (var p in prods)
            foreach (var limit in p)
                if (limit <= maxExtent && seenLimits.Add(limit)) plan2limit[NumFusedLoops(prods, limit)] = limit;
        plan2limit.Remove(NumFusedLoops(prods, current));
        if (plan2limit.Count == 0) return null;
        long chosen = plan2limit.ElementAt(rand.SampleInt(0, plan2limit.Count)).Value;

        var insts = new List<Instruction>();
        foreach (var inst in trace.Instructions)
        {
            if (ReferenceEquals(inst, ann)) insts.Add(new Instruction(inst.Kind, [inst.Inputs[0], chosen], inst.Attrs, inst.Outputs));
            else if (inst.Kind.IsPostproc) break;
            else insts.Add(inst);
        }
        return new Trace(insts, trace.Decisions.Where(kv => insts.Contains(kv.Key)));
    }

    /// <summary>TVM's AnalyzeParallel: per block under the named block, prefix products of its outer constant spatial loops.</summary>
    internal static List<List<long>> AnalyzeParallel(ScheduleState s, string blockName, long limit)
    {
        var scope = s.FindBlock(blockName, "MutateParallel").Block;
        var realizes = new List<BlockRealize>();
        var nonSpatial = new HashSet<Var>();
        void Collect(Stmt x)
        {
            if (x is BlockRealize br)
            {
                realizes.Add(br);
                for (int i = 0; i < br.IterValues.Count; i++)
                    if (br.Block.IterVars[i].Kind != IterKind.Spatial) nonSpatial.UnionWith(BlockAnalysis.VarsOf(br.IterValues[i]));
                return;
            }
            foreach (var c in ScheduleState.Children(x)) Collect(c);
        }
        Collect(scope.Body);
        var results = new List<List<long>>();
        foreach (var br in realizes)
        {
            var extents = new List<long>();
            foreach (var loop in s.LoopsAbove(br).Reverse())
            {
                if (E.AsConst(loop.Extent) is { } ext && !nonSpatial.Contains(loop.LoopVar)) extents.Add(ext);
                else extents.Clear();
            }
            if (extents.Count == 0) continue;
            var prefix = new List<long>();
            long prod = 1;
            for (int i = extents.Count - 1; i >= 0; i--)
            {
                prefix.Add(prod *= extents[i]);
                if (prod >= limit) break;
            }
            results.Add(prefix);
        }
        return results;
    }

    /// <summary>TVM's GetNumFusedLoops: per block, how many outer loops a parallel limit fuses.</summary>
    internal static int[] NumFusedLoops(List<List<long>> prods, long limit) => prods.Select(p =>
    {
        int i = p.FindIndex(x => x > limit);
        if (i < 0) i = p.Count;
        if (i > 0 && p[i - 1] == limit) i--;
        if (i != p.Count) i++;
        return i;
    }).ToArray();

    private sealed class PlanComparer : IComparer<int[]>
    {
        public static readonly PlanComparer Instance = new();

        public int Compare(int[]? a, int[]? b)
        {
            for (int i = 0; i < Math.Min(a!.Length, b!.Length); i++)
                if (a[i] != b[i]) return a[i].CompareTo(b[i]);
            return a.Length.CompareTo(b.Length);
        }
    }
}
