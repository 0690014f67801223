namespace Tuner.Ir.Relax.Ops;

/// <summary>TVM's OpPatternKind, as AnnotateTIROpPattern writes it into "op_pattern" and FuseOps reads it.</summary>
public enum OpPattern { ElemWise = 0, Broadcast = 1, Injective = 2, CommReduce = 3, OutEWiseFusable = 4, Tuple = 7, Opaque = 8 }

/// <summary>How an attribute is written: kinds decide parsing and printing. Shape is a positional R.shape([...]) (reshape).</summary>
public enum AttrKind { Int, Float, Bool, Str, Ints, OptInts, OptInt, Shape }

/// <summary>One attribute of an operator, with its default (used when the script leaves it out).</summary>
public sealed record AttrSpec(string Name, AttrKind Kind, object? Default);

/// <summary>A shape or dtype error of an operator call; the parser reports it at the call's position.</summary>
public sealed class RelaxTypeException(string message) : Exception(message);

/// <summary>
/// A Relax operator: its registry name ("relax.nn.conv2d"), TVMScript spelling ("R.nn.conv2d"), tensor
/// arguments, attributes in TVM's printed order, shape inference, and the PrimFunc name LegalizeOps gives it.
/// </summary>
public sealed record OpDef(
    string Name,
    string Script,
    int NumArgs,
    Seq<AttrSpec> Attrs,
    Func<IReadOnlyList<TensorStructInfo>, OpAttrs, TensorStructInfo> Infer,
    string LegalName)
{
    /// <summary>Infers the result of a call; arguments must be tensors.</summary>
    public StructInfo InferCall(IReadOnlyList<StructInfo> args, OpAttrs attrs)
    {
        var ts = new List<TensorStructInfo>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] is not TensorStructInfo t)
                throw new RelaxTypeException($"{Script}: argument {i + 1} must be a tensor");
            ts.Add(t);
        }
        if (ts.Count != NumArgs)
            throw new RelaxTypeException($"{Script} takes {NumArgs} tensor argument{(NumArgs == 1 ? "" : "s")}, got {ts.Count}");
        return Infer(ts, attrs);
    }
}
