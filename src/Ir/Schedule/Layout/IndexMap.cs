using System.Globalization;
using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's IndexMap: <c>lambda i, j: (i // 4, j, i % 4)</c> — new indices as expressions of the old ones.
/// Used by <see cref="TransformLayoutPrimitive"/>. Equality is structural (the variables are bound by the map).
/// </summary>
public sealed record IndexMap(Seq<Var> InitialIndices, Seq<Expr> FinalIndices)
{
    /// <summary>Builds a map from a function of fresh variables named i0, i1, ... of <paramref name="dtype"/>.</summary>
    public static IndexMap FromFunc(int ndim, Func<IReadOnlyList<Var>, IEnumerable<Expr>> f, DataType? dtype = null)
    {
        var vars = Enumerable.Range(0, ndim).Select(i => new Var($"i{i}", dtype ?? DataType.Int32)).ToList();
        return new IndexMap(vars.ToSeq(), f(vars).ToSeq());
    }

    /// <summary>The new indices of the element at <paramref name="indices"/> (constants retyped to the indices' type).</summary>
    public Seq<Expr> MapIndices(IReadOnlyList<Expr> indices)
    {
        if (indices.Count != InitialIndices.Count)
            throw new ArgumentException($"index map takes {InitialIndices.Count} indices, got {indices.Count}");
        var dtype = indices.Count > 0 ? indices[0].Dtype : DataType.Int32;
        var map = new Dictionary<Var, Expr>();
        for (int i = 0; i < indices.Count; i++) map[InitialIndices[i]] = indices[i];
        return FinalIndices.Map(e => Simplifier.Simplify(new Retype(dtype).VisitExpr(Substituter.Apply(e, map))));
    }

    /// <summary>The shape of the transformed buffer: one past the largest value of each new index (its minimum must be 0).</summary>
    public Seq<Expr> MapShape(IReadOnlyList<Expr> shape)
    {
        if (shape.Count != InitialIndices.Count)
            throw new ArgumentException($"index map takes {InitialIndices.Count} indices, the buffer has {shape.Count} dimensions");
        var dtype = shape.Count > 0 ? shape[0].Dtype : DataType.Int32;
        var analyzer = new Analyzer();
        var vars = new List<Expr>();
        for (int i = 0; i < shape.Count; i++)
        {
            if (shape[i] is not IntImm { Value: > 0 } n) throw new ArgumentException("index maps need constant buffer shapes");
            var v = new Var($"ax{i}", dtype);
            analyzer.Bind(v, 0, n.Value);
            vars.Add(v);
        }
        return MapIndices(vars).Map(e =>
        {
            var (lo, hi) = analyzer.ConstIntBound(e);
            if (lo < 0 || hi == long.MaxValue) throw new ArgumentException($"new index {ToPython(e)} is not within [0, n) over the buffer");
            return (Expr)new IntImm(dtype, hi + 1);
        });
    }

    /// <summary>As TVM's IndexMap::ToPythonString: <c>lambda i, j: (i // 4, j, i % 4)</c>.</summary>
    public string ToPython() =>
        $"lambda {string.Join(", ", InitialIndices.Select(v => v.Name))}: ({string.Join(", ", FinalIndices.Select(ToPython))}{(FinalIndices.Count == 1 ? "," : "")})";

    private static string ToPython(Expr e) => e switch
    {
        Var v => v.Name,
        IntImm i => i.Value.ToString(CultureInfo.InvariantCulture),
        Binary b => b.Op switch
        {
            BinOp.Min => $"T.min({ToPython(b.A)}, {ToPython(b.B)})",
            BinOp.Max => $"T.max({ToPython(b.A)}, {ToPython(b.B)})",
            _ => $"{Paren(b.A)} {Symbol(b.Op)} {Paren(b.B)}",
        },
        Cast c => $"T.Cast(\"{c.Type}\", {ToPython(c.Value)})",
        _ => e.ToString(),
    };

    private static string Paren(Expr e) => e is Binary { Op: not (BinOp.Min or BinOp.Max) } ? $"({ToPython(e)})" : ToPython(e);

    private static string Symbol(BinOp op) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.FloorDiv => "//", BinOp.FloorMod => "%",
        BinOp.Div => "/", BinOp.Mod => "%",
        _ => op.ToString(),
    };

    public bool Equals(IndexMap? other) =>
        other is not null && other.InitialIndices.Count == InitialIndices.Count && other.FinalIndices.Count == FinalIndices.Count &&
        MapIndices(other.InitialIndices.Items.Cast<Expr>().ToList()).SequenceEqual(other.MapIndices(other.InitialIndices.Items.Cast<Expr>().ToList()));

    public override int GetHashCode() => HashCode.Combine(InitialIndices.Count, FinalIndices.Count);

    public override string ToString() => ToPython();

    /// <summary>Integer constants of another integer type take the indices' type (an int32 map on an int64 buffer).</summary>
    private sealed class Retype(DataType dtype) : IrRewriter
    {
        public override Expr VisitExpr(Expr e) => e switch
        {
            IntImm i when i.Type != dtype && i.Type.IsInt => new IntImm(dtype, i.Value),
            _ => base.VisitExpr(e),
        };
    }
}
