namespace Tuner.Ir.Relax.Ops;

/// <summary>permute_dims, reshape and take.</summary>
public static partial class OpRegistry
{
    private static IEnumerable<OpDef> LayoutOps()
    {
        yield return Op("R.permute_dims", 1, PermuteDims, "transpose", A("axes", AttrKind.OptInts, null));
        yield return Op("R.reshape", 1, Reshape, "reshape", A("shape", AttrKind.Shape, null));
        yield return Op("R.take", 2, Take, "take", A("axis", AttrKind.OptInt, null), A("mode", AttrKind.Str, "fast"));
    }

    /// <summary>The permutation: the given axes normalised, or the reversed axes when None.</summary>
    internal static int[] Permutation(OpAttrs at, int ndim, string op)
    {
        if (at.Ints("axes") is not { } axes) return Enumerable.Range(0, ndim).Reverse().ToArray();
        if (axes.Length != ndim) throw new RelaxTypeException($"{op}: axes has {axes.Length} entries for a tensor of rank {ndim}");
        var perm = axes.Select(a => Shapes.Axis(a, ndim, op)).ToArray();
        if (perm.Distinct().Count() != ndim) throw new RelaxTypeException($"{op}: axes [{string.Join(", ", axes)}] repeat an axis");
        return perm;
    }

    private static TensorStructInfo PermuteDims(IReadOnlyList<TensorStructInfo> a, OpAttrs at)
    {
        var x = Shapes.Known(a[0], "R.permute_dims", 1);
        var perm = Permutation(at, x.Count, "R.permute_dims");
        return new TensorStructInfo(perm.Select(p => x[p]).ToSeq(), a[0].Dtype);
    }

    private static TensorStructInfo Reshape(IReadOnlyList<TensorStructInfo> a, OpAttrs at)
    {
        const string op = "R.reshape";
        var x = Shapes.Known(a[0], op, 1);
        var shape = (Seq<Expr>)at["shape"]!;
        var from = x.Select(Shapes.Const).ToList();
        var to = shape.Select(Shapes.Const).ToList();
        if (from.All(v => v is not null) && to.All(v => v is not null))
        {
            long n = Shapes.Product(from.Select(v => v!.Value)), m = Shapes.Product(to.Select(v => v!.Value));
            if (n != m) throw new RelaxTypeException($"{op}: cannot reshape {Shapes.Text(x)} ({n} elements) to {Shapes.Text(shape)} ({m} elements)");
        }
        return new TensorStructInfo(shape, a[0].Dtype);
    }

    /// <summary>take(x, indices, axis): x's shape with its axis replaced by the indices' shape; no axis: x flattened.</summary>
    private static TensorStructInfo Take(IReadOnlyList<TensorStructInfo> a, OpAttrs at)
    {
        const string op = "R.take";
        var x = Shapes.Known(a[0], op, 1);
        var idx = Shapes.Known(a[1], op, 2);
        if (!a[1].Dtype.IsIntegral) throw new RelaxTypeException($"{op}: indices must be integers, not {a[1].Dtype}");
        if (at.Str("mode") is not ("fast" or "clip" or "wrap")) throw new RelaxTypeException($"{op}: mode must be \"fast\", \"clip\" or \"wrap\", not \"{at.Str("mode")}\"");
        if (at["axis"] is null) return new TensorStructInfo(idx, a[0].Dtype);
        int axis = Shapes.Axis(at.Int("axis"), x.Count, op);
        return new TensorStructInfo(x.Take(axis).Concat(idx).Concat(x.Skip(axis + 1)).ToSeq(), a[0].Dtype);
    }
}
