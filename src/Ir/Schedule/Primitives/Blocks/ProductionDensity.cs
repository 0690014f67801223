namespace Tuner.Ir.Schedule;

/// <summary>
/// Not in TVM: reverse_compute_at consumes the box that the producers' write regions relax to under the loop, so that
/// box must hold only elements they write. A strided write (k_0·3 + k_1 with k_0 under the loop) or one the predicate
/// thins leaves holes, which the consumer would read before anything writes them. Checked by enumerating the
/// producer's loops under the loop (the loops above held at their minimum) when the box has at most 2^16 elements.
/// </summary>
internal static class ProductionDensity
{
    public static void Check(ScheduleState s, string p, string block, For loop, BlockRealize producer, BufferRegion written, BufferRegion relaxed)
    {
        var all = s.LoopsAbove(producer).ToList();
        int at = all.FindIndex(l => ReferenceEquals(l, loop));
        if (at < 0 || all.Any(l => l.Min is not IntImm || l.Extent is not IntImm)) return;
        if (written.Region.Any(r => !E.IsConst(r.Extent, 1))) return;
        var env = all.ToDictionary(l => l.LoopVar, l => ((IntImm)l.Min).Value);
        long box = 1;
        foreach (var r in relaxed.Region)
        {
            if (IntEval.Eval(r.Extent, env) is not { } ext) return;
            box *= ext;
            if (box > 1 << 16) return;
        }
        var inner = all.Skip(at + 1).ToList();
        var seen = new HashSet<string>();
        Walk(0);
        if (seen.Count < box)
            throw new ScheduleError(p, $"producer '{producer.Block.Name}' writes only {seen.Count} of the {box} elements of {written.Buffer.Name} that its region under loop '{loop.LoopVar.Name}' spans: block '{block}' would read elements not written yet");

        void Walk(int depth)
        {
            if (depth == inner.Count)
            {
                if (IntEval.Eval(producer.Predicate, env) is not 1L) return;
                var benv = new Dictionary<Var, long>(env);
                for (int i = 0; i < producer.IterValues.Count; i++)
                {
                    if (IntEval.Eval(producer.IterValues[i], env) is not { } v) return;
                    benv[producer.Block.IterVars[i].Var] = v;
                }
                var idx = written.Region.Select(r => IntEval.Eval(r.Min, benv)).ToList();
                if (idx.All(x => x is not null)) seen.Add(string.Join(",", idx));
                return;
            }
            var l = inner[depth];
            long lo = ((IntImm)l.Min).Value, ext = ((IntImm)l.Extent).Value;
            for (long x = 0; x < ext && seen.Count <= 1 << 16; x++)
            {
                env[l.LoopVar] = lo + x;
                Walk(depth + 1);
            }
            env[l.LoopVar] = lo;
        }
    }
}
