namespace Tuner.Ir.Relax.Ops;

/// <summary>Shape arithmetic for inference: dims are int64 TIR expressions (constants or symbolic vars).</summary>
internal static class Shapes
{
    public static Expr Dim(long v) => IntImm.I64(v);

    public static long? Const(Expr e) => e is IntImm i ? i.Value : null;

    public static string Text(Seq<Expr>? shape) =>
        shape is null ? "(?)" : "(" + string.Join(", ", shape.Value.Select(DimText)) + (shape.Value.Count == 1 ? ",)" : ")");

    public static string DimText(Expr e) => e switch { IntImm i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Var v => v.Name, _ => e.ToString() ?? "?" };

    public static bool SameDim(Expr a, Expr b) => a.Equals(b) || (Const(a) is { } x && Const(b) is { } y && x == y);

    public static Seq<Expr> Known(TensorStructInfo t, string op, int arg) =>
        t.Shape ?? throw new RelaxTypeException($"{op}: argument {arg} has an unknown shape");

    /// <summary>NumPy broadcasting of two shapes; constant extents that differ and are not 1 are an error.</summary>
    public static Seq<Expr> Broadcast(Seq<Expr> a, Seq<Expr> b, string op)
    {
        int n = Math.Max(a.Count, b.Count);
        var r = new Expr[n];
        for (int i = 0; i < n; i++)
        {
            int ia = a.Count - n + i, ib = b.Count - n + i;
            if (ia < 0) { r[i] = b[ib]; continue; }
            if (ib < 0) { r[i] = a[ia]; continue; }
            Expr x = a[ia], y = b[ib];
            if (SameDim(x, y)) r[i] = x;
            else if (Const(x) == 1) r[i] = y;
            else if (Const(y) == 1) r[i] = x;
            else if (Const(x) is not null && Const(y) is not null)
                throw new RelaxTypeException($"{op}: shapes {Text(a)} and {Text(b)} do not broadcast (dimension {i}: {DimText(x)} vs {DimText(y)})");
            else r[i] = Const(x) is null ? x : y;
        }
        return r.ToSeq();
    }

    public static DataType SameDtype(TensorStructInfo a, TensorStructInfo b, string op)
    {
        if (a.Dtype != b.Dtype)
            throw new RelaxTypeException($"{op}: dtype mismatch: {a.Dtype} and {b.Dtype}");
        return a.Dtype;
    }

    /// <summary>Normalises a possibly negative axis against a rank.</summary>
    public static int Axis(long axis, int ndim, string op)
    {
        long a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) throw new RelaxTypeException($"{op}: axis {axis} is out of range for a tensor of rank {ndim}");
        return (int)a;
    }

    public static long Product(IEnumerable<long> xs) => xs.Aggregate(1L, (p, x) => p * x);
}
