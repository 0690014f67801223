using Tuner.Actors.Search;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tests.Search;

/// <summary>
/// A small design space for the search and tuning tests (independent of the CPU space): the loops i, j, k of one
/// block are tiled with SamplePerfectTile + Split into i0 j0 i1 j1 k0 i2 k1 j2, i0·j0 fused and parallel, the
/// innermost j2 vectorized, and an unroll step sampled among [0, 16, 64]. Mutators change one tile decision
/// (moving a factor between two levels) or the unroll step; no postprocessors.
/// </summary>
internal sealed class TestSpace(string block = "C") : ISpaceGenerator
{
    public IReadOnlyList<TracedSchedule> Generate(TuneContext ctx)
    {
        var sch = new TracedSchedule(ctx.Func, ctx.Seed);
        var b = sch.GetBlock(block);
        var l = sch.GetLoops(b);
        var i = sch.Split(l[0], sch.SamplePerfectTile(l[0], 3, 16).ToArray());
        var j = sch.Split(l[1], sch.SamplePerfectTile(l[1], 3, 64).ToArray());
        var k = sch.Split(l[2], sch.SamplePerfectTile(l[2], 2, 16).ToArray());
        sch.Reorder([i[0], j[0], i[1], j[1], k[0], i[2], k[1], j[2]]);
        var outer = sch.Fuse([i[0], j[0]]);
        sch.Parallel(outer);
        sch.Vectorize(j[2]);
        var step = sch.SampleCategorical([0, 16, 64], [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        sch.Annotate(outer, "pragma_auto_unroll_max_step", step);
        return [sch];
    }

    public IReadOnlyList<IPostproc> Postprocs => [];

    public IReadOnlyList<(IMutator Mutator, double Probability)> Mutators => [(new TileMutator(), 0.9), (new UnrollMutator(), 0.1)];
}

/// <summary>Moves a divisor of one tile factor to another level of the same loop, respecting the innermost limit.</summary>
internal sealed class TileMutator : IMutator
{
    public string Name => "test.TileSize";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        var tiles = trace.Instructions.TakeWhile(x => !x.Kind.IsPostproc).Where(x => x.Kind.Name == "SamplePerfectTile").ToList();
        if (tiles.Count == 0) return null;
        var inst = tiles[rand.SampleInt(0, tiles.Count)];
        var f = ((IEnumerable<long>)trace.GetDecision(inst)!).ToArray();
        long maxInner = Convert.ToInt64(inst.Attrs[1]);
        var from = Enumerable.Range(0, f.Length).Where(x => f[x] > 1).ToList();
        if (from.Count == 0) return null;
        int x = from[rand.SampleInt(0, from.Count)];
        int y = rand.SampleInt(0, f.Length - 1);
        if (y >= x) y++;
        var divisors = Enumerable.Range(2, (int)f[x] - 1).Where(d => f[x] % d == 0).ToList();
        long div = divisors[rand.SampleInt(0, divisors.Count)];
        f[x] /= div;
        f[y] *= div;
        if (maxInner > 0 && f[^1] > maxInner) return null;
        return trace.WithDecision(inst, f, removePostproc: true);
    }
}

/// <summary>Picks another candidate of a SampleCategorical.</summary>
internal sealed class UnrollMutator : IMutator
{
    public string Name => "test.Unroll";

    public Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand)
    {
        var cats = trace.Instructions.TakeWhile(x => !x.Kind.IsPostproc).Where(x => x.Kind.Name == "SampleCategorical").ToList();
        if (cats.Count == 0) return null;
        var inst = cats[rand.SampleInt(0, cats.Count)];
        int n = ((System.Collections.IList)inst.Attrs[0]!).Count;
        long d = Convert.ToInt64(trace.GetDecision(inst));
        long next = (d + 1 + rand.SampleInt(0, n - 1)) % n;
        return trace.WithDecision(inst, next, removePostproc: true);
    }
}
