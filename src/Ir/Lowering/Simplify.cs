namespace Tuner.Ir.Lowering;

/// <summary>
/// Simplification after flattening: every expression through the arithmetic simplifier
/// (<see cref="Tuner.Ir.Analysis.Simplifier"/>, which knows the loop ranges, so e.g. always-true predicates fold),
/// then the statement-level clean-up of <see cref="ConstantFolder"/>: IfThenElse with a constant condition
/// and loops of extent 1 replaced by their body with the loop variable set to the loop's min.
/// </summary>
public sealed class Simplify : ILoweringPass
{
    public string Name => "Simplify";

    public PrimFunc Apply(PrimFunc func)
    {
        var body = new ConstantFolder().VisitStmt(func.Body); // first: extent-1 loops go, their vars become constants
        body = Tuner.Ir.Analysis.Simplifier.Simplify(body);
        return PassUtil.WithBody(func, new ConstantFolder().VisitStmt(body));
    }
}

/// <summary>
/// Local folding without analysis: integer constants, the identities <c>x+0, x-0, x*1, x*0, x/1</c>, constant
/// conditions in Select / if_then_else / IfThenElse, loops of extent 1. Floats are left alone (rounding).
/// </summary>
public sealed class ConstantFolder : IrRewriter
{
    public static Expr Fold(Expr e) => new ConstantFolder().VisitExpr(e);

    public override Expr VisitBinary(Binary b)
    {
        var v = (Binary)base.VisitBinary(b);
        var x = v.A;
        var y = v.B;
        var t = v.A.Dtype;
        if (!t.IsIntegral && !t.IsBool || !t.IsScalar) return v;
        if (x is IntImm cx && y is IntImm cy && IntFold.TryEval(v.Op, t, cx.Value, cy.Value) is { } k)
            return new IntImm(v.Op.YieldsBool() ? DataType.Bool : t, k);
        switch (v.Op)
        {
            case BinOp.Add when E.IsConst(y, 0): return x;
            case BinOp.Add when E.IsConst(x, 0): return y;
            case BinOp.Sub when E.IsConst(y, 0): return x;
            case BinOp.Mul when E.IsConst(y, 1): return x;
            case BinOp.Mul when E.IsConst(x, 1): return y;
            case BinOp.Mul when E.IsConst(y, 0) || E.IsConst(x, 0): return new IntImm(t, 0);
            case BinOp.Div or BinOp.FloorDiv when E.IsConst(y, 1): return x;
            case BinOp.Mod or BinOp.FloorMod when E.IsConst(y, 1): return new IntImm(t, 0);
            case BinOp.And when E.IsConst(x, 1): return y;
            case BinOp.And when E.IsConst(y, 1): return x;
            case BinOp.Or when E.IsConst(x, 0): return y;
            case BinOp.Or when E.IsConst(y, 0): return x;
        }
        return v;
    }

    public override Expr VisitCast(Cast c)
    {
        var v = base.VisitCast(c);
        if (v is Cast { Value: IntImm k } cc && cc.Type.IsScalar && (cc.Type.IsIntegral || cc.Type.IsBool))
            return new IntImm(cc.Type, IntFold.Wrap(cc.Type, k.Value));
        return v;
    }

    public override Expr VisitNot(Not n)
    {
        var v = base.VisitNot(n);
        return v is Not { Value: IntImm { Type.IsBool: true } k } ? IntImm.Bool(k.Value == 0) : v;
    }

    public override Expr VisitSelect(Select s)
    {
        var v = base.VisitSelect(s);
        return v is Select { Condition: IntImm k } sel ? (k.Value != 0 ? sel.TrueValue : sel.FalseValue) : v;
    }

    public override Expr VisitCall(Call c)
    {
        var v = base.VisitCall(c);
        return v is Call { Op: "if_then_else" } call && call.Args[0] is IntImm k ? (k.Value != 0 ? call.Args[1] : call.Args[2]) : v;
    }

    public override Stmt VisitIfThenElse(IfThenElse i)
    {
        var v = base.VisitIfThenElse(i);
        if (v is IfThenElse { Condition: IntImm k } ite)
            return k.Value != 0 ? ite.Then : ite.Else ?? new SeqStmt(Seq<Stmt>.Empty);
        return v;
    }

    public override Stmt VisitFor(For f)
    {
        // Substitute first, then fold: the loop's min becomes a constant inside the body.
        if (VisitExpr(f.Extent) is IntImm { Value: 1 })
            return VisitStmt(Substituter.Apply(f.Body, new Dictionary<Var, Expr> { [f.LoopVar] = VisitExpr(f.Min) }));
        return base.VisitFor(f);
    }
}
