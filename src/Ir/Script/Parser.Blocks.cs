namespace Tuner.Ir.Script;

/// <summary>Blocks: T.block, iterator bindings (T.axis.*), T.reads/T.writes, T.where, T.block_attr, T.init, buffers.</summary>
internal sealed partial class Parser
{
    /// <summary>What a block (or the implicit root block of a function) collects while its body is parsed.</summary>
    private sealed class BlockFrame(string name, Token at)
    {
        public string Name { get; } = name;
        public Token At { get; } = at;
        public List<IterVar> IterVars { get; } = [];
        public List<Expr> Bindings { get; } = [];
        public List<BufferRegion>? Reads { get; set; }
        public List<BufferRegion>? Writes { get; set; }
        public Expr? Where { get; set; }
        public Attrs Annotations { get; set; } = Attrs.Empty;
        public List<Buffer> Allocs { get; } = [];
        public Stmt? Init { get; set; }
    }

    private readonly List<BlockFrame> _blocks = [];
    private readonly Dictionary<Var, (Expr Min, Expr Extent)> _loopDoms = [];

    private static readonly string[] BufferKwargs =
        ["dtype", "scope", "strides", "data", "elem_offset", "align", "offset_factor", "buffer_type", "axis_separators"];

    private Stmt ParseBlock(PyCall c)
    {
        Arity(c.Name, c.Args, c.At, 1, 1, "no_realize");
        if (c.Args.Pos[0].V is not PyStr name) throw Err(c.Args.Pos[0].At, "block name must be a string");
        var frame = new BlockFrame(name.S, c.At);
        _blocks.Add(frame);
        _blockDepth++;
        if (_func is not null) _func.ContainsBlock = true;
        var body = ParseSuite();
        _blockDepth--;
        _blocks.RemoveAt(_blocks.Count - 1);
        var block = new Block(frame.Name, frame.IterVars.ToSeq(), (frame.Reads ?? []).ToSeq(), (frame.Writes ?? []).ToSeq(),
            MakeBody(body), frame.Init, frame.Allocs.ToSeq(), frame.Annotations);
        if (frame.Reads is null || frame.Writes is null)
        {
            // Undeclared regions are inferred from the body, as TVM's parser completes them.
            var (reads, writes) = AccessRegions.Infer(block);
            block = block with { Reads = frame.Reads?.ToSeq() ?? reads, Writes = frame.Writes?.ToSeq() ?? writes };
        }
        return new BlockRealize(frame.Bindings.ToSeq(), frame.Where ?? IntImm.True, block);
    }

    private BlockFrame CurrentBlock(Token at, string what)
    {
        if (_blocks.Count < 2) throw Err(at, $"{what} is only allowed inside a T.block");
        return _blocks[^1];
    }

    private void ParseInit(PyCall c)
    {
        Arity(c.Name, c.Args, c.At, 0, 0);
        var frame = CurrentBlock(c.At, "T.init()");
        if (frame.Init is not null) throw Err(c.At, $"block '{frame.Name}' already has a T.init()");
        frame.Init = MakeBody(ParseSuite());
    }

    private void BlockHeader(PyCall c)
    {
        var frame = CurrentBlock(c.At, c.Name);
        switch (c.Name)
        {
            case "T.reads":
            case "T.writes":
                {
                    Arity(c.Name, c.Args, c.At, 0, int.MaxValue);
                    var regions = new List<BufferRegion>();
                    foreach (var (v, at) in c.Args.Pos) AddRegions(regions, v, at);
                    if (c.Name == "T.reads") frame.Reads = regions; else frame.Writes = regions;
                    break;
                }
            case "T.where":
                Arity(c.Name, c.Args, c.At, 1, 1);
                frame.Where = Cond(c.Args, 0);
                break;
            default:
                Arity(c.Name, c.Args, c.At, 1, 1);
                frame.Annotations = ToAttrs(c.Args.Pos[0].V, c.Args.Pos[0].At);
                break;
        }
    }

    private void AddRegions(List<BufferRegion> regions, PyValue v, Token at)
    {
        switch (v)
        {
            case PyRegion { R: { } r }: regions.Add(r); break;
            case PyExpr { E: BufferLoad l }:
                regions.Add(new BufferRegion(l.Buffer, l.Indices.Map(i => new Range(i, new IntImm(i.Dtype, 1)))));
                break;
            case PyBuf b: regions.Add(BufferRegion.Full(b.B)); break;
            case PySeq q: foreach (var x in q.Items) AddRegions(regions, x, at); break;
            default: throw Err(at, "expected a buffer region such as A[i, 0:4]");
        }
    }

    /// <summary>v = T.axis.spatial(extent or (lo, hi), binding) and its kin S, R, reduce, scan, opaque.</summary>
    private void AxisSingle(Token name, PyCall c)
    {
        var frame = CurrentBlock(c.At, c.Name);
        Arity(c.Name, c.Args, c.At, 2, 2, "dtype");
        var kind = c.Name switch
        {
            "T.axis.spatial" or "T.axis.S" => IterKind.Spatial,
            "T.axis.reduce" or "T.axis.R" => IterKind.Reduce,
            "T.axis.scan" => IterKind.Ordered,
            "T.axis.opaque" => IterKind.Opaque,
            _ => throw Err(c.At, $"{c.Name} cannot be assigned to a single name"),
        };
        var binding = ArgExpr(c.Args, 1);
        var type = c.Args.Kwarg("dtype") is { } kd ? DtypeOf(kd, c.Args.KwargAt("dtype")!) : binding.Dtype;
        var (domV, domAt) = c.Args.Pos[0];
        Range dom;
        if (domV is PySeq { Items.Count: 2 } q)
        {
            var lo = ExprOps.CastTo(type, AsExpr(q.Items[0], domAt));
            var hi = ExprOps.CastTo(type, AsExpr(q.Items[1], domAt));
            dom = new Range(lo, ExprOps.Extent(lo, hi));
        }
        else dom = Range.FromExtent(ExprOps.CastTo(type, AsExpr(domV, domAt)));
        AddIterVar(frame, name.Text, dom, kind, ExprOps.CastTo(type, binding));
    }

