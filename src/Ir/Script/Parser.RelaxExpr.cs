using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Script;

/// <summary>Meaning of Relax expressions: struct info annotations, variables, tuples, calls of operators and call_tir.</summary>
internal sealed partial class Parser
{
    private StructInfo ToSinfo(RxNode n, bool defineSym)
    {
        string fn = n is RxCall c0 && c0.Func is RxName f0 ? f0.Name : n is RxName nm ? nm.Name : "";
        var c = n as RxCall;
        switch (fn)
        {
            case "R.Tensor":
            {
                Seq<Expr>? shape = null;
                var dtype = DataType.Void;
                int ndim = -1;
                var args = c?.Args ?? [];
                if (args.Count > 0 && args[0] is RxSeq s) { shape = s.Items.Select(d => ToDim(d, defineSym)).ToSeq(); ndim = shape.Value.Count; }
                if (args.Count > 1) dtype = ToDtype(args[1]);
                foreach (var (k, v, _) in c?.Kw ?? [])
                {
                    if (k == "dtype") dtype = ToDtype(v);
                    else if (k == "ndim") ndim = (int)ToInt(v);
                    else if (k == "shape" && v is RxSeq ss) { shape = ss.Items.Select(d => ToDim(d, defineSym)).ToSeq(); ndim = shape.Value.Count; }
                    else throw Err(v.At, $"R.Tensor got an unexpected keyword argument '{k}'");
                }
                return new TensorStructInfo(shape, dtype, ndim);
            }
            case "R.Tuple":
            {
                var items = c is null ? [] : c.Args.Count == 1 && c.Args[0] is RxSeq { IsList: true } l ? l.Items : c.Args;
                return new TupleStructInfo(items.Select(i => ToSinfo(i, defineSym)).ToSeq());
            }
            case "R.Shape":
                return new ShapeStructInfo(c is { Args: [RxSeq s2] } ? s2.Items.Select(d => ToDim(d, defineSym)).ToSeq() : Seq<Expr>.Empty);
            case "R.Object":
                return new ObjectStructInfo();
            case "R.Prim":
                return new PrimStructInfo(c is { Args: [var a] } ? ToDtype(a) : DataType.Int64);
        }
        throw Err(n.At, "expected a struct info annotation: R.Tensor(...), R.Tuple(...), R.Shape(...), R.Object or R.Prim(...)");
    }

    private Expr ToDim(RxNode d, bool defineSym)
    {
        switch (d)
        {
            case RxLit { Value: long l }:
                return IntImm.I64(l);
            case RxLit { Value: string s } when defineSym:
                if (!_rx!.Sym.TryGetValue(s, out var v)) _rx.Sym[s] = v = new Var(s, DataType.Int64);
                return v;
            case RxName { Name: var name } when _rx!.Sym.TryGetValue(name, out var sv):
                return sv;
            case RxName nm:
                throw Err(nm.At, $"undefined symbolic dimension '{nm.Name}' (declare it with {nm.Name} = T.int64() or in a parameter's shape)");
        }
        throw Err(d.At, "a dimension must be an integer or a symbolic variable");
    }

    private DataType ToDtype(RxNode n)
    {
        if (n is not RxLit { Value: string s }) throw Err(n.At, "dtype must be a string");
        return DataType.TryParse(s) ?? throw Err(n.At, $"unknown dtype \"{s}\"");
    }

    private long ToInt(RxNode n) => n is RxLit { Value: long l } ? l : throw Err(n.At, "expected an integer");

