namespace Tuner.Ir.Schedule;

/// <summary>
/// A function whose layout-free weights RewriteLayout packs (blocks annotated
/// <c>meta_schedule.layout_rewrite_preproc</c>, each copying a parameter into a root buffer in the layout the compute
/// reads) split in two, as TVM's RemoveWeightLayoutRewriteBlock (for measuring) and SplitLayoutRewritePreproc (for
/// running a model) do: <see cref="Compute"/> takes the packed buffers in place of the weights and has no preproc
/// block, so a timing leaves the packing out; <see cref="Preproc"/> packs, taking the weights then the packed buffers
/// (<see cref="Weights"/> are their parameter indices in the original function), to run once per weight.
/// </summary>
public sealed record LayoutRewriteSplit(PrimFunc Compute, PrimFunc Preproc, IReadOnlyList<int> Weights, IReadOnlyList<Buffer> Packed)
{
    public const string PreprocAnnotation = "meta_schedule.layout_rewrite_preproc";

    /// <summary>The split, or null when the function has no preproc block of that form (nothing to lift out).</summary>
    public static LayoutRewriteSplit? Of(PrimFunc f)
    {
        if (f.Body is not BlockRealize { Block: { Name: "root" } root } rootRealize) return null;
        var stmts = root.Body is SeqStmt q ? q.Stmts.ToList() : [root.Body];
        var weights = new List<int>();
        var packed = new List<Buffer>();
        var preproc = new List<Stmt>();
        var rest = new List<Stmt>();
        foreach (var s in stmts)
        {
            if (PreprocBlock(s) is { } b && b.Reads.Count == 1 && b.Writes.Count == 1
                && ParamIndex(f, b.Reads[0].Buffer) is int w && root.AllocBuffers.Contains(b.Writes[0].Buffer) && !weights.Contains(w))
            {
                weights.Add(w);
                packed.Add(b.Writes[0].Buffer);
                preproc.Add(s);
            }
            else rest.Add(s);
        }
        if (weights.Count == 0) return null;
        // The compute must not read a weight itself any more: only the packed copy.
        var weightBuffers = weights.Select(w => f.BufferOf(f.Params[w])!).ToHashSet();
        bool readsWeight = false;
        foreach (var s in rest)
            NodeWalker.Walk(s, onExpr: e => readsWeight |= e is BufferLoad l && weightBuffers.Contains(l.Buffer));
        if (readsWeight) return null;

        var attrs = f.Attrs.Remove("layout_free_buffers");
        var computeMap = f.BufferMap.Map(pb => weights.Contains(f.Params.IndexOf(pb.Param))
            ? (pb.Param, packed[weights.IndexOf(f.Params.IndexOf(pb.Param))]) : pb);
        var computeRoot = root with { Body = SeqStmt.Flatten(rest), AllocBuffers = root.AllocBuffers.Where(a => !packed.Contains(a)).ToSeq() };
        var compute = f with { BufferMap = computeMap, Body = rootRealize with { Block = computeRoot }, Attrs = attrs };

        var outVars = packed.Select(p => new Var(p.Name + "_handle", DataType.Handle)).ToList();
        var preParams = weights.Select(w => f.Params[w]).Concat(outVars).ToSeq();
        var preMap = weights.Select(w => (f.Params[w], f.BufferOf(f.Params[w])!)).Concat(outVars.Zip(packed)).ToSeq();
        var preRoot = root with { Body = SeqStmt.Flatten(preproc), AllocBuffers = Seq<Buffer>.Empty };
        var pre = new PrimFunc(preParams, preMap, rootRealize with { Block = preRoot }, attrs, f.IsPrivate);
        return new LayoutRewriteSplit(compute, pre, weights, packed);
    }

    private static int? ParamIndex(PrimFunc f, Buffer b)
    {
        for (int i = 0; i < f.Params.Count; i++) if (ReferenceEquals(f.BufferOf(f.Params[i]), b)) return i;
        return null;
    }

    /// <summary>The block of a loop nest that holds one block and nothing else, when it is a preproc block.</summary>
    private static Block? PreprocBlock(Stmt s)
    {
        while (s is For l) s = l.Body;
        return s is BlockRealize { Block: var b } && b.Annotations[PreprocAnnotation] is IntImm { Value: not 0 } ? b : null;
    }
}
