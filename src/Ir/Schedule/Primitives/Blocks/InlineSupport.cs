namespace Tuner.Ir.Schedule;

/// <summary>Checks and rewrites shared by compute_inline and reverse_compute_inline.</summary>
internal static class InlineSupport
{
    /// <summary>The store of a block whose body is a single BufferStore whose indices are distinct iter vars of the block; else null.</summary>
    public static BufferStore? SimpleStore(Block b)
    {
        if (b.Body is not BufferStore st) return null;
        var vars = b.IterVars.Select(iv => iv.Var).ToHashSet();
        var seen = new HashSet<Var>();
        foreach (var i in st.Indices)
            if (i is not Var v || !vars.Contains(v) || !seen.Add(v)) return null;
        return st;
    }

    /// <summary>Why a block is not complete, or null when it is (TVM's CheckCompleteBlock).</summary>
    public static string? NotCompleteReason(Block scope, BlockRealize br)
    {
        var b = br.Block;
        if (b.Init is not null || b.IterVars.Any(iv => iv.Kind != IterKind.Spatial))
            return b.IterVars.Any(iv => iv.Kind == IterKind.Reduce) || b.Init is not null
                ? "is a reduction block" : "has non-spatial iter vars";
        foreach (var w in b.Writes)
        {
            var other = BlockScopeQueries.ChildBlocks(scope).FirstOrDefault(o => !ReferenceEquals(o, br) && BlockScopeQueries.Writes(o.Block, w.Buffer));
            if (other is not null) return $"is not the only writer of buffer '{w.Buffer.Name}' (block '{other.Block.Name}' writes it too)";
        }
        var self = b.Reads.FirstOrDefault(r => BlockScopeQueries.Writes(b, r.Buffer));
        return self is null ? null : $"reads buffer '{self.Buffer.Name}' that it writes";
    }

    /// <summary>
    /// Rewrites every block that accessed <paramref name="buffer"/>: loads go through <paramref name="load"/>, and
    /// the block's read/write regions are recomputed from its body (TVM's GetBlockReadWriteRegion).
    /// </summary>
    public sealed class LoadRewriter(Buffer buffer, Func<BufferLoad, Expr> load) : IrRewriter
    {
        public override Expr VisitBufferLoad(BufferLoad l)
        {
            var inner = base.VisitBufferLoad(l);
            return inner is BufferLoad nl && ReferenceEquals(nl.Buffer, buffer) ? load(nl) : inner;
        }

        public override Stmt VisitBlock(Block b)
        {
            var nb = (Block)base.VisitBlock(b);
            if (ReferenceEquals(nb, b) || b.Name == "root") return nb;
            bool touched = b.Reads.Concat(b.Writes).Any(r => ReferenceEquals(r.Buffer, buffer));
            if (!touched) return nb;
            var (reads, writes) = BlockAccessRegions.Detect(nb);
            return nb with { Reads = reads, Writes = writes };
        }
    }

    /// <summary>Maps variables to expressions given as parallel lists.</summary>
    public static Dictionary<Var, Expr> Zip(IEnumerable<Var> vars, IEnumerable<Expr> values) =>
        vars.Zip(values).ToDictionary(p => p.First, p => p.Second);
}