    private RExpr ToExpr(RxNode n)
    {
        switch (n)
        {
            case RxName nm:
                if (_rx!.Vars.TryGetValue(nm.Name, out var v)) return v;
                if (GlobalName(nm.Name) is { } g) return new GlobalVarRef(g);
                // TVM prints tensor constants as metadata[...] references and omits their values unless show_meta=True.
                if (nm.Name == "metadata")
                    throw Err(nm.At, "metadata[...] constants are not supported (TVM omits their values from the script): "
                        + "make the tensor a parameter of the function, or use R.const for a scalar");
                throw Err(nm.At, $"undefined variable '{nm.Name}'");
            case RxSeq { IsList: false } t:
                return new RTuple(t.Items.Select(ToExpr).ToSeq());
            case RxIndex ix:
            {
                var target = ToExpr(ix.Target);
                if (target.Sinfo is not TupleStructInfo ts) throw Err(ix.At, "only tuples can be indexed");
                long i = ToInt(ix.Index);
                if (i < 0 || i >= ts.Fields.Count) throw Err(ix.Index.At, $"tuple index {i} is out of range (the tuple has {ts.Fields.Count} fields)");
                return new TupleGetItem(target, (int)i, ts.Fields[(int)i]);
            }
            case RxCall c:
                return ToCall(c);
        }
        throw Err(n.At, "expected a Relax expression");
    }

    /// <summary>'cls.f' or 'Module.f' names a module function.</summary>
    private string? GlobalName(string dotted)
    {
        int dot = dotted.IndexOf('.');
        if (dot < 0) return null;
        var head = dotted[..dot];
        return head == _rx!.ClsAlias || head == _className ? dotted[(dot + 1)..] : null;
    }

    private RExpr ToCall(RxCall c)
    {
        if (c.Func is not RxName { Name: var fn }) throw Err(c.At, "expected a function name");
        switch (fn)
        {
            case "R.call_tir":
                return ToCallTir(c);
            case "R.const":
            {
                if (c.Args.Count is < 1 or > 2 || c.Args[0] is not RxLit { Value: long or double } lit)
                    throw Err(c.At, "R.const takes a number and a dtype");
                var dt = c.Args.Count == 2 ? ToDtype(c.Args[1]) : lit.Value is long ? DataType.Int32 : DataType.Float32;
                return new RConstant(Convert.ToDouble(lit.Value, System.Globalization.CultureInfo.InvariantCulture), dt);
            }
            case "R.shape":
                if (c.Args is not [RxSeq s]) throw Err(c.At, "R.shape takes a list of dimensions");
                return new ShapeExpr(s.Items.Select(d => ToDim(d, false)).ToSeq());
        }
        if (GlobalName(fn) is { } g)
        {
            if (!_rxRets.TryGetValue(g, out var ret)) throw Err(c.At, $"'{g}' is not a Relax function of this module");
            return new RCall("", c.Args.Select(ToExpr).ToSeq(), OpAttrs.Empty, Seq<StructInfo>.Empty, ret, new GlobalVarRef(g));
        }
        var op = OpRegistry.ByScript(fn) ?? throw Err(c.At, $"unknown Relax operator '{fn}'");
        var args = new List<RExpr>();
        var given = new Dictionary<string, RxNode>();
        for (int i = 0; i < c.Args.Count; i++)
        {
            if (i < op.NumArgs) { args.Add(ToExpr(c.Args[i])); continue; }
            int ai = i - op.NumArgs;
            if (ai >= op.Attrs.Count) throw Err(c.Args[i].At, $"{fn} takes at most {op.NumArgs + op.Attrs.Count} arguments");
            given[op.Attrs[ai].Name] = c.Args[i];
        }
        foreach (var (k, v, kat) in c.Kw)
        {
            if (!op.Attrs.Any(a => a.Name == k)) throw Err(kat, $"{fn} got an unexpected keyword argument '{k}'");
            if (!given.TryAdd(k, v)) throw Err(kat, $"{fn} got multiple values for argument '{k}'");
        }
        if (args.Count < op.NumArgs) throw Err(c.At, $"{fn} takes {op.NumArgs} tensor argument{(op.NumArgs == 1 ? "" : "s")}, got {args.Count}");
        var items = new List<(string, object?)>();
        foreach (var spec in op.Attrs)
        {
            if (given.TryGetValue(spec.Name, out var node)) items.Add((spec.Name, ToAttr(spec, node, fn)));
            else if (spec.Default is not null || spec.Kind is AttrKind.OptInts or AttrKind.OptInt) items.Add((spec.Name, spec.Default));
            else throw Err(c.At, $"{fn} is missing the argument '{spec.Name}'");
        }
        var attrs = new OpAttrs(items.ToSeq());
        try
        {
            var info = op.InferCall(args.Select(a => a.Sinfo).ToList(), attrs);
            return new RCall(op.Name, args.ToSeq(), attrs, Seq<StructInfo>.Empty, info);
        }
        catch (RelaxTypeException e) { throw Err(c.At, e.Message); }
    }

