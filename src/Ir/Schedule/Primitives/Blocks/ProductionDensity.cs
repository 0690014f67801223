namespace Tuner.Ir.Schedule;

/// <summary>
/// Not in TVM: reverse_compute_at consumes the box that the producers' write regions relax to under the loop (clipped
/// to the buffer), so that box must hold only elements they write, for every iteration of the loops down to the loop.
/// A strided write (k_0·3 + k_1 with k_0 under the loop) or one the predicate thins leaves holes, which the consumer
/// would read before anything writes them. Checked by enumerating the producer's loops (at most 2^16 iterations;
/// beyond that only the loops under the loop, those above held at their minimum).
/// </summary>
internal static class ProductionDensity
{
    private const long Limit = 1 << 16;

    public static void Check(ScheduleState s, string p, string block, For loop, BlockRealize producer, BufferRegion written, BufferRegion relaxed)
    {
        var all = s.LoopsAbove(producer).ToList();
        int at = all.FindIndex(l => ReferenceEquals(l, loop));
        if (at < 0 || all.Any(l => l.Min is not IntImm || l.Extent is not IntImm)) return;
        if (written.Region.Any(r => !E.IsConst(r.Extent, 1)) || written.Buffer.Shape.Any(d => d is not IntImm)) return;
        if (E.IsConst(producer.Predicate, 1))
        {
            var bind = BlockScopeQueries.Bindings(producer);
            var indices = written.Region.Select(r => Substituter.Apply(r.Min, bind)).ToList();
            if (AffineNest.ProvenCovers(indices, all.Skip(at + 1).ToList(), relaxed.Region.Select(r => r.Min).ToList(), relaxed.Region.Select(r => r.Extent).ToList()))
                return; // the usual tiled case, without enumerating
        }
        var env = all.ToDictionary(l => l.LoopVar, l => ((IntImm)l.Min).Value);
        long total = all.Aggregate(1L, (acc, l) => acc > Limit ? acc : acc * ((IntImm)l.Extent).Value);
        int start = total <= Limit ? 0 : at + 1;
        if (all.Skip(start).Aggregate(1L, (acc, l) => acc > Limit ? acc : acc * ((IntImm)l.Extent).Value) > Limit) return;
        var produced = new Dictionary<string, HashSet<string>>();
        var boxes = new Dictionary<string, long>();
        Walk(start);
        foreach (var (outer, box) in boxes)
        {
            long got = produced.TryGetValue(outer, out var set) ? set.Count : 0;
            if (got < box)
                throw new ScheduleError(p, $"producer '{producer.Block.Name}' writes only {got} of the {box} elements of {written.Buffer.Name} that its region under loop '{loop.LoopVar.Name}' spans: block '{block}' would read elements not written yet");
        }

        void Walk(int depth)
        {
            if (depth == at + 1)
            {
                var key = string.Join(",", all.Take(at + 1).Select(l => env[l.LoopVar]));
                if (!boxes.ContainsKey(key) && Box(relaxed, env) is { } b) boxes[key] = b;
            }
            if (depth == all.Count)
            {
                if (IntEval.Eval(producer.Predicate, env) is not 1L) return;
                var benv = new Dictionary<Var, long>(env);
                for (int i = 0; i < producer.IterValues.Count; i++)
                {
                    if (IntEval.Eval(producer.IterValues[i], env) is not { } v) return;
                    benv[producer.Block.IterVars[i].Var] = v;
                }
                var idx = written.Region.Select(r => IntEval.Eval(r.Min, benv)).ToList();
                if (idx.Any(x => x is null)) return;
                var outerKey = string.Join(",", all.Take(at + 1).Select(l => env[l.LoopVar]));
                if (!produced.TryGetValue(outerKey, out var set)) produced[outerKey] = set = [];
                set.Add(string.Join(",", idx));
                return;
            }
            var l = all[depth];
            long lo = ((IntImm)l.Min).Value, ext = ((IntImm)l.Extent).Value;
            for (long x = 0; x < ext; x++)
            {
                env[l.LoopVar] = lo + x;
                Walk(depth + 1);
            }
            env[l.LoopVar] = lo;
        }
    }

    /// <summary>Elements of the relaxed region inside the buffer, for the current loop values; null when not evaluable.</summary>
    private static long? Box(BufferRegion relaxed, Dictionary<Var, long> env)
    {
        long box = 1;
        for (int d = 0; d < relaxed.Region.Count; d++)
        {
            if (IntEval.Eval(relaxed.Region[d].Min, env) is not { } lo || IntEval.Eval(relaxed.Region[d].Extent, env) is not { } ext) return null;
            long dim = ((IntImm)relaxed.Buffer.Shape[d]).Value;
            box *= Math.Max(0, Math.Min(lo + ext, dim) - Math.Max(lo, 0));
        }
        return box;
    }
}
