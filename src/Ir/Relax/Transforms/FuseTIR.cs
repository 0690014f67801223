using Tuner.Ir.Script;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>
/// TVM's relax.transform.FuseTIR: each Primitive Relax function (from FuseOps) becomes one PrimFunc of the same
/// name holding its callees' blocks in order. Parameters are the function's parameters (buffers named after
/// them); each callee output becomes a buffer named &lt;its buffer&gt;_intermediate — allocated inside, or a
/// parameter when it is the result; the callees' own buffers are hoisted. Calls of the fused function become
/// call_tir; Primitive functions and PrimFuncs nothing calls any more are removed.
/// </summary>
public static class FuseTIR
{
    public static IRModule Run(IRModule m)
    {
        var prims = RelaxModule.RelaxFuncs(m).Where(r => r.Func.IsPrimitive).ToDictionary(r => r.Name);
        if (prims.Count == 0) return m;
        var fused = prims.Values.ToDictionary(r => r.Name, r => Fuse(m, r));
        var funcs = new List<ModuleFunc>();
        foreach (var f in m.Functions)
        {
            if (f is RelaxFuncEntry r)
            {
                if (prims.ContainsKey(r.Name)) continue;
                funcs.Add(r with { Func = RelaxModule.MapBindings(r.Func, b => b.Value is RCall { Callee: { } g } c && fused.ContainsKey(g.Name)
                    ? new RCall(RCall.CallTir, [g, new RTuple(c.Args)], OpAttrs.Empty, Outputs(c.Info), c.Info)
                    : b.Value) });
            }
            else funcs.Add(f);
        }
        funcs.AddRange(fused.Select(kv => new PrimFuncEntry(kv.Key, kv.Value)));
        // PrimFuncs that only the fused functions called are gone with them.
        var called = funcs.OfType<RelaxFuncEntry>().SelectMany(r => r.Func.Bindings).Select(b => b.Value)
            .OfType<RCall>().Where(c => c.IsCallTir).Select(c => c.TirName).ToHashSet();
        funcs = funcs.Where(f => f is not PrimFuncEntry || called.Contains(f.Name)).ToList();
        return RelaxModule.Sorted(m with { Functions = funcs.ToSeq() });
    }

    private static Seq<StructInfo> Outputs(StructInfo s) => s is TupleStructInfo t ? t.Fields : [s];

    private static Seq<Expr> Dims(StructInfo s) =>
        ((TensorStructInfo)s).Shape ?? throw new RelaxPassException("FuseTIR: a tensor of unknown shape cannot be fused");

    private static PrimFunc Fuse(IRModule m, RelaxFuncEntry entry)
    {
        var f = entry.Func;
        var names = new HashSet<string>();
        string Unique(string n) { var u = n; for (int i = 1; !names.Add(u); i++) u = $"{n}_{i}"; return u; }
        var bufOf = new Dictionary<RVar, Buffer>();
        var parms = new List<Var>();
        var bufferMap = new List<(Var, Buffer)>();
        foreach (var p in f.Params)
        {
            var t = (TensorStructInfo)p.Info;
            var b = new Buffer(Unique(p.Name), t.Dtype, Dims(t));
            bufOf[p] = b;
            var v = new Var("p_" + b.Name, DataType.Handle);
            parms.Add(v);
            bufferMap.Add((v, b));
        }
        var results = Outputs(f.Body.Sinfo).Count == 1 ? new List<RVar> { (RVar)f.Body } : ((RTuple)f.Bindings.Last(b => ReferenceEquals(b.Var, f.Body)).Value).Fields.Cast<RVar>().ToList();
        var allocs = new List<Buffer>();
        var stmts = new List<Stmt>();
        var outBuffers = new List<Buffer>();
        foreach (var b in f.Bindings)
        {
            if (b.Value is RTuple) continue;
            if (b.Value is not RCall { IsCallTir: true } c) throw new RelaxPassException($"FuseTIR: {entry.Name}: only call_tir bindings can be fused ({b.Var.Name})");
            var callee = m.Lookup(c.TirName) ?? throw new RelaxPassException($"FuseTIR: {entry.Name}: no PrimFunc '{c.TirName}'");
            var map = new Dictionary<Buffer, Buffer>(ReferenceEqualityComparer.Instance!);
            var calleeBufs = callee.ParamBuffers.ToList();
            var ins = c.TirArgs.Select(a => a is RVar v && bufOf.TryGetValue(v, out var bb) ? bb : throw new RelaxPassException($"FuseTIR: {entry.Name}: argument of {c.TirName} is not a tensor variable")).ToList();
            for (int i = 0; i < ins.Count; i++) map[calleeBufs[i]] = ins[i];
            var outB = calleeBufs[ins.Count];
            var nb = new Buffer(Unique(outB.Name + "_intermediate"), outB.Dtype, outB.Shape);
            map[outB] = nb;
            bufOf[b.Var] = nb;
            if (results.Contains(b.Var)) outBuffers.Add(nb); else allocs.Add(nb);
            var root = callee.RootBlock;
            foreach (var a in root?.AllocBuffers ?? [])
            {
                var copy = a with { Name = Unique(a.Name) };
                map[a] = copy;
                allocs.Add(copy);
            }
            stmts.Add(new BufferSwap(map).VisitStmt(root?.Body ?? callee.Body));
        }
        foreach (var r in results)
        {
            var v = new Var("p_output" + outBuffers.IndexOf(bufOf[r]), DataType.Handle);
            parms.Add(v);
            bufferMap.Add((v, bufOf[r]));
        }
        var body = new BlockRealize([], IntImm.True, new Block("root", [], [], [], SeqStmt.Flatten(stmts.ToArray()), null, allocs.ToSeq(), Attrs.Empty));
        var func = new PrimFunc(parms.ToSeq(), bufferMap.ToSeq(), UniqueBlockNames(body), Attrs.Empty.Set("tir.noalias", IntImm.Bool(true)), IsPrivate: true);
        // Round trip through TVMScript: the callees' loop and block variables become distinct objects per use.
        return TvmScript.ParseFunc(TvmScript.Print(func, entry.Name), $"<fused {entry.Name}>");
    }

    /// <summary>Block names made unique (T_add, T_add_1, ...): traces find blocks by name.</summary>
    private static Stmt UniqueBlockNames(Stmt s)
    {
        var seen = new HashSet<string>();
        return new BlockRenamer(seen).VisitStmt(s);
    }

    private sealed class BufferSwap(Dictionary<Buffer, Buffer> map) : IrRewriter
    {
        public override Buffer VisitBuffer(Buffer b) => map.TryGetValue(b, out var n) ? n : b;
    }

    private sealed class BlockRenamer(HashSet<string> seen) : IrRewriter
    {
        public override Stmt VisitBlock(Block b)
        {
            var nb = (Block)base.VisitBlock(b);
            string name = nb.Name;
            for (int i = 1; !seen.Add(name); i++) name = $"{nb.Name}_{i}";
            return name == nb.Name ? nb : nb with { Name = name };
        }
    }
}
