namespace Tuner.Ir.Schedule;

/// <summary>Builds rfactor's two blocks (TVM's RFactorBlockCreator and WriteBackBlockCreator).</summary>
internal static class RFactorBlocks
{
    /// <summary>
    /// The rfactor block: a spatial iter "v" + loop name bound to the rfactor loop first, then the old iter vars —
    /// kept when spatial or not using the rfactor loop, otherwise split into one reduce iter per loop of its binding.
    /// </summary>
    public static (BlockRealize Realize, IterVar RfIter, Seq<Expr> RfIndices) MakeRf(BlockRealize br, For rfLoop, List<For> loops,
        BlockReducer reducer, Expr rhs, Buffer rfBuf, Buffer buf, int factorAxis, string name)
    {
        var b = br.Block;
        var rfIter = new IterVar(new Var($"v{rfLoop.LoopVar.Name}", rfLoop.LoopVar.Type), new Range(rfLoop.Min, rfLoop.Extent), IterKind.Spatial);
        var ivs = new List<IterVar> { rfIter };
        var values = new List<Expr> { rfLoop.LoopVar };
        var loopToIter = new Dictionary<Var, Expr> { [rfLoop.LoopVar] = rfIter.Var };
        var varMap = new Dictionary<Var, Expr>();
        for (int i = 0; i < b.IterVars.Count; i++)
        {
            var iv = b.IterVars[i];
            var binding = br.IterValues[i];
            if (iv.Kind == IterKind.Spatial || !BlockScopeQueries.Uses(binding, rfLoop.LoopVar))
            {
                ivs.Add(iv);
                values.Add(binding);
                continue;
            }
            foreach (var v in VarsInOrder(binding))
            {
                var l = loops.FirstOrDefault(x => x.LoopVar == v);
                if (l is null || loopToIter.ContainsKey(v)) continue;
                var niv = new IterVar(new Var($"v{v.Name}", v.Type), new Range(l.Min, l.Extent), IterKind.Reduce);
                loopToIter[v] = niv.Var;
                ivs.Add(niv);
                values.Add(v);
            }
            varMap[iv.Var] = BlockAffineForm.Simplify(Substituter.Apply(binding, loopToIter));
        }
        var rfIdx = b.Body is BufferStore st ? st.Indices.Insert(factorAxis, rfIter.Var) : throw new InvalidOperationException();
        var load = new BufferLoad(rfBuf, rfIdx);
        var body = (BufferStore)Substituter.Apply(new BufferStore(rfBuf, reducer.Combine(load, rhs), rfIdx), varMap);
        var init = new BufferStore(rfBuf, reducer.Identity, body.Indices);
        Seq<BufferRegion> Regions(Seq<BufferRegion> old) => old.Map(r =>
        {
            var region = r.Region;
            var target = r.Buffer;
            if (ReferenceEquals(r.Buffer, buf)) { region = region.Insert(factorAxis, new Range(rfIter.Var, new IntImm(rfIter.Var.Type, 1))); target = rfBuf; }
            return new BufferRegion(target, region.Map(x => new Range(Substituter.Apply(x.Min, varMap), Substituter.Apply(x.Extent, varMap))));
        });
        var block = new Block(name, ivs.ToSeq(), Regions(b.Reads), Regions(b.Writes), body, init, [], b.Annotations);
        return (new BlockRealize(values.ToSeq(), br.Predicate, block), rfIter, rfIdx);
    }

    /// <summary>Copies of the loops (fresh vars with the same names, same kinds) around the rfactor block.</summary>
    public static Stmt WrapInLoopCopies(BlockRealize realize, List<For> loops)
    {
        var map = loops.ToDictionary(l => l.LoopVar, l => (Expr)new Var(l.LoopVar.Name, l.LoopVar.Type));
        Stmt body = realize with
        {
            IterValues = realize.IterValues.Map(v => Substituter.Apply(v, map)),
            Predicate = Substituter.Apply(realize.Predicate, map),
        };
        for (int i = loops.Count - 1; i >= 0; i--)
            body = loops[i] with { LoopVar = (Var)map[loops[i].LoopVar], Body = body };
        return body;
    }

    /// <summary>
    /// The write-back block (original name): a reduce iter bound to the rfactor loop, copies of the spatial iter vars,
    /// C[idx] = C[idx] op C_rf[...], init the identity; <paramref name="predicate"/> is the kept part of the old predicate.
    /// </summary>
    public static BlockRealize MakeWriteBack(BlockRealize br, For rfLoop, BlockReducer reducer, BufferLoad lhs, Buffer rfBuf,
        IterVar rfIter, Seq<Expr> rfIdx, Seq<Expr> indices, Expr predicate)
    {
        var b = br.Block;
        var wbIter = new IterVar(new Var($"v{rfLoop.LoopVar.Name}", rfLoop.LoopVar.Type), new Range(rfLoop.Min, rfLoop.Extent), IterKind.Reduce);
        var ivs = new List<IterVar> { wbIter };
        var values = new List<Expr> { rfLoop.LoopVar };
        var map = new Dictionary<Var, Expr> { [rfIter.Var] = wbIter.Var };
        for (int i = 0; i < b.IterVars.Count; i++)
        {
            var iv = b.IterVars[i];
            if (iv.Kind != IterKind.Spatial) continue;
            var nv = new Var(iv.Var.Name, iv.Var.Type);
            ivs.Add(iv with { Var = nv });
            values.Add(br.IterValues[i]);
            map[iv.Var] = nv;
        }
        var wbLhs = (BufferLoad)Substituter.Apply(lhs, map);
        var wbRhs = (BufferLoad)Substituter.Apply(new BufferLoad(rfBuf, rfIdx), map);
        var idx = indices.Map(i => Substituter.Apply(i, map));
        var block = new Block(b.Name, ivs.ToSeq(),
            [BlockAccessRegions.Point(rfBuf, wbRhs.Indices)], [BlockAccessRegions.Point(wbLhs.Buffer, wbLhs.Indices)],
            new BufferStore(lhs.Buffer, reducer.Combine(wbLhs, wbRhs), idx),
            new BufferStore(lhs.Buffer, reducer.Identity, idx), [], b.Annotations);
        return new BlockRealize(values.ToSeq(), predicate, block);
    }

    private static List<Var> VarsInOrder(Expr e)
    {
        var list = new List<Var>();
        new NodeWalker(onExpr: x => { if (x is Var v && !list.Contains(v)) list.Add(v); }).VisitExpr(e);
        return list;
    }
}