    private void AddIterVar(BlockFrame frame, string name, Range dom, IterKind kind, Expr binding)
    {
        var v = new Var(name, binding.Dtype);
        frame.IterVars.Add(new IterVar(v, dom, kind));
        frame.Bindings.Add(binding);
        Define(name, v, hideable: true);
    }

    /// <summary>v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k]): each binding is an enclosing loop variable.</summary>
    private Stmt? AssignTuple(List<Token> names, PyValue v, Token vAt)
    {
        if (v is PySeq decls && decls.Items.Count == names.Count && decls.Items.All(d => d is PyCall dc && dc.Name.StartsWith("var:", StringComparison.Ordinal)))
        {
            // n, m = T.int64(), T.int64()
            for (int k = 0; k < names.Count; k++)
                Define(names[k].Text, new Var(names[k].Text, DataType.Parse(((PyCall)decls.Items[k]).Name[4..])), hideable: false);
            return null;
        }
        if (v is not PyCall { Name: "T.axis.remap" } c) throw Err(vAt, "only T.axis.remap or symbolic variables (T.int64(), ...) can be assigned to several names");
        var frame = CurrentBlock(c.At, c.Name);
        Arity(c.Name, c.Args, c.At, 2, 2);
        if (c.Args.Pos[0].V is not PyStr kinds) throw Err(c.Args.Pos[0].At, "T.axis.remap needs a kind string such as \"SSR\"");
        if (c.Args.Pos[1].V is not PySeq vars) throw Err(c.Args.Pos[1].At, "T.axis.remap needs a list of loop variables");
        if (kinds.S.Length != vars.Items.Count || names.Count != vars.Items.Count)
            throw Err(c.At, $"T.axis.remap: {kinds.S.Length} kind(s), {vars.Items.Count} variable(s) and {names.Count} name(s) do not agree");
        for (int k = 0; k < names.Count; k++)
        {
            var kind = kinds.S[k] switch
            {
                'S' => IterKind.Spatial,
                'R' => IterKind.Reduce,
                _ => throw Err(c.Args.Pos[0].At, $"unknown iterator kind '{kinds.S[k]}' (expected S or R)"),
            };
            var e = AsExpr(vars.Items[k], c.Args.Pos[1].At);
            if (e is not Var lv || !_loopDoms.TryGetValue(lv, out var dom))
                throw Err(c.Args.Pos[1].At, "T.axis.remap binds loop variables only");
            AddIterVar(frame, names[k].Text, new Range(dom.Min, dom.Extent), kind, lv);
        }
        return null;
    }

    /// <summary>A buffer from T.Buffer / T.alloc_buffer / T.match_buffer arguments (shape at position shapeIndex).</summary>
    private Buffer MakeBuffer(string name, Args a, int shapeIndex)
    {
        var (shapeV, shapeAt) = a.Pos[shapeIndex];
        var shape = shapeV switch
        {
            PySeq q => q.Items.Select(x => Index(x, shapeAt)).ToList(),
            PyExpr => [Index(shapeV, shapeAt)],
            _ => throw Err(shapeAt, "buffer shape must be a tuple or list of integers"),
        };
        var dtype = DataType.Float32;
        if (a.Pos.Count > shapeIndex + 1) dtype = DtypeOf(a.Pos[shapeIndex + 1].V, a.Pos[shapeIndex + 1].At);
        if (a.Kwarg("dtype") is { } kd) dtype = DtypeOf(kd, a.KwargAt("dtype")!);
        var scope = "global";
        if (a.Kwarg("scope") is { } ks) scope = (ks as PyStr)?.S ?? throw Err(a.KwargAt("scope")!, "scope must be a string");
        var strides = new List<Expr>();
        if (a.Kwarg("strides") is PySeq st) strides = st.Items.Select(x => Index(x, a.KwargAt("strides")!)).ToList();
        return new Buffer(name, dtype, shape.ToSeq(), strides.ToSeq(), scope);
    }

    /// <summary>A = T.match_buffer(a, shape, dtype): binds a handle parameter to a buffer.</summary>
    private void MatchBuffer(Token name, PyCall c)
    {
        Arity(c.Name, c.Args, c.At, 2, 3, BufferKwargs);
        if (_func is null || _blocks.Count != 1) throw Err(c.At, "T.match_buffer is only supported at the function level");
        var (hv, hAt) = c.Args.Pos[0];
        if (hv is not PyExpr { E: Var h } || !_func.Params.Contains(h) || h.Dtype != DataType.Handle)
            throw Err(hAt, "T.match_buffer expects a T.handle parameter as its first argument");
        if (_func.BufferMap.Any(p => ReferenceEquals(p.Param, h)))
            throw Err(hAt, $"parameter '{h.Name}' is already bound to a buffer");
        var buf = MakeBuffer(name.Text, c.Args, 1);
        _func.BufferMap.Add((h, buf));
        Define(name.Text, buf, hideable: false);
    }
}
