namespace Tuner.Ir.Interp;

/// <summary>
/// Optional check (<see cref="InterpreterOptions.CheckRegions"/>) that every access a block makes to a buffer it
/// declares in T.reads/T.writes lies inside one of the declared regions of that buffer (reads and writes together:
/// TVM leaves the reduction's read of its output out of T.reads). Nested blocks are checked against their own
/// declarations; buffers a block does not declare are not checked.
/// </summary>
internal sealed partial class Compiler
{
    private sealed record RegionBounds(Func<Env, long>[] Min, Func<Env, long>[] Extent);
    private sealed record BlockRegions(string Block, Dictionary<Buffer, List<RegionBounds>> ByBuffer);

    private BlockRegions? _regions;

    /// <summary>Makes <paramref name="block"/>'s declared regions the ones accesses are checked against; returns the outer ones to restore.</summary>
    private BlockRegions? EnterRegions(Block block)
    {
        var outer = _regions;
        if (!options.CheckRegions) return outer;
        var map = new Dictionary<Buffer, List<RegionBounds>>();
        foreach (var r in block.Reads.Concat(block.Writes))
        {
            var bounds = new RegionBounds(
                r.Region.Select(x => IAs(x.Min, 0, DataType.Int64)).ToArray(),
                r.Region.Select(x => IAs(x.Extent, 0, DataType.Int64)).ToArray());
            if (!map.TryGetValue(r.Buffer, out var list)) map[r.Buffer] = list = [];
            list.Add(bounds);
        }
        _regions = new BlockRegions(block.Name, map);
        return outer;
    }

    private Func<Env, long> RegionChecked(Buffer buf, Seq<Expr> indices, int lane, Func<Env, long> off)
    {
        if (_regions is not { } br || !br.ByBuffer.TryGetValue(buf, out var regions)) return off;
        if (regions.Any(r => r.Min.Length != indices.Count))
            throw new InterpreterException($"block {br.Block}: a declared region of {buf.Name} has a rank other than {indices.Count}");
        var ix = indices.Select(i => I(i, lane)).ToArray();
        var regionArray = regions.ToArray();
        return env =>
        {
            long o = off(env); // shape check first: an out-of-bounds access reports as such
            Span<long> idx = stackalloc long[ix.Length];
            for (int d = 0; d < idx.Length; d++) idx[d] = ix[d](env);
            foreach (var r in regionArray)
                if (Inside(r, idx, env)) return o;
            throw new InterpreterException(
                $"block {br.Block}: access {buf.Name}[{string.Join(", ", idx.ToArray())}] is outside its declared regions " +
                string.Join(", ", regionArray.Select(r => Describe(buf, r, env))));
        };
    }

    private static bool Inside(RegionBounds r, ReadOnlySpan<long> idx, Env env)
    {
        for (int d = 0; d < idx.Length; d++)
        {
            long lo = r.Min[d](env);
            if (idx[d] < lo || idx[d] - lo >= r.Extent[d](env)) return false;
        }
        return true;
    }

    private static string Describe(Buffer buf, RegionBounds r, Env env) =>
        $"{buf.Name}[{string.Join(", ", r.Min.Select((m, d) => { long lo = m(env); return $"{lo}:{lo + r.Extent[d](env)}"; }))}]";
}
