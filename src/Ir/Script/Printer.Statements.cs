namespace Tuner.Ir.Script;

/// <summary>Statements: loops (T.grid merging), stores, if, lets, evaluate, decl_buffer (TVM's stmt.cc, for_loop.cc).</summary>
internal sealed partial class Printer
{
    /// <summary>Loops being printed, innermost last; blocks bind iterators to these with T.axis.remap.</summary>
    private readonly List<For> _loops = [];

    private void PrintBody(Stmt s)
    {
        if (s is SeqStmt q)
        {
            for (int i = 0; i < q.Stmts.Count; i++) PrintStmt(q.Stmts[i], concise: i == q.Stmts.Count - 1);
        }
        else PrintStmt(s, concise: true);
    }

    /// <summary>concise: the statement is last in its sequence, so a let may print as 'x: T.int32 = v' without a with-scope.</summary>
    private void PrintStmt(Stmt s, bool concise)
    {
        switch (s)
        {
            case BufferStore st:
                Line($"{Access(st.Buffer, st.Indices)} = {Ex(st.Value)}");
                break;
            case For f: PrintFor(f); break;
            case BlockRealize br: PrintBlock(br); break;
            case SeqStmt q: PrintBody(q); break;
            case IfThenElse i:
                Line($"if {Ex(i.Condition)}:");
                Nested(i.Then);
                if (i.Else is not null)
                {
                    Line("else:");
                    Nested(i.Else);
                }
                break;
            case LetStmt l:
                {
                    string value = Ex(l.Value);
                    if (IsDefined(l.Var))
                    {
                        Line($"with T.LetStmt({value}, var={NameOf(l.Var)}):");
                        Nested(l.Body);
                        break;
                    }
                    PushFrame();
                    string name = Define(l.Var, l.Var.Name);
                    if (concise)
                    {
                        Line($"{name}: {TypeAnnotation(l.Var.Dtype)} = {value}");
                        PrintBody(l.Body);
                    }
                    else
                    {
                        Line($"with T.LetStmt({value}) as {name}:");
                        Nested(l.Body);
                    }
                    PopFrame();
                    break;
                }
            case Evaluate ev:
                Line(ev.Value is Call ? Ex(ev.Value) : $"T.evaluate({Ex(ev.Value)})");
                break;
            case Allocate a:
                {
                    PushFrame();
                    DeclareFreeVars(a.Buffer.Shape.Concat(a.Buffer.Strides));
                    string decl = BufferDecl("T.decl_buffer", a.Buffer);
                    string name = Define(a.Buffer, a.Buffer.Name);
                    if (concise)
                    {
                        Line($"{name} = {decl}");
                        PrintBody(a.Body);
                    }
                    else
                    {
                        Line($"with {decl} as {name}:");
                        Nested(a.Body);
                    }
                    PopFrame();
                    break;
                }
            case Block b:
                PrintBlock(new BlockRealize(b.IterVars.Map(iv => (Expr)iv.Var), IntImm.True, b));
                break;
            default:
                throw new InvalidOperationException($"cannot print {s.GetType().Name}");
        }
    }

    private void Nested(Stmt body)
    {
        _indent++;
        PushFrame();
        PrintBody(body);
        PopFrame();
        _indent--;
    }

    private void PrintFor(For loop)
    {
        // Consecutive plain serial loops from 0 whose extents do not depend on each other print as T.grid.
        var grid = new List<For>();
        for (var l = loop; l is not null; l = l.Body as For)
        {
            if (l.Kind != ForKind.Serial || !IsZero(l.Min) || !l.Annotations.IsEmpty || grid.Any(g => UsesVar(l.Extent, g.LoopVar)))
                break;
            grid.Add(l);
        }
        PushFrame();
        if (grid.Count > 1)
        {
            var extents = grid.Select(g => Ex(g.Extent)).ToList();
            var names = grid.Select(g => Define(g.LoopVar, g.LoopVar.Name)).ToList();
            Line($"for {string.Join(", ", names)} in T.grid({string.Join(", ", extents)}):");
            _loops.AddRange(grid);
            Nested(grid[^1].Body);
            _loops.RemoveRange(_loops.Count - grid.Count, grid.Count);
            PopFrame();
            return;
        }
        var args = new List<string>();
        if (IsZero(loop.Min)) args.Add(Ex(loop.Extent));
        else { args.Add(Ex(loop.Min)); args.Add(Ex(ExprOps.End(loop.Min, loop.Extent))); }
        string prefix = loop.Kind switch
        {
            ForKind.Serial => loop.Annotations.IsEmpty ? "range" : "T.serial",
            ForKind.Parallel => "T.parallel",
            ForKind.Vectorized => "T.vectorized",
            ForKind.Unrolled => "T.unroll",
            _ => "T.thread_binding",
        };
        if (loop.Kind == ForKind.ThreadBinding) args.Add($"thread={PyFormat.Str(loop.ThreadTag ?? "")}");
        if (!loop.Annotations.IsEmpty) args.Add($"annotations={AttrsText(loop.Annotations)}");
        string name = Define(loop.LoopVar, loop.LoopVar.Name);
        Line($"for {name} in {prefix}({string.Join(", ", args)}):");
        _loops.Add(loop);
        Nested(loop.Body);
        _loops.RemoveAt(_loops.Count - 1);
        PopFrame();
    }

    private static bool UsesVar(Expr e, Var v)
    {
        var f = new VarFinder();
        f.VisitExpr(e);
        return f.Vars.Contains(v);
    }
}
