namespace Tuner.Ir.CodeGen;

/// <summary>
/// Floating/integer operation count of a function, as TVM's <c>estimate_tir_flops</c>: every Add, Sub, Mul, Div,
/// Mod, FloorDiv, FloorMod, Min, Max in a stored value counts 1, times the trip counts of the enclosing loops;
/// comparisons and logic count 0; buffer indices are not counted; a block's init counts; IfThenElse/Select count
/// the more expensive branch. Differs from TVM on purpose in one point: a math intrinsic call (exp, sqrt, ...)
/// counts 1 besides its arguments (TVM counts only its arguments); structural calls (if_then_else, reinterpret,
/// bitwise ops) count as TVM (arguments only, bitwise ops 0).
/// Works on scheduled (block) IR and on lowered IR. Loops must have constant extents.
/// </summary>
public static class FlopCounter
{
    private static readonly HashSet<string> Structural =
    [
        "if_then_else", "reinterpret", "shift_left", "shift_right", "bitwise_and", "bitwise_or", "bitwise_xor",
        "bitwise_not", "call_extern", "call_pure_extern", "isnan", "isinf", "isfinite",
    ];

    /// <summary>Total operation count of the function body.</summary>
    public static double Count(PrimFunc f) => Stmt(f.Body);

    public static double Stmt(Stmt s) => s switch
    {
        BufferStore st => Expr(st.Value),
        For f => Stmt(f.Body) * (f.Extent is IntImm e ? e.Value
            : throw new ArgumentException($"loop {f.LoopVar.Name} has a non-constant extent; FLOPs need constant extents")),
        BlockRealize r => Stmt(r.Block),
        Block b => (b.Init is null ? 0 : Stmt(b.Init)) + Stmt(b.Body),
        SeqStmt q => q.Stmts.Sum(Stmt),
        IfThenElse i => Expr(i.Condition) + Math.Max(Stmt(i.Then), i.Else is null ? 0 : Stmt(i.Else)),
        LetStmt l => Expr(l.Value) + Stmt(l.Body),
        Evaluate e => Expr(e.Value),
        Allocate a => Stmt(a.Body),
        _ => throw new ArgumentException($"unknown statement {s.GetType().Name}"),
    };

    public static double Expr(Expr e) => e switch
    {
        Binary b => Expr(b.A) + Expr(b.B) + (b.Op.YieldsBool() ? 0 : b.Dtype.Lanes), // a vector op counts each lane
        Not n => Expr(n.Value),
        Cast c => Expr(c.Value),
        Select s => Expr(s.Condition) + Math.Max(Expr(s.TrueValue), Expr(s.FalseValue)),
        Call { Op: "if_then_else" } c => Expr(c.Args[0]) + Math.Max(Expr(c.Args[1]), Expr(c.Args[2])),
        Call c => c.Args.Sum(Expr) + (Structural.Contains(c.Op) ? 0 : 1),
        Let l => Expr(l.Value) + Expr(l.Body),
        Ramp or Broadcast => 0,
        _ => 0, // Var, constants, BufferLoad (indices are address arithmetic, not counted)
    };
}
