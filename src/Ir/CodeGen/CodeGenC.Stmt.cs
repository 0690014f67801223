namespace Tuner.Ir.CodeGen;

/// <summary>Statement rules of the C generator.</summary>
public sealed partial class CodeGenC
{
    private void EmitStmt(Stmt s)
    {
        switch (s)
        {
            case BufferStore st: EmitStore(st); break;
            case For f: EmitFor(f); break;
            case SeqStmt q: foreach (var x in q.Stmts) EmitStmt(x); break;
            case IfThenElse i: EmitIf(i); break;
            case LetStmt l: EmitLet(l); break;
            case Evaluate e: EmitEvaluate(e); break;
            case Allocate a: EmitAllocate(a); break;
            case Block or BlockRealize:
                throw new NotSupportedException("the C generator needs lowered IR (blocks found); run LoweringPipeline.Lower first");
            default: throw new NotSupportedException($"statement {s.GetType().Name}");
        }
    }

    private string FlatIndex(Buffer b, Seq<Expr> idx) => idx.Count == 1
        ? Expr(idx[0])
        : throw new NotSupportedException($"access to {b.Name} with {idx.Count} indices; flatten buffers first");

    private void EmitFor(For f)
    {
        switch (f.Kind)
        {
            // Loop variables and everything declared in the body are private to each thread.
            case ForKind.Parallel: Line("#pragma omp parallel for"); break;
            case ForKind.Vectorized: Line("#pragma omp simd"); break;
            // gcc accepts 0..65534; a larger or symbolic count leaves the choice to gcc.
            case ForKind.Unrolled when f.Extent is IntImm { Value: >= 1 and <= 65534 } n: Line($"#pragma GCC unroll {n.Value}"); break;
            case ForKind.ThreadBinding: throw new NotSupportedException($"thread binding {f.ThreadTag} in C");
        }
        string ty = CTypes.Name(f.LoopVar.Dtype);
        string min = Expr(f.Min);
        string end = E.IsConst(f.Min, 0) ? Expr(f.Extent) : $"{min} + {Expr(f.Extent)}";
        string v = DeclareVar(f.LoopVar);
        if (IsNonNegative(f.Min)) _nonNegative.Add(f.LoopVar);
        Line($"for ({ty} {v} = {min}; {v} < {end}; ++{v}) {{");
        Body(f.Body);
    }

    private void Body(Stmt s)
    {
        _indent++;
        EmitStmt(s);
        _indent--;
        Line("}");
    }

    private void EmitIf(IfThenElse i)
    {
        Line($"if ({Cond(i.Condition)}) {{");
        if (i.Else is null) { Body(i.Then); return; }
        _indent++;
        EmitStmt(i.Then);
        _indent--;
        Line("} else {");
        Body(i.Else);
    }

    private void EmitLet(LetStmt l)
    {
        string value = Expr(l.Value);
        Line($"const {CTypes.Name(l.Var.Dtype)} {DeclareVar(l.Var)} = {value};");
        EmitStmt(l.Body);
    }

    private void EmitEvaluate(Evaluate e)
    {
        if (e.Value is IntImm) return; // T.evaluate(0): a no-op
        Line(e.Value is Call { Op: "call_extern" or "call_pure_extern" } ? $"{Expr(e.Value)};" : $"(void)({Expr(e.Value)});");
    }

    private void EmitAllocate(Allocate a)
    {
        if (TryEmitRegisterTile(a)) return;
        var b = a.Buffer;
        string ty = CTypes.Name(b.Dtype);
        string name = BufName(b);
        long? count = b.Shape.Count == 1 && b.Shape[0] is IntImm n ? n.Value
            : b.ConstShape() is { } shape ? shape.Aggregate(1L, (x, y) => x * y) : null;
        if (count is { } c && c * b.Dtype.Bytes <= _options.HeapThresholdBytes)
        {
            Line($"{ty} {name}[{c}] __attribute__((aligned(64)));");
            EmitStmt(a.Body);
            return;
        }
        _helpers.Add("tnr_alloc");
        string elems = count is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Join(" * ", b.Shape.Select(e => $"(size_t)({Expr(e)})"));
        Line($"{ty}* __restrict__ {name} = ({ty}*)tnr_alloc(sizeof({ty}) * {elems});");
        EmitStmt(a.Body);
        Line($"free({name});");
    }
}
