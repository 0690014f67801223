namespace Tuner.Ir.Relax.Ops;

/// <summary>Unary element-wise operators, binary broadcast arithmetic and astype.</summary>
public static partial class OpRegistry
{
    private static IEnumerable<OpDef> ElementwiseOps()
    {
        foreach (var (s, legal) in new[] { ("R.add", "add"), ("R.subtract", "subtract"), ("R.multiply", "multiply"), ("R.divide", "divide"), ("R.maximum", "maximum") })
            yield return Op(s, 2, (a, _) => new TensorStructInfo(
                Shapes.Broadcast(Shapes.Known(a[0], s, 1), Shapes.Known(a[1], s, 2), s), Shapes.SameDtype(a[0], a[1], s)), legal);
        foreach (var (s, legal) in new[]
                 {
                     ("R.nn.relu", "relu"), ("R.nn.gelu", "gelu"), ("R.nn.gelu_tanh", "gelu_tanh"), ("R.nn.silu", "silu"),
                     ("R.exp", "exp"), ("R.sqrt", "sqrt"), ("R.tanh", "tanh"), ("R.sigmoid", "sigmoid"),
                 })
            yield return Op(s, 1, (a, _) => Float(a[0], s), legal);
        yield return Op("R.astype", 1, (a, at) => a[0] with { Dtype = DataType.Parse(at.Str("dtype")!) }, "cast", A("dtype", AttrKind.Str, null));
    }

    /// <summary>A float operand of a unary float operator (exp of an int tensor is a type error in our subset).</summary>
    private static TensorStructInfo Float(TensorStructInfo t, string op)
    {
        if (!t.Dtype.IsFloat) throw new RelaxTypeException($"{op}: expected a float tensor, got {t.Dtype}");
        return t;
    }
}
