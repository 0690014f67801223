using Tuner.Ir;

namespace Tuner.Actors.CostModel.Features;

/// <summary>Counts the operations of one store's expressions into group-1 slots (TVM's MathOpCounter).</summary>
internal sealed class ArithCounter : IrVisitor
{
    public readonly double[] Counts = new double[16];

    private static readonly HashSet<string> MathFuncs =
    [
        "exp", "exp2", "exp10", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "fabs", "pow",
        "sin", "cos", "tan", "atan", "asin", "acos", "sinh", "cosh", "atan2", "fmod", "floor", "ceil", "round", "nearbyint", "trunc",
    ];

    public override void VisitExpr(Expr e)
    {
        switch (e)
        {
            case Binary { Op: BinOp.Add } b when b.A is Binary { Op: BinOp.Mul } || b.B is Binary { Op: BinOp.Mul }:
                Count(b.Dtype, FeatureLayout.FloatMad, FeatureLayout.IntMad);
                var mul = (Binary)(b.A is Binary { Op: BinOp.Mul } ? b.A : b.B);
                VisitExpr(mul.A); VisitExpr(mul.B);
                VisitExpr(ReferenceEquals(mul, b.A) ? b.B : b.A);
                return;
            case Binary b:
                switch (b.Op)
                {
                    case BinOp.Add or BinOp.Sub: Count(b.Dtype, FeatureLayout.FloatAddSub, FeatureLayout.IntAddSub); break;
                    case BinOp.Mul: Count(b.Dtype, FeatureLayout.FloatMul, FeatureLayout.IntMul); break;
                    case BinOp.Div or BinOp.Mod or BinOp.FloorDiv or BinOp.FloorMod: Count(b.Dtype, FeatureLayout.FloatDivMod, FeatureLayout.IntDivMod); break;
                    case BinOp.Min or BinOp.Max: Count(b.Dtype, FeatureLayout.FloatCmp, FeatureLayout.IntCmp); break;
                    case BinOp.And or BinOp.Or: Counts[FeatureLayout.BoolOp]++; break;
                    default: Count(b.A.Dtype, FeatureLayout.FloatCmp, FeatureLayout.IntCmp); break;
                }
                break;
            case Not: Counts[FeatureLayout.BoolOp]++; break;
            case Select: Counts[FeatureLayout.SelectOp]++; break;
            case Call { Op: "if_then_else" }: Counts[FeatureLayout.SelectOp]++; break;
            case Call c when MathFuncs.Contains(c.Op): Count(c.Dtype, FeatureLayout.FloatMathFunc, FeatureLayout.IntMathFunc); break;
            case Call c: Count(c.Dtype, FeatureLayout.FloatOtherFunc, FeatureLayout.IntOtherFunc); break;
        }
        base.VisitExpr(e);
    }

    private void Count(DataType t, int floatSlot, int intSlot)
    {
        if (t.IsFloat) Counts[floatSlot] += t.Lanes;
        else if (t.IsIntegral) Counts[intSlot] += t.Lanes;
    }

    /// <summary>Float operations (what the intensity curve divides by bytes).</summary>
    public double FloatOps => Counts[FeatureLayout.FloatMad] * 2 + Counts[FeatureLayout.FloatAddSub] + Counts[FeatureLayout.FloatMul]
        + Counts[FeatureLayout.FloatDivMod] + Counts[FeatureLayout.FloatCmp] + Counts[FeatureLayout.FloatMathFunc] + Counts[FeatureLayout.FloatOtherFunc];
}
