using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space;

/// <summary>
/// TVM's PostOrderApply space generator: rules are the outer loop, blocks the inner. The blocks are collected once,
/// in post-order (children before their parent, so the root block comes last), and fetched with GetBlock (recorded in
/// the trace, as TVM's BlockCollector does). For each rule a stack of (schedule, unvisited blocks) pops the last
/// unvisited block first — consumers before producers, the root before all — skips blocks an earlier rule removed
/// (e.g. inlined) and blocks with a string annotation "schedule_rule" (TVM leaves those to ApplyCustomRule, which
/// this CPU space does not include), and pushes every
/// schedule the rule returns. The design spaces are the schedules left when all rules have run.
/// </summary>
public sealed class PostOrderApply(
    IReadOnlyList<IScheduleRule> rules,
    IReadOnlyList<IPostproc> postprocs,
    IReadOnlyList<(IMutator Mutator, double Probability)> mutators) : ISpaceGenerator
{
    public IReadOnlyList<IScheduleRule> Rules { get; } = rules;
    public IReadOnlyList<IPostproc> Postprocs { get; } = postprocs;
    public IReadOnlyList<(IMutator Mutator, double Probability)> Mutators { get; } = mutators;

    /// <summary>
    /// The design spaces of <see cref="TuneContext.Func"/>. Seeds as TVM: the generator's state is forked from the
    /// task seed, and the schedule's from the generator's.
    /// </summary>
    public IReadOnlyList<TracedSchedule> Generate(TuneContext ctx)
    {
        var generatorRand = new RandomEngine(new RandomEngine(ctx.Seed).ForkSeed());
        var sch = new TracedSchedule(ctx.Func, generatorRand.ForkSeed());
        var allBlocks = PostOrderBlockNames(ctx.Func).Select(n => sch.GetBlock(n)).ToList();

        var result = new List<TracedSchedule> { sch };
        var stack = new Stack<(TracedSchedule Sch, int Unvisited)>();
        foreach (var rule in Rules)
        {
            foreach (var s in result) stack.Push((s, allBlocks.Count));
            result = [];
            while (stack.Count > 0)
            {
                var (cur, unvisited) = stack.Pop();
                if (unvisited == 0) { result.Add(cur); continue; }
                var block = allBlocks[unvisited - 1];
                var br = BlockAnalysis.TryRealize(cur, block);
                if (br is null || br.Block.Annotations[BlockAnalysis.ScheduleRuleAnn] is StringImm)
                {
                    stack.Push((cur, unvisited - 1));
                    continue;
                }
                foreach (var applied in rule.Apply(ctx, cur, block)) stack.Push((applied, unvisited - 1));
            }
        }
        return result;
    }

    /// <summary>Block names in post-order (a block after the blocks nested in it), as TVM's BlockCollector.</summary>
    public static IReadOnlyList<string> PostOrderBlockNames(PrimFunc f)
    {
        var names = new List<string>();
        void Visit(Stmt s)
        {
            foreach (var c in ScheduleState.Children(s)) Visit(c);
            if (s is Block b)
            {
                if (names.Contains(b.Name)) throw new ArgumentException($"duplicated block name '{b.Name}' is not supported");
                names.Add(b.Name);
            }
        }
        Visit(f.Body);
        return names;
    }
}
