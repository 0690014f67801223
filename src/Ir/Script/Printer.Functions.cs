namespace Tuner.Ir.Script;

/// <summary>PrimFunc signature, T.func_attr, T.match_buffer and the implicit root block (TVM's function.cc).</summary>
internal sealed partial class Printer
{
    private void PrintPrimFunc(PrimFunc f, string name)
    {
        PushFrame();
        Line(f.IsPrivate ? "@T.prim_func(private=True)" : "@T.prim_func");
        var inlined = new HashSet<Buffer>(ReferenceEqualityComparer.Instance);
        var parms = new List<string>();
        foreach (var p in f.Params)
        {
            var buf = f.BufferOf(p);
            if (buf is not null && IsSimpleBuffer(buf) && !f.BufferMap.Any(x => !ReferenceEquals(x.Param, p) && ReferenceEquals(x.Buffer, buf)))
            {
                inlined.Add(buf);
                parms.Add($"{Define(buf, buf.Name)}: T.Buffer({Tuple(buf.Shape)}, \"{buf.Dtype}\")");
            }
            else parms.Add($"{Define(p, p.Name)}: {TypeAnnotation(p.Dtype)}");
        }
        Line($"def {name}({string.Join(", ", parms)}):");
        _indent++;
        // As TVM: a global_symbol equal to the function name is not shown.
        var attrs = f.Attrs["global_symbol"] is StringImm gs && gs.Value == name ? f.Attrs.Remove("global_symbol") : f.Attrs;
        if (!attrs.IsEmpty) Line($"T.func_attr({AttrsText(attrs)})");
        foreach (var p in f.Params)
        {
            var buf = f.BufferOf(p);
            if (buf is null || inlined.Contains(buf)) continue;
            DeclareFreeVars(buf.Shape.Concat(buf.Strides));
            string bname = Define(buf, buf.Name);
            Line($"{bname} = {BufferDecl("T.match_buffer", buf, NameOf(p))}");
        }
        if (ImplicitRoot(f.Body) is { } root)
        {
            Line("# with T.block(\"root\"):");
            foreach (var b in root.AllocBuffers) AllocLine(b);
            PrintBody(root.Body);
        }
        else PrintBody(f.Body);
        _indent--;
        PopFrame();
    }

    private static string TypeAnnotation(DataType t) => t.IsHandle ? "T.handle" : $"T.{t}";

    /// <summary>A buffer printable as a parameter annotation: constant shape, no strides, global scope.</summary>
    private static bool IsSimpleBuffer(Buffer b) =>
        b.Strides.IsEmpty && b.Scope == "global" && b.Shape.All(s => !ContainsVar(s));

    private static bool ContainsVar(Expr e)
    {
        var finder = new VarFinder();
        finder.VisitExpr(e);
        return finder.Vars.Count > 0;
    }

    private sealed class VarFinder : IrVisitor
    {
        public List<Var> Vars { get; } = [];
        public override void VisitVar(Var v)
        {
            if (!Vars.Contains(v)) Vars.Add(v);
        }
    }

    /// <summary>Symbolic shape variables not yet defined are declared first: n = T.int64(), or n, m = T.int64(), T.int64().</summary>
    private void DeclareFreeVars(IEnumerable<Expr> exprs)
    {
        var finder = new VarFinder();
        foreach (var e in exprs) finder.VisitExpr(e);
        var fresh = finder.Vars.Where(v => !IsDefined(v)).ToList();
        if (fresh.Count == 0) return;
        // Several new variables print on one line, as TVM does: n, m = T.int64(), T.int64()
        var names = fresh.Select(v => Define(v, v.Name));
        Line($"{string.Join(", ", names)} = {string.Join(", ", fresh.Select(v => $"T.{v.Dtype}()"))}");
    }

    /// <summary>T.alloc_buffer / T.match_buffer / T.decl_buffer call text: shape, dtype unless float32, strides, scope.</summary>
    private string BufferDecl(string fn, Buffer b, string? first = null)
    {
        var args = new List<string>();
        if (first is not null) args.Add(first);
        args.Add(Tuple(b.Shape));
        if (b.Dtype != DataType.Float32) args.Add($"\"{b.Dtype}\"");
        if (!b.Strides.IsEmpty) args.Add($"strides={Tuple(b.Strides)}");
        if (b.Scope != "global") args.Add($"scope={PyFormat.Str(b.Scope)}");
        return $"{fn}({string.Join(", ", args)})";
    }

    private void AllocLine(Buffer b)
    {
        DeclareFreeVars(b.Shape.Concat(b.Strides));
        string text = BufferDecl("T.alloc_buffer", b);
        Line($"{Define(b, b.Name)} = {text}");
    }

    /// <summary>TVM prints the root block as a comment when it only carries function-level buffers.</summary>
    private static Block? ImplicitRoot(Stmt body)
    {
        if (body is not BlockRealize { IterValues.Count: 0 } br || !IsTrue(br.Predicate)) return null;
        var rb = br.Block;
        if (!rb.Annotations.IsEmpty || !rb.Reads.IsEmpty || !rb.Writes.IsEmpty || rb.Init is not null) return null;
        var inner = rb.Body as BlockRealize;
        bool ok = rb.AllocBuffers.Count > 0
            || (inner is not null && inner.Block.IterVars.Count > 0)
            || (inner is null && ContainsBlock(rb.Body));
        return ok ? rb : null;
    }

    private static bool IsTrue(Expr e) => e is IntImm { Value: not 0 };
    private static bool IsZero(Expr e) => e is IntImm { Value: 0 };

    private static bool ContainsBlock(Stmt s) => s switch
    {
        BlockRealize => true,
        SeqStmt q => q.Stmts.Any(ContainsBlock),
        For f => ContainsBlock(f.Body),
        IfThenElse i => ContainsBlock(i.Then) || (i.Else is not null && ContainsBlock(i.Else)),
        LetStmt l => ContainsBlock(l.Body),
        Allocate a => ContainsBlock(a.Body),
        _ => false,
    };
}
