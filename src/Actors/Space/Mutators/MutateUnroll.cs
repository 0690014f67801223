using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Mutators;

/// <summary>
/// TVM's MutateUnroll (probability 0.03): picks an Annotate "meta_schedule.unroll_explicit"/"unroll_implicit", finds
/// the SampleCategorical producing its value, and redraws its decision among the other candidates in proportion to
/// their probabilities.
/// </summary>
public sealed class MutateUnroll : IMutator
{
    public string Name => "MutateUnroll";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        var samplers = new Dictionary<RandomVariable, Instruction>(ReferenceEqualityComparer.Instance);
        var anns = new List<Instruction>();
        foreach (var inst in trace.Instructions)
        {
            if (inst.Kind.Name == SampleCategoricalPrimitive.Name) samplers[inst.Outputs[0]] = inst;
            else if (Decisions.IsAnnotate(inst, BlockAnalysis.UnrollExplicit) || Decisions.IsAnnotate(inst, BlockAnalysis.UnrollImplicit)) anns.Add(inst);
        }
        if (anns.Count == 0) return null;
        var ann = anns[rand.SampleInt(0, anns.Count)];
        if (ann.Inputs[1] is not RandomVariable rv || !samplers.TryGetValue(rv, out var sample)) return null;
        if (trace.GetDecision(sample) is not { } d) return null;
        int decision = (int)Decisions.Long(d);
        var probs = Decisions.Doubles(sample.Attrs[1]).ToList();
        if (probs.Count <= 1) return null;
        probs.RemoveAt(decision);
        int result = Decisions.Multinomial(rand, probs);
        if (result >= decision) result++;
        return trace.WithDecision(sample, (long)result, removePostproc: true);
    }
}
