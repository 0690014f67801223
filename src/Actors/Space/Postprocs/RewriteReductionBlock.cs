using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Space.Postprocs;

/// <summary>
/// TVM's RewriteReductionBlock: every block that still has an init (none is thread-bound on CPU) is split by
/// DecomposeReduction at its outermost loop that is not data parallel; blocks whose loops are all data parallel
/// keep their init. Repeats until nothing changes.
/// </summary>
public sealed class RewriteReductionBlock : IPostproc
{
    public string Name => "RewriteReductionBlock";

    public bool Apply(TuneContext ctx, TracedSchedule sch)
    {
        while (true)
        {
            var found = new List<string>();
            NodeWalker.Walk(sch.Func.Body, s => { if (s is BlockRealize { Block.Init: not null } br) found.Add(br.Block.Name); });
            int rewritten = 0;
            foreach (var name in found)
            {
                var loops = sch.State.LoopsAbove(sch.State.FindBlock(name, Name));
                int point = -1;
                for (int i = 0; i < loops.Count && point < 0; i++)
                    if (BlockAnalysis.LoopIterType(loops[i]) != IterKind.Spatial) point = i;
                if (point < 0) continue;
                var block = sch.GetBlock(name);
                var loopRvs = sch.GetLoops(block);
                sch.DecomposeReduction(block, loopRvs[point]);
                rewritten++;
            }
            if (rewritten == 0) return true;
        }
    }
}
