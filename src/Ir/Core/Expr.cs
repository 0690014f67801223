using System.Runtime.CompilerServices;

namespace Tuner.Ir;

/// <summary>Binary operators: arithmetic (result type of the operands) and comparisons/logic (result bool).</summary>
public enum BinOp
{
    Add, Sub, Mul,
    /// <summary>Truncating division for integers (C semantics), true division for floats.</summary>
    Div,
    /// <summary>Truncating remainder (C semantics).</summary>
    Mod,
    /// <summary>Division rounding toward negative infinity (Python's //).</summary>
    FloorDiv,
    /// <summary>Remainder with the sign of the divisor (Python's %).</summary>
    FloorMod,
    Min, Max,
    EQ, NE, LT, LE, GT, GE,
    And, Or,
}

public static class BinOpExtensions
{
    public static bool IsComparison(this BinOp op) => op is BinOp.EQ or BinOp.NE or BinOp.LT or BinOp.LE or BinOp.GT or BinOp.GE;
    public static bool IsLogical(this BinOp op) => op is BinOp.And or BinOp.Or;
    public static bool YieldsBool(this BinOp op) => op.IsComparison() || op.IsLogical();
}

/// <summary>An expression. Immutable; records compare by value except <see cref="Var"/>, which compares by identity.</summary>
public abstract record Expr
{
    public abstract DataType Dtype { get; }

    public static Expr operator +(Expr a, Expr b) => new Binary(BinOp.Add, a, b);
    public static Expr operator -(Expr a, Expr b) => new Binary(BinOp.Sub, a, b);
    public static Expr operator *(Expr a, Expr b) => new Binary(BinOp.Mul, a, b);
    public static Expr operator +(Expr a, long b) => new Binary(BinOp.Add, a, new IntImm(a.Dtype, b));
    public static Expr operator -(Expr a, long b) => new Binary(BinOp.Sub, a, new IntImm(a.Dtype, b));
    public static Expr operator *(Expr a, long b) => new Binary(BinOp.Mul, a, new IntImm(a.Dtype, b));
}

/// <summary>A variable: loop variable, block iter var, scalar parameter, buffer data handle. Equality is identity.</summary>
public sealed record Var(string Name, DataType Type) : Expr
{
    public override DataType Dtype => Type;
    public bool Equals(Var? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
    public override string ToString() => Name;
}

/// <summary>An integer (or bool) constant.</summary>
public sealed record IntImm(DataType Type, long Value) : Expr
{
    public override DataType Dtype => Type;
    public static IntImm I32(long v) => new(DataType.Int32, v);
    public static IntImm I64(long v) => new(DataType.Int64, v);
    public static IntImm Bool(bool v) => new(DataType.Bool, v ? 1 : 0);
    public static readonly IntImm True = Bool(true);
    public static readonly IntImm False = Bool(false);
}

/// <summary>A floating-point constant.</summary>
public sealed record FloatImm(DataType Type, double Value) : Expr
{
    public override DataType Dtype => Type;
}

/// <summary>A string constant (attribute values, intrinsic arguments).</summary>
public sealed record StringImm(string Value) : Expr
{
    public override DataType Dtype => DataType.Handle;
}

/// <summary>Type conversion of <paramref name="Value"/> to <paramref name="Type"/>.</summary>
public sealed record Cast(DataType Type, Expr Value) : Expr
{
    public override DataType Dtype => Type;
}

/// <summary>A binary operation; see <see cref="BinOp"/>.</summary>
public sealed record Binary(BinOp Op, Expr A, Expr B) : Expr
{
    public override DataType Dtype => Op.YieldsBool() ? DataType.Bool.WithLanes(A.Dtype.Lanes) : A.Dtype;
}

/// <summary>Logical negation.</summary>
public sealed record Not(Expr Value) : Expr
{
    public override DataType Dtype => Value.Dtype;
}

/// <summary>Eager conditional: both branches are evaluated (TVM's Select).</summary>
public sealed record Select(Expr Condition, Expr TrueValue, Expr FalseValue) : Expr
{
    public override DataType Dtype => TrueValue.Dtype;
}

/// <summary>Reads one element (or a vector, with Ramp indices) of a buffer.</summary>
public sealed record BufferLoad(Buffer Buffer, Seq<Expr> Indices) : Expr
{
    public override DataType Dtype => Buffer.Dtype.WithLanes(Indices.Count == 0 ? 1 : Indices[^1].Dtype.Lanes);
}

/// <summary>
/// An intrinsic call by name: "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "fabs", "pow",
/// "floor", "ceil", "round", "if_then_else" (lazy), "shift_left", "shift_right", "bitwise_and",
/// "bitwise_or", "bitwise_xor", "bitwise_not", "reinterpret", ... See <see cref="Intrinsics"/>.
/// </summary>
public sealed record Call(DataType Type, string Op, Seq<Expr> Args) : Expr
{
    public override DataType Dtype => Type;
}

/// <summary>Vector of Lanes values Base, Base+Stride, ... (after vectorization).</summary>
public sealed record Ramp(Expr Base, Expr Stride, int Lanes) : Expr
{
    public override DataType Dtype => Base.Dtype.WithLanes(Lanes);
}

/// <summary>Vector of Lanes copies of a scalar (after vectorization).</summary>
public sealed record Broadcast(Expr Value, int Lanes) : Expr
{
    public override DataType Dtype => Value.Dtype.WithLanes(Lanes);
}

/// <summary>Let-binding inside an expression.</summary>
public sealed record Let(Var Var, Expr Value, Expr Body) : Expr
{
    public override DataType Dtype => Body.Dtype;
}

/// <summary>Builders for common expressions.</summary>
public static class E
{
    public static Expr Int(long v, DataType? t = null) => new IntImm(t ?? DataType.Int32, v);
    public static Expr Const(DataType t, double v) =>
        t.IsFloat ? new FloatImm(t, v) : new IntImm(t, t.IsBool ? (v != 0 ? 1 : 0) : (long)v);
    public static Expr Bin(BinOp op, Expr a, Expr b) => new Binary(op, a, b);
    public static Expr FloorDiv(Expr a, Expr b) => new Binary(BinOp.FloorDiv, a, b);
    public static Expr FloorMod(Expr a, Expr b) => new Binary(BinOp.FloorMod, a, b);
    public static Expr Min(Expr a, Expr b) => new Binary(BinOp.Min, a, b);
    public static Expr Max(Expr a, Expr b) => new Binary(BinOp.Max, a, b);
    public static Expr Lt(Expr a, Expr b) => new Binary(BinOp.LT, a, b);
    public static Expr And(Expr a, Expr b) => new Binary(BinOp.And, a, b);
    public static bool IsConst(Expr e, long v) => e is IntImm i && i.Value == v;
    public static long? AsConst(Expr e) => e is IntImm i ? i.Value : null;
}
