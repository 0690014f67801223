using System.Runtime.CompilerServices;

namespace Tuner.Ir;

/// <summary>
/// A multi-dimensional buffer. Equality is identity: two buffers with the same name are different buffers.
/// Strides empty means compact row-major. Scope is "global" unless allocated elsewhere ("local", "shared").
/// </summary>
public sealed record Buffer(string Name, DataType Dtype, Seq<Expr> Shape, Seq<Expr> Strides, string Scope = "global")
{
    public Buffer(string name, DataType dtype, Seq<Expr> shape) : this(name, dtype, shape, Seq<Expr>.Empty) { }

    public int Rank => Shape.Count;
    public bool Equals(Buffer? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
    public override string ToString() => Name;

    /// <summary>Constant shape, or null when some extent is symbolic.</summary>
    public long[]? ConstShape()
    {
        var r = new long[Shape.Count];
        for (int i = 0; i < r.Length; i++)
        {
            if (Shape[i] is not IntImm c) return null;
            r[i] = c.Value;
        }
        return r;
    }
}

/// <summary>Half-open range [Min, Min + Extent).</summary>
public sealed record Range(Expr Min, Expr Extent)
{
    public static Range FromExtent(Expr extent) => new(new IntImm(extent.Dtype, 0), extent);
}

/// <summary>The region of a buffer a block reads or writes (T.reads / T.writes).</summary>
public sealed record BufferRegion(Buffer Buffer, Seq<Range> Region)
{
    /// <summary>The whole buffer.</summary>
    public static BufferRegion Full(Buffer b) => new(b, b.Shape.Map(s => Range.FromExtent(s)));
}

/// <summary>Kind of a block iterator: spatial (data parallel), reduce, ordered (scan), opaque.</summary>
public enum IterKind { Spatial, Reduce, Ordered, Opaque }

/// <summary>A block iterator (T.axis.spatial/reduce): its variable, domain and kind.</summary>
public sealed record IterVar(Var Var, Range Dom, IterKind Kind);
