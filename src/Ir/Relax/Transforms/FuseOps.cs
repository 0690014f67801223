using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>
/// TVM's relax.transform.FuseOps: in each dataflow block, groups of call_tir bindings chosen by
/// <see cref="GraphPartitioner"/> (from the PrimFuncs' "op_pattern") become private Relax functions with
/// {"Primitive": True}, named fused_ + the callees' names, called where the group's last binding was.
/// A group's values used outside it are its outputs (a tuple when there are several). Run AnnotateTIROpPattern first.
/// </summary>
public static class FuseOps
{
    public const int DefaultMaxDepth = 256;

    public static IRModule Run(IRModule m, int maxFuseDepth = DefaultMaxDepth)
    {
        var used = m.Functions.Select(f => f.Name).ToHashSet();
        var added = new Dictionary<string, RelaxFuncEntry>();
        var funcs = m.Functions.Map(f => f is RelaxFuncEntry r && !r.Func.IsPrimitive
            ? r with { Func = r.Func with { Blocks = r.Func.Blocks.Map(b => b.IsDataflow ? FuseBlock(m, r.Func, b, maxFuseDepth, used, added) : b) } }
            : f);
        return RelaxModule.Sorted(m with { Functions = funcs.AddRange(added.Values) });
    }

    private static OpPattern PatternOf(IRModule m, RExpr value) => value switch
    {
        RCall { IsCallTir: true } c => m.Lookup(c.TirName)?.Attrs[AnnotateTIROpPattern.Attr] is IntImm k ? (OpPattern)k.Value : OpPattern.Opaque,
        RTuple => OpPattern.Tuple,
        TupleGetItem => OpPattern.Injective,
        _ => OpPattern.Opaque,
    };

    /// <summary>The variables an expression reads directly.</summary>
    internal static IEnumerable<RVar> Uses(RExpr e) => e switch
    {
        RVar v => [v],
        RTuple t => t.Fields.SelectMany(Uses),
        TupleGetItem g => Uses(g.Tuple),
        RCall c => c.Args.SelectMany(Uses),
        _ => [],
    };

    private static BindingBlock FuseBlock(IRModule m, RelaxFunction f, BindingBlock block, int maxDepth, ISet<string> used, Dictionary<string, RelaxFuncEntry> added)
    {
        var bs = block.Bindings;
        var index = new Dictionary<RVar, int>();
        for (int i = 0; i < bs.Count; i++) index[bs[i].Var] = i;
        var usedOutside = Uses(f.Body).ToHashSet();
        foreach (var other in f.Blocks) if (!ReferenceEquals(other, block)) foreach (var b in other.Bindings) usedOutside.UnionWith(Uses(b.Value));
        var nodes = bs.Select((b, i) => new GraphPartitioner.Node(i, PatternOf(m, b.Value), !b.Var.IsDataflow || usedOutside.Contains(b.Var))).ToList();
        for (int i = 0; i < bs.Count; i++)
            foreach (var u in Uses(bs[i].Value).Distinct())
                if (index.TryGetValue(u, out var j)) nodes[j].Outputs.Add((nodes[i], nodes[i].Pattern));
        var root = new GraphPartitioner(nodes, maxDepth).Partition();
        var groups = Enumerable.Range(0, bs.Count).GroupBy(i => root[i]).Select(g => g.ToList()).Where(g => g.Count > 1).ToList();
        if (groups.Count == 0) return block;
        var replaced = new Dictionary<int, List<Binding>>();
        var dropped = new HashSet<int>();
        foreach (var g in groups)
        {
            var (calls, _) = MakeFunction(m, bs, g, index, nodes, used, added);
            replaced[g[^1]] = calls;
            dropped.UnionWith(g);
        }
        var result = new List<Binding>();
        for (int i = 0; i < bs.Count; i++)
        {
            if (replaced.TryGetValue(i, out var calls)) result.AddRange(calls);
            else if (!dropped.Contains(i)) result.Add(bs[i]);
        }
        return block with { Bindings = TopoOrder(result) };
    }

