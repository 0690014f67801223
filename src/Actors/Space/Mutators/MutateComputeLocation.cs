using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Mutators;

/// <summary>
/// TVM's MutateComputeLocation (probability 0.05): replays the trace on the workload, collecting at each
/// SampleComputeLocation the valid locations of its block at that point (as SampleComputeLocation lists them) other
/// than the current decision; picks one such instruction and one of its other locations.
/// </summary>
public sealed class MutateComputeLocation : IMutator
{
    public string Name => "MutateComputeLocation";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        var sch = new TracedSchedule(ctx.Func, rand.ForkSeed());
        var cands = new List<(Instruction Inst, List<long> Locs)>();
        try
        {
            trace.ApplyTo(sch, removePostproc: true, decisionOverride: (inst, inputs, _, decision) =>
            {
                if (inst.Kind.Name != SampleComputeLocationPrimitive.Name || decision is null) return decision;
                var block = sch.Get((BlockRV)inputs[0]!);
                long old = Decisions.Long(decision);
                var locs = SampleComputeLocationPrimitive.Candidates(sch.State, block).Select(c => c.Index).Where(i => i != old).ToList();
                if (locs.Count > 0) cands.Add((inst, locs));
                return decision;
            });
        }
        catch (ScheduleError) { return null; }
        if (cands.Count == 0) return null;
        var (chosen, options) = cands[rand.SampleInt(0, cands.Count)];
        return trace.WithDecision(chosen, options[rand.SampleInt(0, options.Count)], removePostproc: true);
    }
}
