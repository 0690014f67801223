using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>
/// TVM's relax.transform.AnnotateTIROpPattern: each PrimFunc gets "op_pattern", the OpPatternKind its blocks show
/// (TVM's PatternKindAnalyzer): element-wise, broadcast or injective by how each block's loads index against its
/// single store; a reduction block is OutEWiseFusable when it is a multiply-accumulate with reuse (matmul, conv)
/// or reads a non-pure reduce index (pooling), else CommReduce; an element-wise output block after a CommReduce
/// block makes the function OutEWiseFusable (softmax); a block with several stores is Opaque.
/// </summary>
public static class AnnotateTIROpPattern
{
    public const string Attr = "op_pattern";

    public static IRModule Run(IRModule m) => m with
    {
        Functions = m.Functions.Map(f => f is PrimFuncEntry p && p.Func.Attrs[Attr] is null
            ? p with { Func = p.Func with { Attrs = p.Func.Attrs.Set(Attr, IntImm.I32((int)Analyze(p.Func))) } }
            : f),
    };

    public static OpPattern Analyze(PrimFunc f)
    {
        var outputs = f.ParamBuffers.ToHashSet();
        var kind = OpPattern.ElemWise;
        foreach (var block in LeafBlocks(f.Body))
        {
            kind = Visit(block, outputs, kind);
            if (kind == OpPattern.Opaque) break;
        }
        return kind;
    }

    /// <summary>Blocks with iterators (or without nested blocks): the compute stages, not the root.</summary>
    private static IEnumerable<Block> LeafBlocks(Stmt s)
    {
        switch (s)
        {
            case BlockRealize br:
                var inner = LeafBlocks(br.Block.Body).ToList();
                if (inner.Count == 0) { yield return br.Block; yield break; }
                foreach (var b in inner) yield return b;
                break;
            case SeqStmt q: foreach (var x in q.Stmts) foreach (var b in LeafBlocks(x)) yield return b; break;
            case For l: foreach (var b in LeafBlocks(l.Body)) yield return b; break;
            case LetStmt l: foreach (var b in LeafBlocks(l.Body)) yield return b; break;
            case IfThenElse i:
                foreach (var b in LeafBlocks(i.Then)) yield return b;
                if (i.Else is not null) foreach (var b in LeafBlocks(i.Else)) yield return b;
                break;
        }
    }

    private static OpPattern Visit(Block block, HashSet<Buffer> paramBuffers, OpPattern kind)
    {
        var stores = new List<BufferStore>();
        var loads = new List<BufferLoad>();
        Collect(block.Body, stores, loads);
        if (stores.Count != 1) return stores.Count == 0 ? kind : OpPattern.Opaque;
        var store = stores[0];
        var pair = OpPattern.ElemWise;
        bool hasElemWise = false;
        foreach (var load in loads)
        {
            if (IsElemwise(store, load)) hasElemWise = true;
            else if (IsBroadcast(store, load)) pair = Max(pair, OpPattern.Broadcast);
            else if (IsInjective(store, load)) pair = Max(pair, OpPattern.Injective);
            else { pair = OpPattern.Opaque; break; }
        }
        if (pair == OpPattern.Broadcast && hasElemWise) pair = OpPattern.ElemWise;
        if (pair != OpPattern.Opaque)
        {
            bool isOutput = block.Writes.Any(w => paramBuffers.Contains(w.Buffer)) || paramBuffers.Contains(store.Buffer);
            return isOutput && kind == OpPattern.CommReduce ? OpPattern.OutEWiseFusable : Max(kind, pair);
        }
        var reduceVars = block.IterVars.Where(iv => iv.Kind == IterKind.Reduce).Select(iv => iv.Var).ToList();
        if (reduceVars.Count == 0) return OpPattern.Opaque;
        if (IsFma(block.Body)) return Max(kind, OpPattern.OutEWiseFusable);
        if (loads.Any(l => !IsPureReduce(reduceVars, l.Indices))) return Max(kind, OpPattern.OutEWiseFusable);
        return Max(kind, OpPattern.CommReduce);
    }

