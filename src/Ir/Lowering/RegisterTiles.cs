using Tuner.Ir.Targets;

namespace Tuner.Ir.Lowering;

/// <summary>
/// Keeps a small allocated buffer — a register tile such as the 4×64 accumulator of a cache write — in vector
/// registers. gcc does not promote a local array to registers when its indices become constant only through its
/// own unrolling (<c>#pragma GCC unroll</c>) and omp-simd vectorization: its store motion and SRA run before those,
/// so the accumulator is loaded, updated and stored on every k step (54 vs 153 GFLOP/s at GMM 1024³, 1 thread).
/// This pass does the unrolling and vectorizing itself for each loop nest whose loops index such a buffer: a loop
/// whose variable occurs in the buffer's index (and every Unrolled loop inside it) is unrolled textually, the
/// innermost such loop is vectorized into Ramp/Broadcast expressions in chunks of one register
/// (<see cref="VectorWidth"/>). Afterwards every access of the buffer has a constant, aligned, stride-1 vector
/// index, and the C generator declares one vector variable per register instead of the array.
/// Before: <c>allocate C_local[256] { for k: for i1 in T.unroll(4): for j1 in T.vectorized(64):
/// C_local[i1*64 + j1] += A[i1*1024 + k] * B_p[k*64 + j1] }</c>.
/// After (16 lanes): <c>for k: C_local[ramp(0, 1, 16)] = C_local[ramp(0, 1, 16)] + broadcast(A[k], 16) *
/// B_p[ramp(k*64, 1, 16)]; ... C_local[ramp(240, 1, 16)] = ...</c> (16 vector statements, k stays a loop).
/// Applies only when (else the buffer and its loops stay as they are, for the omp-simd path): the buffer has a
/// constant size of at most <see cref="MaxBytes"/>; every loop to expand has constant bounds and is serial,
/// unrolled or vectorized; inside an expanded loop every loop indexes the buffer or is marked unrolled; the
/// innermost loop indexes it with stride 1, and its body holds stores (and ifs on conditions that do not depend on
/// it) of + − × ÷, casts and loads with stride 0 or 1; a loop not marked vectorized is vectorized only when its
/// body is one store whose buffer is read at the stored index only (and, without <c>tir.noalias</c>, no other
/// parameter is read); an expansion has at most <see cref="MaxStatements"/> statements; and in the end every
/// access of the buffer is a vector of the same width. Runs on flat, simplified IR (after <see cref="Simplify"/>).
/// </summary>
public sealed class RegisterTiles(int? vectorBytes = null) : ILoweringPass
{
    /// <summary>Largest buffer promoted: 64 AVX-512 registers' worth (a tile larger than the register file spills
    /// some variables, still cheaper than an array in memory).</summary>
    public const long MaxBytes = 4096;

    /// <summary>Largest number of statements one expanded loop nest may produce (compile time).</summary>
    public const int MaxStatements = 512;

    public string Name => "RegisterTiles";

    public PrimFunc Apply(PrimFunc func)
    {
        int bytes = vectorBytes ?? VectorWidth.Bytes(Target.Current);
        bool noalias = func.Attrs["tir.noalias"] is IntImm { Value: not 0 };
        var allocated = new HashSet<Buffer>();
        NodeWalker.Walk(func.Body, onStmt: s => { if (s is Allocate a) allocated.Add(a.Buffer); });
        return PassUtil.WithBody(func, new Rewriter(bytes, noalias, allocated).VisitStmt(func.Body));
    }

    /// <summary>
    /// The widest vector of a register tile (see <see cref="RegisterSlots"/>), or null when the buffer is not one.
    /// </summary>
    public static int? RegisterLanes(Buffer buf, Stmt scope) => RegisterSlots(buf, scope)?.Values.Max();

    /// <summary>
    /// The register slots of a buffer every access of which (in <paramref name="scope"/>) has a constant index
    /// <c>ramp(b, 1, lanes)</c> inside the buffer, lanes ≥ 2, where each base b always comes with the same lanes and
    /// no two slots overlap: base → lanes. Else null. Such a buffer needs no memory: the C generator gives each slot
    /// its own vector variable (a slot of 14 lanes is a 16-lane register with two unused lanes).
    /// </summary>
    public static IReadOnlyDictionary<long, int>? RegisterSlots(Buffer buf, Stmt scope)
    {
        if (buf.Rank != 1 || buf.Shape[0] is not IntImm { Value: var size }) return null;
        var slots = new SortedDictionary<long, int>();
        bool ok = true;
        void Check(Seq<Expr> idx)
        {
            if (idx.Count == 1 && idx[0] is Ramp { Base: IntImm b, Stride: IntImm { Value: 1 }, Lanes: var l }
                && l > 1 && b.Value >= 0 && b.Value + l <= size && (!slots.TryGetValue(b.Value, out var had) || had == l))
                slots[b.Value] = l;
            else
                ok = false;
        }
        NodeWalker.Walk(scope,
            onStmt: s => { if (s is BufferStore st && ReferenceEquals(st.Buffer, buf)) Check(st.Indices); },
            onExpr: e => { if (e is BufferLoad l && ReferenceEquals(l.Buffer, buf)) Check(l.Indices); });
        if (!ok || slots.Count == 0) return null;
        long end = long.MinValue;
        foreach (var (b, l) in slots)
        {
            if (b < end) return null; // overlapping slots would be two registers for one element
            end = b + l;
        }
        return slots;
    }

    private sealed class Rewriter(int vectorBytes, bool noalias, IReadOnlySet<Buffer> allocated) : IrRewriter
    {
        public override Stmt VisitAllocate(Allocate a)
        {
            var v = (Allocate)base.VisitAllocate(a);
            var buf = v.Buffer;
            if (buf.Rank != 1 || buf.Shape[0] is not IntImm { Value: var n } || n * buf.Dtype.Bytes > MaxBytes) return v;
            if (!buf.Dtype.IsScalar || !TileExpander.IsVectorizable(buf.Dtype)) return v;
            int lanes = vectorBytes / buf.Dtype.Bytes;
            if (lanes < 2) return v;
            var body = new TileExpander(buf, lanes, noalias, allocated).Rewrite(v.Body);
            return body is not null && RegisterSlots(buf, body) is not null ? v with { Body = body } : v;
        }
    }
}
