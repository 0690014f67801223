namespace Tuner.Ir.Lowering;

/// <summary>Integer index arithmetic that widens mixed int32/int64 operands to the wider type (as TVM's index math does).</summary>
internal static class IntOps
{
    public static Expr Add(Expr a, Expr b) => Bin(BinOp.Add, a, b);
    public static Expr Mul(Expr a, Expr b) => Bin(BinOp.Mul, a, b);

    public static Expr Bin(BinOp op, Expr a, Expr b)
    {
        var (x, y) = Promote(a, b);
        return new Binary(op, x, y);
    }

    public static (Expr, Expr) Promote(Expr a, Expr b)
    {
        if (a.Dtype == b.Dtype || !a.Dtype.IsIntegral || !b.Dtype.IsIntegral) return (a, b);
        var wide = a.Dtype.Bits >= b.Dtype.Bits ? a.Dtype : b.Dtype;
        return (To(a, wide), To(b, wide));
    }

    public static Expr To(Expr e, DataType t) =>
        e.Dtype == t ? e : e is IntImm c ? new IntImm(t, c.Value) : new Cast(t, e);
}
