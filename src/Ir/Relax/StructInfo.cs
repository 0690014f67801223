namespace Tuner.Ir.Relax;

/// <summary>
/// What a Relax value is known to be (TVM's StructInfo). Tensor dims are TIR int64 expressions: constants, or
/// symbolic variables bound by the function's parameters (<c>R.Tensor(("n", 784))</c>).
/// </summary>
public abstract record StructInfo;

/// <summary>A tensor: its shape (null when only the rank is known, Ndim = -1 when unknown too) and dtype (void when unknown).</summary>
public sealed record TensorStructInfo(Seq<Expr>? Shape, DataType Dtype, int Ndim) : StructInfo
{
    public TensorStructInfo(Seq<Expr> shape, DataType dtype) : this(shape, dtype, shape.Count) { }

    public static TensorStructInfo Of(DataType dtype, params long[] shape) =>
        new(shape.Select(d => (Expr)IntImm.I64(d)).ToSeq(), dtype);

    /// <summary>The constant shape, or null when unknown or symbolic.</summary>
    public long[]? ConstShape()
    {
        if (Shape is not { } s) return null;
        var r = new long[s.Count];
        for (int i = 0; i < r.Length; i++)
        {
            if (s[i] is not IntImm c) return null;
            r[i] = c.Value;
        }
        return r;
    }
}

/// <summary>A tuple of values (R.Tuple(...)).</summary>
public sealed record TupleStructInfo(Seq<StructInfo> Fields) : StructInfo;

/// <summary>A shape value (R.Shape([...])).</summary>
public sealed record ShapeStructInfo(Seq<Expr> Values) : StructInfo;

/// <summary>A TIR scalar (R.Prim("int64")).</summary>
public sealed record PrimStructInfo(DataType Dtype) : StructInfo;

/// <summary>Anything (R.Object).</summary>
public sealed record ObjectStructInfo : StructInfo;
