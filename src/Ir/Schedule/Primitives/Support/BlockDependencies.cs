namespace Tuner.Ir.Schedule;

/// <summary>
/// The blocks of one scope (the nearest blocks under a scope block, in execution order) and the dependencies
/// between them by buffer reads/writes, built as TVM's BlockScope: for each block in order, RAW edges from earlier
/// writers of what it reads, WAW from earlier writers of what it writes, WAR from earlier readers of what it writes.
/// </summary>
internal sealed class BlockDependencies
{
    public enum Kind { RAW, WAW, WAR }

    public IReadOnlyList<BlockRealize> Blocks { get; }
    public IReadOnlyList<(string Src, string Dst, Kind Kind)> Edges { get; }

    private BlockDependencies(IReadOnlyList<BlockRealize> blocks, IReadOnlyList<(string, string, Kind)> edges)
    {
        Blocks = blocks;
        Edges = edges;
    }

    /// <summary>The dependencies in the scope that holds <paramref name="block"/> (its nearest enclosing block).</summary>
    public static BlockDependencies OfScopeOf(ScheduleState s, BlockRealize block)
    {
        var scope = s.ParentBlock(block) ?? throw new InvalidOperationException("the root block has no enclosing scope");
        return Of(ChildBlocks(scope.Body));
    }

    public static BlockDependencies Of(IReadOnlyList<BlockRealize> blocks)
    {
        var readers = new Dictionary<Buffer, List<string>>();
        var writers = new Dictionary<Buffer, List<string>>();
        var edges = new List<(string, string, Kind)>();
        var seen = new HashSet<(string, string, Kind)>();
        void Add(string src, string dst, Kind k)
        {
            if (src != dst && seen.Add((src, dst, k))) edges.Add((src, dst, k));
        }
        foreach (var br in blocks)
        {
            var b = br.Block;
            foreach (var r in b.Reads) Get(readers, r.Buffer).Add(b.Name);
            foreach (var w in b.Writes) Get(writers, w.Buffer).Add(b.Name);
            foreach (var r in b.Reads)
                if (writers.TryGetValue(r.Buffer, out var ws)) foreach (var src in ws) Add(src, b.Name, Kind.RAW);
            foreach (var w in b.Writes)
                if (writers.TryGetValue(w.Buffer, out var ws)) foreach (var src in ws) Add(src, b.Name, Kind.WAW);
            foreach (var w in b.Writes)
                if (readers.TryGetValue(w.Buffer, out var rs)) foreach (var src in rs) Add(src, b.Name, Kind.WAR);
        }
        return new BlockDependencies(blocks, edges);
    }

    private static List<string> Get(Dictionary<Buffer, List<string>> d, Buffer b)
    {
        if (!d.TryGetValue(b, out var l)) d[b] = l = [];
        return l;
    }

    /// <summary>Blocks that write what <paramref name="block"/> reads or writes earlier (RAW/WAW edges into it), as TVM's GetProducers.</summary>
    public IReadOnlyList<string> Producers(string block) =>
        Edges.Where(e => e.Dst == block && e.Kind is Kind.RAW or Kind.WAW).Select(e => e.Src).Distinct().ToList();

    /// <summary>Blocks that read or overwrite what <paramref name="block"/> writes later (RAW/WAW edges out of it), as TVM's GetConsumers.</summary>
    public IReadOnlyList<string> Consumers(string block) =>
        Edges.Where(e => e.Src == block && e.Kind is Kind.RAW or Kind.WAW).Select(e => e.Dst).Distinct().ToList();

    /// <summary>The nearest block realizes under <paramref name="s"/>, pre-order, not descending into blocks.</summary>
    public static IReadOnlyList<BlockRealize> ChildBlocks(Stmt s)
    {
        var list = new List<BlockRealize>();
        void Walk(Stmt x)
        {
            if (x is BlockRealize br) { list.Add(br); return; }
            foreach (var c in ScheduleState.Children(x)) Walk(c);
        }
        Walk(s);
        return list;
    }
}
