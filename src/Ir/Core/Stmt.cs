namespace Tuner.Ir;

/// <summary>A statement. Immutable records with value equality (variables and buffers by identity).</summary>
public abstract record Stmt;

/// <summary>Loop kinds as TVM prints them: T.serial, T.parallel, T.vectorized, T.unroll, T.thread_binding.</summary>
public enum ForKind { Serial, Parallel, Vectorized, Unrolled, ThreadBinding }

/// <summary>Writes Value to Buffer[Indices].</summary>
public sealed record BufferStore(Buffer Buffer, Expr Value, Seq<Expr> Indices) : Stmt;

/// <summary>
/// for LoopVar in [Min, Min + Extent): Body. ThreadTag is set only for ThreadBinding loops ("threadIdx.x").
/// Annotations hold e.g. "pragma_auto_unroll_max_step".
/// </summary>
public sealed record For(Var LoopVar, Expr Min, Expr Extent, ForKind Kind, Stmt Body, Attrs Annotations, string? ThreadTag = null) : Stmt
{
    public For(Var loopVar, Expr min, Expr extent, ForKind kind, Stmt body)
        : this(loopVar, min, extent, kind, body, Attrs.Empty) { }
}

/// <summary>
/// A block (T.block): a unit of computation with its own iterators, declared read/write regions,
/// an optional reduction init, buffers allocated inside, and annotations (T.block_attr).
/// </summary>
public sealed record Block(
    string Name,
    Seq<IterVar> IterVars,
    Seq<BufferRegion> Reads,
    Seq<BufferRegion> Writes,
    Stmt Body,
    Stmt? Init,
    Seq<Buffer> AllocBuffers,
    Attrs Annotations) : Stmt;

/// <summary>Instantiates a block: binds its iter vars to IterValues, executes only where Predicate holds (T.where).</summary>
public sealed record BlockRealize(Seq<Expr> IterValues, Expr Predicate, Block Block) : Stmt;

/// <summary>Statements in order.</summary>
public sealed record SeqStmt(Seq<Stmt> Stmts) : Stmt
{
    /// <summary>One statement stays itself; nested sequences are flattened.</summary>
    public static Stmt Flatten(IEnumerable<Stmt> stmts)
    {
        var list = new List<Stmt>();
        foreach (var s in stmts)
            if (s is SeqStmt q) list.AddRange(q.Stmts); else list.Add(s);
        return list.Count == 1 ? list[0] : new SeqStmt(list.ToSeq());
    }
}

/// <summary>if Condition: Then else: Else.</summary>
public sealed record IfThenElse(Expr Condition, Stmt Then, Stmt? Else) : Stmt;

/// <summary>Binds Var to Value within Body.</summary>
public sealed record LetStmt(Var Var, Expr Value, Stmt Body) : Stmt;

/// <summary>Evaluates an expression for its effect (a call).</summary>
public sealed record Evaluate(Expr Value) : Stmt;

/// <summary>After lowering: allocates a buffer (local or global scratch) for the duration of Body.</summary>
public sealed record Allocate(Buffer Buffer, Stmt Body) : Stmt;
