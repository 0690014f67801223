using Tuner.Ir.Analysis;

namespace Tuner.Ir.Schedule;

/// <summary>Preconditions shared by the loop primitives (TVM's HasAnnotationOrThreadBinding, LoopNotStartWithZero, parallelizability).</summary>
internal static class LoopChecks
{
    public static void NoAnnotationOrThreadBinding(string primitive, For loop)
    {
        if (!loop.Annotations.IsEmpty || loop.Kind == ForKind.ThreadBinding || loop.ThreadTag is not null)
            throw new ScheduleError(primitive, $"loop '{loop.LoopVar.Name}' has annotations or a thread binding");
    }

    public static void StartsAtZero(string primitive, For loop)
    {
        if (!E.IsConst(loop.Min, 0))
            throw new ScheduleError(primitive, $"loop '{loop.LoopVar.Name}' does not start at 0, which is not supported");
    }

    public static long ConstExtent(string primitive, For loop) =>
        E.AsConst(loop.Extent) ?? throw new ScheduleError(primitive, $"loop '{loop.LoopVar.Name}' has a non-constant extent, which is not supported");

    public static bool Uses(Expr e, Var v)
    {
        bool found = false;
        new NodeWalker(null, x => { if (ReferenceEquals(x, v)) found = true; }).VisitExpr(e);
        return found;
    }

    /// <summary>
    /// TVM's CheckParallelizability: every block under the loop whose iter binding uses the loop var must bind it to a
    /// data-parallel iter (a reduction iter is allowed only for threadIdx bindings: cross-thread reduction).
    /// Like TVM (its affine check in CheckLoopParallelizableInBlock is disabled), non-affine bindings are allowed:
    /// a producer computed inside a tile may overlap its neighbour's region and still be parallel.
    /// </summary>
    public static void Parallelizable(ScheduleState s, string primitive, For loop, string? threadTag = null)
    {
        bool allowReduce = threadTag is not null && threadTag.StartsWith("threadIdx", StringComparison.Ordinal);
        foreach (var br in BlocksUnder(loop.Body))
        {
            var b = br.Block;
            if (!br.IterValues.Any(v => Uses(v, loop.LoopVar))) continue;
            for (int i = 0; i < b.IterVars.Count; i++)
            {
                var iv = b.IterVars[i];
                if (!Uses(br.IterValues[i], loop.LoopVar)) continue;
                if (iv.Kind == IterKind.Spatial || (iv.Kind == IterKind.Reduce && allowReduce)) continue;
                throw new ScheduleError(primitive,
                    $"loop '{loop.LoopVar.Name}' cannot be {Verb(primitive)} because block '{b.Name}' binds its {iv.Kind.ToString().ToLowerInvariant()} iter '{iv.Var.Name}' to it");
            }
        }
    }

    /// <summary>
    /// Why a block's iter bindings are not quasi-affine in the loops above it (TVM's affine-binding property, via
    /// <see cref="IterMapDetector"/>), or null when they are.
    /// </summary>
    public static string? AffineBindingError(ScheduleState s, BlockRealize br)
    {
        if (br.IterValues.Count == 0) return null;
        var ranges = s.LoopsAbove(br).ToDictionary(f => f.LoopVar, f => new Range(f.Min, f.Extent));
        var r = IterMapDetector.Detect(br.IterValues, ranges);
        return r.IsAffine ? null : r.Error ?? "not affine";
    }

    private static string Verb(string primitive) => primitive switch
    {
        "Parallel" => "parallelized",
        "Vectorize" => "vectorized",
        "Bind" => "bound to a thread axis",
        _ => "transformed",
    };

    /// <summary>Every block realize under a statement (all depths).</summary>
    public static IEnumerable<BlockRealize> BlocksUnder(Stmt s)
    {
        var list = new List<BlockRealize>();
        NodeWalker.Walk(s, x => { if (x is BlockRealize br) list.Add(br); });
        return list;
    }
}