    private static OpPattern Max(OpPattern a, OpPattern b) => (OpPattern)Math.Max((int)a, (int)b);

    private static void Collect(Stmt s, List<BufferStore> stores, List<BufferLoad> loads)
    {
        var v = new LoadCollector(loads);
        switch (s)
        {
            case BufferStore st: stores.Add(st); v.VisitExpr(st.Value); foreach (var i in st.Indices) v.VisitExpr(i); break;
            case SeqStmt q: foreach (var x in q.Stmts) Collect(x, stores, loads); break;
            case LetStmt l: v.VisitExpr(l.Value); Collect(l.Body, stores, loads); break;
            case For f: Collect(f.Body, stores, loads); break;
            case IfThenElse i: v.VisitExpr(i.Condition); Collect(i.Then, stores, loads); if (i.Else is not null) Collect(i.Else, stores, loads); break;
            case Evaluate e: v.VisitExpr(e.Value); break;
        }
    }

    private sealed class LoadCollector(List<BufferLoad> loads) : IrVisitor
    {
        public override void VisitBufferLoad(BufferLoad l)
        {
            loads.Add(l);
            base.VisitBufferLoad(l);
        }
    }

    private static bool IsElemwise(BufferStore s, BufferLoad l) =>
        s.Indices.Count == l.Indices.Count && s.Indices.Zip(l.Indices).All(p => ReferenceEquals(p.First, p.Second) || (p.First is Var a && p.Second is Var b && ReferenceEquals(a, b)));

    private static bool IsBroadcast(BufferStore s, BufferLoad l)
    {
        int j = 0;
        for (int i = 0; i < l.Indices.Count; i++)
        {
            if (l.Buffer.Shape[i] is IntImm { Value: 1 } && l.Indices[i] is IntImm { Value: 0 }) continue;
            while (j < s.Indices.Count && !(l.Indices[i] is Var lv && ReferenceEquals(s.Indices[j], lv))) j++;
            if (j == s.Indices.Count) return false;
        }
        return true;
    }

    private static bool IsInjective(BufferStore s, BufferLoad l)
    {
        var storeVars = s.Indices.SelectMany(VarsOf).ToHashSet();
        return l.Indices.SelectMany(VarsOf).All(storeVars.Contains);
    }

    private static IEnumerable<Var> VarsOf(Expr e)
    {
        var c = new VarCollector();
        c.VisitExpr(e);
        return c.Vars;
    }

    private sealed class VarCollector : IrVisitor
    {
        public List<Var> Vars { get; } = [];
        public override void VisitVar(Var v) => Vars.Add(v);
    }

    /// <summary>C[...] = C[...] + X[...] * Y[...] where X and Y each leave out some of the store's indices (reuse).</summary>
    private static bool IsFma(Stmt body)
    {
        if (body is not BufferStore { Value: Binary { Op: BinOp.Add, A: BufferLoad acc, B: Binary { Op: BinOp.Mul, A: BufferLoad x, B: BufferLoad y } } } st) return false;
        bool incremental = ReferenceEquals(acc.Buffer, st.Buffer) && acc.Indices.Equals(st.Indices);
        return incremental && Reuse(st, x) && Reuse(st, y);
    }

    private static bool Reuse(BufferStore s, BufferLoad l)
    {
        var vars = new HashSet<Var>();
        foreach (var i in s.Indices)
        {
            if (i is Var v) vars.Add(v);
            else return false;
        }
        foreach (var i in l.Indices) foreach (var v in VarsOf(i)) vars.Remove(v);
        return vars.Count > 0;
    }

    private static bool IsPureReduce(List<Var> reduceVars, Seq<Expr> indices) =>
        indices.All(e =>
        {
            var used = VarsOf(e).FirstOrDefault(reduceVars.Contains);
            return used is null || ReferenceEquals(e, used);
        });
}