    private object? ToAttr(AttrSpec spec, RxNode n, string fn)
    {
        string bad = $"{fn}: argument '{spec.Name}' must be ";
        switch (spec.Kind)
        {
            case AttrKind.Int: return n is RxLit { Value: long l } ? l : throw Err(n.At, bad + "an integer");
            case AttrKind.OptInt: return n is RxLit { Value: null or long } lit ? lit.Value : throw Err(n.At, bad + "an integer or None");
            case AttrKind.Float: return n is RxLit { Value: double or long } f ? Convert.ToDouble(f.Value, System.Globalization.CultureInfo.InvariantCulture) : throw Err(n.At, bad + "a number");
            case AttrKind.Bool: return n is RxLit { Value: bool b } ? b : throw Err(n.At, bad + "True or False");
            case AttrKind.Str: return n is RxLit { Value: string s } ? s : throw Err(n.At, bad + "a string");
            case AttrKind.Ints or AttrKind.OptInts:
                if (n is RxLit { Value: null } && spec.Kind == AttrKind.OptInts) return null;
                if (n is RxLit { Value: long one }) return new Seq<long>([one]);
                if (n is RxSeq seq) return seq.Items.Select(ToInt).ToSeq();
                throw Err(n.At, bad + "a list of integers");
            case AttrKind.Shape:
                if (n is RxCall { Func: RxName { Name: "R.shape" }, Args: [RxSeq ds] }) return ds.Items.Select(d => ToDim(d, false)).ToSeq();
                if (n is RxSeq ds2) return ds2.Items.Select(d => ToDim(d, false)).ToSeq();
                throw Err(n.At, bad + "R.shape([...])");
        }
        throw Err(n.At, bad + "valid");
    }

    private RCall ToCallTir(RxCall c)
    {
        if (c.Args.Count < 2) throw Err(c.At, "R.call_tir takes a function, a tuple of arguments and out_sinfo");
        if (c.Args[0] is not RxName fnode || GlobalName(fnode.Name) is not { } callee)
            throw Err(c.Args[0].At, "R.call_tir's first argument must be a module function such as cls.matmul");
        _tirRefs.Add((callee, fnode.At));
        var argsNode = c.Args[1];
        var args = argsNode is RxSeq { IsList: false } t ? new RTuple(t.Items.Select(ToExpr).ToSeq()) : new RTuple([ToExpr(argsNode)]);
        RxNode? outNode = c.Args.Count > 2 ? c.Args[2] : null;
        foreach (var (k, v, kat) in c.Kw)
        {
            if (k == "out_sinfo") outNode = v;
            else throw Err(kat, $"R.call_tir got an unsupported keyword argument '{k}'");
        }
        if (outNode is null) throw Err(c.At, "R.call_tir needs out_sinfo");
        var outs = outNode is RxSeq { IsList: true } ol ? ol.Items.Select(o => ToSinfo(o, false)).ToList() : [ToSinfo(outNode, false)];
        StructInfo info = outs.Count == 1 && outNode is not RxSeq ? outs[0] : new TupleStructInfo(outs.ToSeq());
        return new RCall(RCall.CallTir, [new GlobalVarRef(callee), args], OpAttrs.Empty, outs.ToSeq(), info);
    }
}
