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
    /// data-parallel iter (a reduction iter is allowed only for threadIdx bindings: cross-thread reduction), and the
    /// bindings must look affine.
    /// </summary>
    public static void Parallelizable(string primitive, For loop, string? threadTag = null)
    {
        bool allowReduce = threadTag is not null && threadTag.StartsWith("threadIdx", StringComparison.Ordinal);
        NodeWalker.Walk(loop.Body, s =>
        {
            if (s is not BlockRealize br) return;
            var b = br.Block;
            for (int i = 0; i < b.IterVars.Count; i++)
            {
                var iv = b.IterVars[i];
                if (!Uses(br.IterValues[i], loop.LoopVar)) continue;
                if (!IsAffine(br.IterValues[i]))
                    throw new ScheduleError(primitive, $"block '{b.Name}' under loop '{loop.LoopVar.Name}' does not have an affine binding for '{iv.Var.Name}'");
                if (iv.Kind == IterKind.Spatial || (iv.Kind == IterKind.Reduce && allowReduce)) continue;
                throw new ScheduleError(primitive,
                    $"loop '{loop.LoopVar.Name}' cannot be {Verb(primitive)} because block '{b.Name}' binds its {iv.Kind.ToString().ToLowerInvariant()} iter '{iv.Var.Name}' to it");
            }
        });
    }

    private static string Verb(string primitive) => primitive switch
    {
        "Parallel" => "parallelized",
        "Vectorize" => "vectorized",
        "Bind" => "bound to a thread axis",
        _ => "transformed",
    };

    /// <summary>A quasi-affine index: loop vars, constants, +, −, × by a constant, floordiv/floormod by a positive constant.</summary>
    public static bool IsAffine(Expr e) => e switch
    {
        Var or IntImm => true,
        Cast c => IsAffine(c.Value),
        Binary { Op: BinOp.Add or BinOp.Sub } b => IsAffine(b.A) && IsAffine(b.B),
        Binary { Op: BinOp.Mul } b => (b.A is IntImm || b.B is IntImm) && IsAffine(b.A) && IsAffine(b.B),
        Binary { Op: BinOp.FloorDiv or BinOp.FloorMod, B: IntImm { Value: > 0 } } b => IsAffine(b.A),
        _ => false,
    };

    /// <summary>Every block realize under a statement (all depths).</summary>
    public static IEnumerable<BlockRealize> BlocksUnder(Stmt s)
    {
        var list = new List<BlockRealize>();
        NodeWalker.Walk(s, x => { if (x is BlockRealize br) list.Add(br); });
        return list;
    }
}
