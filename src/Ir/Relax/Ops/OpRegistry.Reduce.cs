namespace Tuner.Ir.Relax.Ops;

/// <summary>matmul and the reductions sum / mean / max.</summary>
public static partial class OpRegistry
{
    private static IEnumerable<OpDef> ReduceOps()
    {
        yield return Op("R.matmul", 2, Matmul, "matmul", A("out_dtype", AttrKind.Str, "void"));
        foreach (var (s, legal) in new[] { ("R.sum", "sum"), ("R.mean", "mean"), ("R.max", "max") })
            yield return Op(s, 1, (a, at) => Reduce(a[0], at, s), legal, A("axis", AttrKind.OptInts, null), A("keepdims", AttrKind.Bool, false));
    }

    /// <summary>numpy.matmul: 1-d operands are promoted and the added axis dropped; batch dims broadcast.</summary>
    private static TensorStructInfo Matmul(IReadOnlyList<TensorStructInfo> a, OpAttrs at)
    {
        const string op = "R.matmul";
        var x = Shapes.Known(a[0], op, 1);
        var y = Shapes.Known(a[1], op, 2);
        if (x.Count == 0 || y.Count == 0) throw new RelaxTypeException($"{op}: operands must have at least one dimension");
        Shapes.SameDtype(a[0], a[1], op);
        Expr k1 = x[^1], k2 = y.Count == 1 ? y[0] : y[^2];
        if (!Shapes.SameDim(k1, k2) && Shapes.Const(k1) is not null && Shapes.Const(k2) is not null)
            throw new RelaxTypeException($"{op}: reduction dimensions differ: {Shapes.Text(x)} @ {Shapes.Text(y)} ({Shapes.DimText(k1)} vs {Shapes.DimText(k2)})");
        var bx = x.Count > 2 ? x.Slice(0, x.Count - 2) : Seq<Expr>.Empty;
        var by = y.Count > 2 ? y.Slice(0, y.Count - 2) : Seq<Expr>.Empty;
        var shape = Shapes.Broadcast(bx, by, op).ToList();
        if (x.Count >= 2) shape.Add(x[^2]);
        if (y.Count >= 2) shape.Add(y[^1]);
        var outDtype = at.Str("out_dtype") is { } od && od != "void" ? DataType.Parse(od) : a[0].Dtype;
        return new TensorStructInfo(shape.ToSeq(), outDtype);
    }

    /// <summary>The reduced axes, normalised and sorted; all axes when "axis" is None.</summary>
    internal static int[] ReduceAxes(OpAttrs at, int ndim, string op) =>
        at.Ints("axis") is { } axes
            ? axes.Select(ax => Shapes.Axis(ax, ndim, op)).Distinct().Order().ToArray()
            : Enumerable.Range(0, ndim).ToArray();

    private static TensorStructInfo Reduce(TensorStructInfo t, OpAttrs at, string op)
    {
        var x = Shapes.Known(t, op, 1);
        var axes = ReduceAxes(at, x.Count, op);
        bool keep = at.Bool("keepdims");
        var shape = new List<Expr>();
        for (int i = 0; i < x.Count; i++)
        {
            if (!axes.Contains(i)) shape.Add(x[i]);
            else if (keep) shape.Add(Shapes.Dim(1));
        }
        return new TensorStructInfo(shape.ToSeq(), t.Dtype);
    }
}
