using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Legalize;

/// <summary>
/// What LegalizeOps makes of one operator call: the PrimFunc's name hint, its TVMScript text for a given name,
/// and which call arguments become its tensor parameters (a 0-d constant operand is folded into the body, as TVM does).
/// </summary>
public sealed record LegalFunc(string NameHint, Func<string, string> Text, Seq<int> TensorArgs);

/// <summary>The inputs of a legalization: constant shapes and dtypes of the tensor arguments, constants folded.</summary>
internal sealed record LegalInput(RCall Call, IReadOnlyList<long[]> Shapes, IReadOnlyList<DataType> Dtypes, long[] OutShape, DataType OutDtype)
{
    public OpAttrs Attrs => Call.Attrs;
    public RConstant? Const(int i) => Call.Args[i] as RConstant;
}

/// <summary>
/// TVM's legalization of each operator (python/tvm/relax/transform/legalize_ops): the TOPI compute it calls,
/// written out as TVMScript by the partial files beside this one.
/// </summary>
public static partial class Legalizer
{
    /// <summary>The legal function for an operator call; throws <see cref="RelaxTypeException"/> for what we cannot legalize.</summary>
    public static LegalFunc For(RCall call)
    {
        var op = OpRegistry.Get(call.Op);
        var shapes = new List<long[]>();
        var dtypes = new List<DataType>();
        // TVM legalizes symbolic shapes into T.handle + T.match_buffer PrimFuncs; ours are written for constant
        // shapes only (and tuning refuses symbolic PrimFuncs anyway), so a symbolic dim is a clear error here.
        for (int i = 0; i < call.Args.Count; i++)
        {
            var t = (TensorStructInfo)call.Args[i].Sinfo;
            shapes.Add(t.ConstShape() ?? throw Symbolic(op, $"argument {i + 1} ({Describe(call.Args[i])}) has shape {Shapes.Text(t.Shape)}"));
            dtypes.Add(t.Dtype);
        }
        var outT = (TensorStructInfo)call.Info;
        if (outT.ConstShape() is null) throw Symbolic(op, $"the result has shape {Shapes.Text(outT.Shape)}");
        var input = new LegalInput(call, shapes, dtypes, outT.ConstShape()!, outT.Dtype);
        return op.LegalName switch
        {
            "add" or "subtract" or "multiply" or "divide" or "maximum" => Binary(input, op.LegalName),
            "relu" or "exp" or "sqrt" or "tanh" or "sigmoid" or "cast" => Unary(input, op.LegalName),
            "gelu" => Gelu(input),
            "gelu_tanh" => GeluTanh(input),
            "silu" => Silu(input),
            "matmul" => Matmul(input),
            "softmax" => Softmax(input),
            "log_softmax" => LogSoftmax(input),
            "layer_norm" => LayerNorm(input),
            "rms_norm" => RmsNorm(input),
            "conv2d" => Conv2d(input),
            "max_pool2d" or "avg_pool2d" => Pool2d(input, op.LegalName),
            "sum" or "mean" or "max" => Reduce(input, op.LegalName),
            "transpose" => Transpose(input),
            "reshape" => Reshape(input),
            "take" => Take(input),
            _ => throw new RelaxTypeException($"{op.Script}: LegalizeOps has no legalization for this operator"),
        };
    }

    private static RelaxTypeException Symbolic(OpDef op, string what) =>
        new($"{op.Script}: symbolic dimensions are not supported by LegalizeOps ({what}); give the model constant shapes");

    private static string Describe(RExpr e) => e is RVar v ? v.Name : "a constant";

    private static readonly string[] Names = ["A", "B", "C", "D", "E"];

    /// <summary>Indices of an input broadcast against the output's iterators (right-aligned; extent-1 dims read index 0).</summary>
    private static IEnumerable<string> BIdx(long[] inShape, long[] outShape, IReadOnlyList<Iter> it)
    {
        int off = outShape.Length - inShape.Length;
        for (int j = 0; j < inShape.Length; j++)
            yield return inShape[j] == 1 && outShape[off + j] != 1 ? TirWriter.I64(0) : it[off + j].V;
    }

    private static Seq<int> Range(int n) => Enumerable.Range(0, n).ToSeq();
}
