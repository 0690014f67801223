namespace Tuner.Ir;

/// <summary>Scalar kind of a <see cref="DataType"/>.</summary>
public enum TypeCode { Int, UInt, Float, Bool, Handle }

/// <summary>
/// A TIR data type: kind, bit width and vector lanes ("float32", "int64", "bool", "float32x8", "handle").
/// </summary>
public readonly record struct DataType(TypeCode Code, int Bits, int Lanes = 1)
{
    public static readonly DataType Int8 = new(TypeCode.Int, 8);
    public static readonly DataType Int16 = new(TypeCode.Int, 16);
    public static readonly DataType Int32 = new(TypeCode.Int, 32);
    public static readonly DataType Int64 = new(TypeCode.Int, 64);
    public static readonly DataType UInt8 = new(TypeCode.UInt, 8);
    public static readonly DataType UInt16 = new(TypeCode.UInt, 16);
    public static readonly DataType UInt32 = new(TypeCode.UInt, 32);
    public static readonly DataType UInt64 = new(TypeCode.UInt, 64);
    public static readonly DataType Float16 = new(TypeCode.Float, 16);
    public static readonly DataType Float32 = new(TypeCode.Float, 32);
    public static readonly DataType Float64 = new(TypeCode.Float, 64);
    public static readonly DataType Bool = new(TypeCode.Bool, 1);
    public static readonly DataType Handle = new(TypeCode.Handle, 64);
    /// <summary>The type of statements-as-expressions (TVM's "void"); used by Evaluate of calls without result.</summary>
    public static readonly DataType Void = new(TypeCode.Handle, 0);

    public bool IsInt => Code == TypeCode.Int;
    public bool IsUInt => Code == TypeCode.UInt;
    public bool IsIntegral => Code is TypeCode.Int or TypeCode.UInt;
    public bool IsFloat => Code == TypeCode.Float;
    public bool IsBool => Code == TypeCode.Bool;
    public bool IsHandle => Code == TypeCode.Handle;
    public bool IsScalar => Lanes == 1;
    public DataType Element => this with { Lanes = 1 };
    public DataType WithLanes(int lanes) => this with { Lanes = lanes };
    public int Bytes => Math.Max(1, (Bits + 7) / 8);

    public override string ToString()
    {
        if (this == Void) return "void";
        string s = Code switch
        {
            TypeCode.Int => $"int{Bits}",
            TypeCode.UInt => $"uint{Bits}",
            TypeCode.Float => $"float{Bits}",
            TypeCode.Bool => "bool",
            _ => "handle",
        };
        return Lanes == 1 ? s : $"{s}x{Lanes}";
    }

    /// <summary>Parses "float32", "int64", "uint8", "bool", "handle", "float32x4"; null when not a type name.</summary>
    public static DataType? TryParse(string s)
    {
        int lanes = 1;
        int x = s.IndexOf('x', StringComparison.Ordinal);
        if (x > 0 && int.TryParse(s.AsSpan(x + 1), out int l)) { lanes = l; s = s[..x]; }
        DataType? t = s switch
        {
            "bool" => Bool,
            "handle" => Handle,
            "void" => Void,
            _ when s.StartsWith("float", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out int b) && b is 16 or 32 or 64 => new DataType(TypeCode.Float, b),
            _ when s.StartsWith("uint", StringComparison.Ordinal) && int.TryParse(s.AsSpan(4), out int b) && b is 8 or 16 or 32 or 64 => new DataType(TypeCode.UInt, b),
            _ when s.StartsWith("int", StringComparison.Ordinal) && int.TryParse(s.AsSpan(3), out int b) && b is 8 or 16 or 32 or 64 => new DataType(TypeCode.Int, b),
            _ => null,
        };
        return t is { } v && lanes != 1 ? v.WithLanes(lanes) : t;
    }

    public static DataType Parse(string s) =>
        TryParse(s) ?? throw new FormatException($"unknown data type '{s}'");
}
