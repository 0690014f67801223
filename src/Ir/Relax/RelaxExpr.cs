using System.Runtime.CompilerServices;

namespace Tuner.Ir.Relax;

/// <summary>A Relax expression. Every expression carries its struct info once built (parser and passes infer it).</summary>
public abstract record RExpr
{
    public abstract StructInfo Sinfo { get; }
}

/// <summary>
/// A Relax variable: a function parameter or the left side of a binding. IsDataflow marks a DataflowVar (bound
/// inside <c>with R.dataflow()</c> and not exported by <c>R.output</c>). Equality is identity.
/// </summary>
public sealed record RVar(string Name, StructInfo Info, bool IsDataflow = false) : RExpr
{
    public override StructInfo Sinfo => Info;
    public bool Equals(RVar? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
    public override string ToString() => Name;
}

/// <summary>A reference to a module function (<c>cls.matmul</c>); its struct info is opaque here.</summary>
public sealed record GlobalVarRef(string Name) : RExpr
{
    public override StructInfo Sinfo => new ObjectStructInfo();
}

/// <summary>A scalar constant (<c>R.const(1.0, "float32")</c>), a 0-d tensor.</summary>
public sealed record RConstant(double Value, DataType Dtype) : RExpr
{
    public override StructInfo Sinfo => new TensorStructInfo(Seq<Expr>.Empty, Dtype);
}

/// <summary>A shape value (<c>R.shape([1, 128])</c>).</summary>
public sealed record ShapeExpr(Seq<Expr> Values) : RExpr
{
    public override StructInfo Sinfo => new ShapeStructInfo(Values);
}

/// <summary>A tuple (<c>(a, b)</c>).</summary>
public sealed record RTuple(Seq<RExpr> Fields) : RExpr
{
    public override StructInfo Sinfo => new TupleStructInfo(Fields.Map(f => f.Sinfo));
}

/// <summary><c>t[i]</c> of a tuple.</summary>
public sealed record TupleGetItem(RExpr Tuple, int Index, StructInfo Info) : RExpr
{
    public override StructInfo Sinfo => Info;
}

/// <summary>
/// A call: of an operator (Op is its registry name, e.g. "relax.matmul", with Attrs), of <c>relax.call_tir</c>
/// (Args = [GlobalVarRef, RTuple], SinfoArgs = [out_sinfo]), or of a module function (Callee set, Op empty).
/// </summary>
public sealed record RCall(string Op, Seq<RExpr> Args, OpAttrs Attrs, Seq<StructInfo> SinfoArgs, StructInfo Info, GlobalVarRef? Callee = null) : RExpr
{
    public override StructInfo Sinfo => Info;
    public const string CallTir = "relax.call_tir";
    public bool IsCallTir => Op == CallTir;
    /// <summary>The PrimFunc a call_tir calls.</summary>
    public string TirName => ((GlobalVarRef)Args[0]).Name;
    /// <summary>The arguments of a call_tir (its tuple's fields).</summary>
    public Seq<RExpr> TirArgs => ((RTuple)Args[1]).Fields;
}

/// <summary>One binding <c>var = value</c>; Line and Col locate its value in the source (0 when built by a pass).</summary>
public sealed record Binding(RVar Var, RExpr Value, int Line = 0, int Col = 0);

/// <summary>A block of bindings: a dataflow block (<c>with R.dataflow()</c>) or plain bindings.</summary>
public sealed record BindingBlock(Seq<Binding> Bindings, bool IsDataflow);

/// <summary>
/// A Relax function: parameters, binding blocks, the returned expression and its struct info, attributes
/// (R.func_attr) and linkage.
/// </summary>
public sealed record RelaxFunction(Seq<RVar> Params, Seq<BindingBlock> Blocks, RExpr Body, StructInfo Ret, Attrs Attrs, bool IsPrivate = false)
{
    public IEnumerable<Binding> Bindings => Blocks.SelectMany(b => b.Bindings);
    public bool IsPrimitive => Attrs["Primitive"] is IntImm { Value: not 0 };
}

/// <summary>A Relax function in a module.</summary>
public sealed record RelaxFuncEntry(string Name, RelaxFunction Func) : ModuleFunc(Name);