    /// <summary>The fused function for one group and the bindings that call it in place of the group.</summary>
    private static (List<Binding> Calls, RelaxFuncEntry Fn) MakeFunction(IRModule m, Seq<Binding> bs, List<int> group, Dictionary<RVar, int> index,
        List<GraphPartitioner.Node> nodes, ISet<string> used, Dictionary<string, RelaxFuncEntry> added)
    {
        var inGroup = group.ToHashSet();
        var paramOf = new Dictionary<RVar, RVar>();
        var args = new List<RExpr>();
        foreach (var i in group)
            foreach (var u in Uses(bs[i].Value))
                if (!(index.TryGetValue(u, out var j) && inGroup.Contains(j)) && !paramOf.ContainsKey(u))
                {
                    paramOf[u] = new RVar(u.Name, u.Info);
                    args.Add(u);
                }
        var outputs = group.Where(i => nodes[i].ExternRef || nodes[i].Outputs.Any(o => !inGroup.Contains(o.Node.Index))).ToList();
        var map = new Dictionary<RVar, RVar>(paramOf);
        var body = new List<Binding>();
        foreach (var i in group)
        {
            var b = bs[i];
            // As TVM's FunctionCreator: a single output is emitted as "gv"; everything else keeps its name.
            bool isOut = outputs.Count == 1 && outputs[0] == i;
            var nv = new RVar(isOut ? "gv" : b.Var.Name, b.Var.Info, IsDataflow: !isOut);
            var value = new RelaxVarSubstituter(map).Visit(b.Value);
            map[b.Var] = nv;
            body.Add(new Binding(nv, value));
        }
        RVar ret;
        if (outputs.Count == 1) ret = map[bs[outputs[0]].Var];
        else
        {
            var tuple = new RTuple(outputs.Select(i => (RExpr)map[bs[i].Var]).ToSeq());
            ret = new RVar("gv", tuple.Sinfo);
            body.Add(new Binding(ret, tuple));
        }
        var fn = new RelaxFunction(paramOf.Values.ToSeq(), [new BindingBlock(body.ToSeq(), true)], ret, ret.Info,
            Attrs.Empty.Set("Primitive", IntImm.Bool(true)), IsPrivate: true);
        // As TVM's BlockBuilder.AddFunction: a function equal to one already made (up to names) is reused.
        var key = ShapeKey(fn);
        if (!added.TryGetValue(key, out var entry))
        {
            var names = group.Select(i => bs[i].Value).OfType<RCall>().Where(c => c.IsCallTir).Select(c => c.TirName);
            entry = new RelaxFuncEntry(RelaxModule.Fresh("fused_" + string.Join("_", names), used), fn);
            added[key] = entry;
        }
        var name = entry.Name;
        var call = new RCall("", args.ToSeq(), OpAttrs.Empty, Seq<StructInfo>.Empty, ret.Info, new GlobalVarRef(name));
        var calls = new List<Binding>();
        if (outputs.Count == 1) calls.Add(new Binding(bs[outputs[0]].Var, call));
        else
        {
            var tv = new RVar("lv", ret.Info, IsDataflow: true);
            calls.Add(new Binding(tv, call));
            for (int k = 0; k < outputs.Count; k++)
            {
                var ov = bs[outputs[k]].Var;
                calls.Add(new Binding(ov, new TupleGetItem(tv, k, ov.Info)));
            }
        }
        return (calls, entry);
    }

    /// <summary>The function's structure without variable names: what makes two fused functions the same.</summary>
    private static string ShapeKey(RelaxFunction fn)
    {
        var ids = new Dictionary<RVar, int>();
        foreach (var p in fn.Params) ids[p] = ids.Count;
        foreach (var b in fn.Bindings) ids[b.Var] = ids.Count;
        string E(RExpr e) => e switch
        {
            RVar v => $"%{ids[v]}",
            RCall c => $"{c.Op}{c.Callee?.Name}({string.Join(",", c.Args.Select(E))})[{string.Join(",", c.SinfoArgs)}]{c.Attrs.Items}",
            RTuple t => $"({string.Join(",", t.Fields.Select(E))})",
            GlobalVarRef g => g.Name,
            _ => e.ToString() ?? "",
        };
        return string.Join(";", fn.Params.Select(p => p.Info.ToString())) + "|" + string.Join(";", fn.Bindings.Select(b => E(b.Value))) + "|" + E(fn.Body);
    }

    /// <summary>Bindings in dependency order, keeping the given order wherever it is already valid.</summary>
    private static Seq<Binding> TopoOrder(List<Binding> bs)
    {
        var defined = bs.Select(b => b.Var).ToHashSet();
        var done = new HashSet<RVar>();
        var result = new List<Binding>();
        var pending = new List<Binding>(bs);
        while (pending.Count > 0)
        {
            int k = pending.FindIndex(b => Uses(b.Value).All(u => !defined.Contains(u) || done.Contains(u)));
            if (k < 0) throw new RelaxPassException("FuseOps: bindings form a cycle");
            done.Add(pending[k].Var);
            result.Add(pending[k]);
            pending.RemoveAt(k);
        }
        return result.ToSeq();
    }
}
