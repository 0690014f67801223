namespace Tuner.Ir.Interp;

/// <summary>
/// Turns a PrimFunc into closures over an <see cref="Env"/> once, so execution does not re-walk the tree:
/// integer/bool expressions become <c>Func&lt;Env, long&gt;</c>, float expressions <c>Func&lt;Env, double&gt;</c>,
/// statements <c>Action&lt;Env&gt;</c>. Vector expressions (Ramp/Broadcast) are compiled lane by lane.
/// This file holds the scopes: which variable and buffer lives in which slot while a subtree is compiled.
/// </summary>
internal sealed partial class Compiler(InterpreterOptions options)
{
    private readonly Dictionary<Var, int> _vars = new();
    private readonly Dictionary<Buffer, int> _buffers = new();
    private readonly HashSet<Buffer> _liveBuffers = new();
    private int _intSlots, _floatSlots, _bufferSlots;

    public int IntSlots => _intSlots;
    public int FloatSlots => _floatSlots;
    public int BufferSlots => _bufferSlots;

    /// <summary>Gives <paramref name="v"/> fresh slots (one per lane) for the duration of a scope; returns the previous binding to restore.</summary>
    private (Var Var, int Prev, bool Had) BindVar(Var v, out int slot)
    {
        bool had = _vars.TryGetValue(v, out int prev);
        if (v.Type.IsFloat) { slot = _floatSlots; _floatSlots += v.Type.Lanes; }
        else { slot = _intSlots; _intSlots += v.Type.Lanes; }
        _vars[v] = slot;
        return (v, prev, had);
    }

    private void Restore((Var Var, int Prev, bool Had) saved)
    {
        if (saved.Had) _vars[saved.Var] = saved.Prev; else _vars.Remove(saved.Var);
    }

    private bool IsBound(Var v) => _vars.ContainsKey(v);

    private int VarSlot(Var v, int lane)
    {
        if (!_vars.TryGetValue(v, out int s))
            throw new InterpreterException($"variable {v.Name} ({v.Type}) is used where it is not bound");
        return s + (v.Type.Lanes == 1 ? 0 : lane);
    }

    /// <summary>Puts a buffer in scope (function parameter, block alloc_buffer, Allocate); a buffer keeps its slot.</summary>
    private int BindBuffer(Buffer b)
    {
        if (!b.Dtype.IsScalar) throw new InterpreterException($"buffer {b.Name}: vector element type {b.Dtype} is not supported");
        if (b.Dtype.IsHandle) throw new InterpreterException($"buffer {b.Name}: element type {b.Dtype} cannot be interpreted");
        if (!_liveBuffers.Add(b)) throw new InterpreterException($"buffer {b.Name} is allocated again inside its own scope");
        if (_buffers.TryGetValue(b, out int s)) return s;
        s = _bufferSlots++;
        _buffers[b] = s;
        return s;
    }

    /// <summary>Ends the scope of a buffer bound by <see cref="BindBuffer"/>.</summary>
    private void ReleaseBuffer(Buffer b) => _liveBuffers.Remove(b);

    private int BufferSlot(Buffer b) =>
        _liveBuffers.Contains(b) ? _buffers[b]
        : throw new InterpreterException($"buffer {b.Name} is accessed but is neither a parameter nor allocated by an enclosing block or Allocate");

    /// <summary>Evaluates a constant integer expression at compile time, or null.</summary>
    private static long? ConstInt(Expr e) => e is IntImm c ? c.Value : null;

    private static Func<Env, long[]> Shape(IReadOnlyList<Func<Env, long>> dims) => env =>
    {
        var s = new long[dims.Count];
        for (int d = 0; d < s.Length; d++) s[d] = dims[d](env);
        return s;
    };
}
