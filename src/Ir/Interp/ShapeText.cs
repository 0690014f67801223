namespace Tuner.Ir.Interp;

/// <summary>Shapes in error messages as Python writes tuples: "(128, 128)", "(n,)", "()".</summary>
internal static class ShapeText
{
    public static string Of(Buffer b) =>
        "(" + string.Join(", ", b.Shape.Select(Dim)) + (b.Rank == 1 ? ",)" : ")");

    private static string Dim(Expr e) => e switch
    {
        IntImm c => c.Value.ToString(),
        Var v => v.Name,
        _ => e.ToString(),
    };
}
