namespace Tuner.Ir.Interp;

/// <summary>
/// Blocks with TVM's semantics: iter values are evaluated and bound to the iter vars, the block is skipped where
/// the predicate (T.where) is false, each bound value must lie in its iter var's domain, alloc_buffers are fresh
/// (poisoned) at every entry, and Init runs when every reduce iter var is at its domain minimum.
/// Declared read/write regions are not checked.
/// </summary>
internal sealed partial class Compiler
{
    private Action<Env> Realize(BlockRealize br)
    {
        var block = br.Block;
        var ivs = block.IterVars;
        if (br.IterValues.Count != ivs.Count)
            throw new InterpreterException($"block {block.Name} has {ivs.Count} iter vars but {br.IterValues.Count} iter values");

        // Everything here is evaluated in the enclosing scope, before the iter vars are bound.
        var values = new Func<Env, long>[ivs.Count];
        var mins = new Func<Env, long>[ivs.Count];
        var exts = new Func<Env, long>[ivs.Count];
        for (int k = 0; k < ivs.Count; k++)
        {
            var v = ivs[k].Var;
            if (!v.Type.IsIntegral || !v.Type.IsScalar) throw new InterpreterException($"block {block.Name}: iter var {v.Name} has type {v.Type}");
            values[k] = IAs(br.IterValues[k], 0, v.Type);
            mins[k] = IAs(ivs[k].Dom.Min, 0, v.Type);
            exts[k] = IAs(ivs[k].Dom.Extent, 0, v.Type);
        }
        var pred = br.Predicate is IntImm { Value: not 0 } ? null : Cond(br.Predicate, 0);
        var allocs = block.AllocBuffers.Select(Allocator).ToArray();

        var slots = new int[ivs.Count];
        var saved = new (Var, int, bool)[ivs.Count];
        for (int k = 0; k < ivs.Count; k++) saved[k] = BindVar(ivs[k].Var, out slots[k]);
        var bufSlots = block.AllocBuffers.Select(BindBuffer).ToArray();
        var reduce = Enumerable.Range(0, ivs.Count).Where(k => ivs[k].Kind == IterKind.Reduce).ToArray();
        var outerRegions = EnterRegions(block);
        var init = block.Init is null ? null : S(block.Init);
        var body = S(block.Body);
        _regions = outerRegions;
        foreach (var b in block.AllocBuffers) ReleaseBuffer(b);
        for (int k = ivs.Count - 1; k >= 0; k--) Restore(saved[k]);

        string name = block.Name;
        var names = ivs.Select(iv => iv.Var.Name).ToArray();
        int n = ivs.Count;
        var constMin = ConstBounds(ivs.Select(iv => iv.Dom.Min));
        var constExt = ConstBounds(ivs.Select(iv => iv.Dom.Extent));

        // Fast path for the usual block: iter values are loop variables, domains constant, no scratch buffers.
        if (constMin is not null && constExt is not null && allocs.Length == 0
            && br.IterValues.All(v => v is Var { Type.Lanes: 1 } x && IsBound(x)))
        {
            var src = br.IterValues.Select(v => VarSlot((Var)v, 0)).ToArray();
            return env =>
            {
                if (pred is not null && pred(env) == 0) return;
                var iv = env.I;
                for (int k = 0; k < src.Length; k++)
                {
                    long v = iv[src[k]];
                    if ((ulong)(v - constMin[k]) >= (ulong)constExt[k])
                        throw new InterpreterException($"block {name}: iter var {names[k]} = {v} is outside its domain [{constMin[k]}, {constMin[k] + constExt[k]})");
                    iv[slots[k]] = v;
                }
                if (init is not null)
                {
                    bool first = true;
                    foreach (int k in reduce)
                        if (iv[slots[k]] != constMin[k]) { first = false; break; }
                    if (first) init(env);
                }
                body(env);
            };
        }

        return env =>
        {
            if (pred is not null && pred(env) == 0) return;
            var iv = env.I;
            Span<long> vals = stackalloc long[n];
            for (int k = 0; k < n; k++) vals[k] = values[k](env);
            for (int k = 0; k < n; k++)
            {
                long lo = constMin is null ? mins[k](env) : constMin[k];
                long ext = constExt is null ? exts[k](env) : constExt[k];
                if (vals[k] < lo || vals[k] - lo >= ext)
                    throw new InterpreterException($"block {name}: iter var {names[k]} = {vals[k]} is outside its domain [{lo}, {lo + ext})");
            }
            for (int k = 0; k < n; k++) iv[slots[k]] = vals[k];
            for (int k = 0; k < allocs.Length; k++) env.B[bufSlots[k]] = allocs[k](env);
            if (init is not null)
            {
                bool first = true;
                foreach (int k in reduce)
                {
                    long lo = constMin is null ? mins[k](env) : constMin[k];
                    if (vals[k] != lo) { first = false; break; }
                }
                if (first) init(env);
            }
            body(env);
        };
    }

    /// <summary>The values of expressions that are all constants, or null (then the closures are evaluated at run time).</summary>
    private static long[]? ConstBounds(IEnumerable<Expr> exprs)
    {
        var r = exprs.Select(ConstInt).ToArray();
        return r.All(x => x.HasValue) ? r.Select(x => x!.Value).ToArray() : null;
    }
}
