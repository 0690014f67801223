using Tuner.Ir.Analysis;


namespace Tuner.Ir.Schedule;

/// <summary>
/// A simple form of TVM's SuggestIndexMap (what its RewriteLayout postprocessor asks for): the layout in which a
/// block's loop nest reads a buffer in loop order. Each index of the load, written in the loop variables above the
/// block, must be a mixed-radix sum Σ cₖ·loopₖ covering its dimension exactly (a split loop nest: j = j0·8 + j1 over
/// 16); the new layout has one dimension per (loop, buffer dimension) pair, ordered as the loops are nested.
/// <c>B[k, j]</c> read under loops j0 (2), k (16), j1 (8) gives <c>lambda k, j: (j // 8, k, j % 8)</c>.
/// Returns null when an index is not of that form (offsets, fused or predicated loops, a loop in two indices) or the
/// layout would not change.
/// </summary>
public static class LayoutSuggestion
{
    public static IndexMap? ForLoad(ScheduleState s, BlockRealize br, BufferLoad load)
    {
        var buf = load.Buffer;
        if (buf.ConstShape() is not { } shape) return null;
        var loops = s.LoopsAbove(br);
        var position = new Dictionary<Var, int>();
        for (int i = 0; i < loops.Count; i++)
        {
            if (!E.IsConst(loops[i].Min, 0) || loops[i].Extent is not IntImm) return null;
            position[loops[i].LoopVar] = i;
        }
        var bind = new Dictionary<Var, Expr>();
        for (int i = 0; i < br.Block.IterVars.Count; i++) bind[br.Block.IterVars[i].Var] = br.IterValues[i];

        var dtype = buf.Shape[0].Dtype;
        var initial = Enumerable.Range(0, buf.Rank).Select(d => new Var($"i{d}", dtype)).ToList();
        var components = new List<(int Loop, Expr Index)>();
        var seen = new HashSet<Var>();
        for (int d = 0; d < buf.Rank; d++)
        {
            var form = Tuner.Ir.Lowering.LinearForm.Of(Simplifier.Simplify(Substituter.Apply(load.Indices[d], bind)));
            if (form.Terms.Count > 0 || form.Const != 0) return null;
            var terms = form.Vars.Where(p => p.Value != 0).OrderByDescending(p => p.Value).ToList();
            if (terms.Count == 0) { if (shape[d] != 1) return null; continue; }
            long expect = 1;
            for (int t = terms.Count - 1; t >= 0; t--)
            {
                var (v, c) = terms[t];
                if (c != expect || !position.ContainsKey(v) || !seen.Add(v)) return null;
                expect *= ((IntImm)loops[position[v]].Extent).Value;
            }
            if (expect != shape[d]) return null;
            for (int t = 0; t < terms.Count; t++)
            {
                var (v, c) = terms[t];
                long ext = ((IntImm)loops[position[v]].Extent).Value;
                if (ext == 1) continue;
                Expr idx = initial[d];
                if (c != 1) idx = E.FloorDiv(idx, new IntImm(dtype, c));
                if (t > 0) idx = E.FloorMod(idx, new IntImm(dtype, ext));
                components.Add((position[v], idx));
            }
        }
        var ordered = components.OrderBy(c => c.Loop).Select(c => c.Index).ToList();
        bool identity = ordered.Count == buf.Rank && ordered.Select((e, d) => ReferenceEquals(e, initial[d])).All(x => x);
        return identity || ordered.Count == 0 ? null : new IndexMap(initial.ToSeq(), ordered.ToSeq());
    }
}
