namespace Tuner.Ir.Schedule;

/// <summary>
/// A commutative reducer TVM's rfactor recognizes (its ReducerRegistry): sum (x + y, identity 0), product (x * y, 1),
/// min (identity: the dtype's largest value) and max (identity: the dtype's lowest value, or -inf for floats).
/// </summary>
internal sealed record BlockReducer(BinOp Op, Expr Identity)
{
    public Expr Combine(Expr x, Expr y) => new Binary(Op, x, y);

    /// <summary>
    /// Matches init value and update store C[idx] = C[idx] op rhs (either operand order) to a reducer;
    /// returns the reducer, the combiner's lhs (the load of C) and rhs, or null.
    /// </summary>
    public static (BlockReducer Reducer, BufferLoad Lhs, Expr Rhs)? Match(Expr init, BufferStore update)
    {
        if (update.Value is not Binary { Op: BinOp.Add or BinOp.Mul or BinOp.Min or BinOp.Max } b) return null;
        bool IsSelf(Expr e) => e is BufferLoad l && ReferenceEquals(l.Buffer, update.Buffer) && l.Indices == update.Indices;
        (BufferLoad lhs, Expr rhs) = IsSelf(b.A) ? ((BufferLoad)b.A, b.B) : IsSelf(b.B) ? ((BufferLoad)b.B, b.A) : (null!, null!);
        if (lhs is null || BlockScopeQueries.Loads(rhs, update.Buffer)) return null;
        if (!IsIdentity(b.Op, init)) return null;
        return (new BlockReducer(b.Op, init), lhs, rhs);
    }

    private static bool IsIdentity(BinOp op, Expr init)
    {
        var t = init.Dtype;
        double? v = init switch { FloatImm f => f.Value, IntImm i => i.Value, _ => null };
        if (v is null) return false;
        return op switch
        {
            BinOp.Add => v == 0,
            BinOp.Mul => v == 1,
            BinOp.Min => v >= MaxValue(t),
            BinOp.Max => v <= MinValue(t),
            _ => false,
        };
    }

    private static double MaxValue(DataType t) => t.IsFloat
        ? t.Bits switch { 16 => 65504.0, 32 => float.MaxValue, _ => double.MaxValue }
        : t.IsUInt ? Math.Pow(2, t.Bits) - 1 : Math.Pow(2, t.Bits - 1) - 1;

    private static double MinValue(DataType t) => t.IsFloat ? -MaxValue(t) : t.IsUInt ? 0 : -Math.Pow(2, t.Bits - 1);
}
