using Tuner.Ir.Lowering;

namespace Tuner.Ir.CodeGen;

/// <summary>
/// Vector rules (the output of <see cref="RegisterTiles"/>): GCC vector extensions. A register tile — an allocated
/// buffer accessed only at constant, aligned <c>ramp(b, 1, lanes)</c> indices — becomes one vector variable per
/// slot (<c>tnr_f32x16 C_local_0;</c>), which gcc keeps in registers; other vector loads and stores go through
/// memcpy helpers (unaligned), a broadcast through a helper, arithmetic is the C operator on vector values.
/// </summary>
public sealed partial class CodeGenC
{
    private readonly Dictionary<Buffer, Dictionary<long, string>> _tiles = [];

    /// <summary>Declares the variables of a register tile and emits its scope; false when the buffer is not one.</summary>
    private bool TryEmitRegisterTile(Allocate a)
    {
        if (RegisterTiles.RegisterSlots(a.Buffer, a.Body) is not { } slots) return false;
        var names = new Dictionary<long, string>();
        int n = 0;
        foreach (var (k, lanes) in slots)
        {
            names[k] = Fresh($"{a.Buffer.Name}_{n++}");
            Line($"{Vector(a.Buffer.Dtype.WithLanes(lanes))} {names[k]};");
        }
        _tiles[a.Buffer] = names;
        EmitStmt(a.Body);
        return true;
    }

    private static long SlotOf(Seq<Expr> idx) => ((IntImm)((Ramp)idx[0]).Base).Value;

    private string? TileVar(Buffer b, Seq<Expr> idx) => _tiles.TryGetValue(b, out var tile) ? tile[SlotOf(idx)] : null;

    /// <summary>The typedef name of a vector type, registering the typedef with the prelude.</summary>
    private string Vector(DataType t)
    {
        _helpers.Add("tnr_vtype_" + CTypes.Suffix(t));
        return CTypes.Vector(t);
    }

    private string VectorHelper(string kind, DataType t)
    {
        Vector(t);
        string name = $"tnr_{kind}_{CTypes.Suffix(t)}";
        _helpers.Add(name);
        return name;
    }

    private string EmitLoad(BufferLoad l)
    {
        if (TileVar(l.Buffer, l.Indices) is { } v) return v;
        if (l.Indices.Count == 1 && l.Indices[0] is Ramp r)
            return $"{VectorHelper("vload", l.Dtype)}(&{BufRef(l.Buffer)}[{ContiguousBase(r)}])";
        return $"{BufRef(l.Buffer)}[{FlatIndex(l.Buffer, l.Indices)}]";
    }

    private void EmitStore(BufferStore st)
    {
        if (TileVar(st.Buffer, st.Indices) is { } v) { Line($"{v} = {Expr(st.Value)};"); return; }
        if (st.Indices.Count == 1 && st.Indices[0] is Ramp r)
        {
            Line($"{VectorHelper("vstore", st.Value.Dtype)}(&{BufRef(st.Buffer)}[{ContiguousBase(r)}], {Expr(st.Value)});");
            return;
        }
        Line($"{BufRef(st.Buffer)}[{FlatIndex(st.Buffer, st.Indices)}] = {Expr(st.Value)};");
    }

    private string ContiguousBase(Ramp r) => r.Stride is IntImm { Value: 1 } ? Expr(r.Base)
        : throw new NotSupportedException($"strided vector access (stride {r.Stride}); only contiguous vectors are generated");

    private string EmitBroadcast(Broadcast b) => $"{VectorHelper("vbcast", b.Dtype)}({Expr(b.Value)})";

    private string EmitVectorBinary(Binary b)
    {
        if (b.Op is BinOp.Min or BinOp.Max)
            return $"{VectorHelper(b.Op == BinOp.Min ? "vmin" : "vmax", b.Dtype)}({Expr(b.A)}, {Expr(b.B)})";
        string op = b.Op switch
        {
            BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.Div => "/",
            _ => throw new NotSupportedException($"vector operator {b.Op}"),
        };
        Vector(b.Dtype);
        return $"({Expr(b.A)} {op} {Expr(b.B)})";
    }

    private string EmitVectorCast(Cast c) => $"__builtin_convertvector({Expr(c.Value)}, {Vector(c.Type)})";
}
