namespace Tuner.Ir.Interp;

/// <summary>Statements: stores, loops (every kind runs sequentially), sequences, conditionals, lets, allocations.</summary>
internal sealed partial class Compiler
{
    public Action<Env> S(Stmt s) => s switch
    {
        BufferStore st => Store(st),
        For f => Loop(f),
        BlockRealize br => Realize(br),
        Block b => throw new InterpreterException($"block {b.Name} appears without a BlockRealize"),
        SeqStmt q => Sequence(q),
        IfThenElse i => If(i),
        LetStmt l => LetS(l),
        Evaluate e => Eval(e),
        Allocate a => Alloc(a),
        _ => throw new InterpreterException($"cannot interpret statement {s.GetType().Name}"),
    };

    /// <summary>Parallel, vectorized, unrolled and thread-bound loops mean the same as serial ones for the result.</summary>
    private Action<Env> Loop(For f)
    {
        var t = f.LoopVar.Type;
        if (!t.IsIntegral || !t.IsScalar) throw new InterpreterException($"loop variable {f.LoopVar.Name} has type {t}");
        var min = IAs(f.Min, 0, t);
        var ext = IAs(f.Extent, 0, t);
        var saved = BindVar(f.LoopVar, out int slot);
        var body = S(f.Body);
        Restore(saved);
        if (ConstInt(f.Min) == 0)
        {
            return env =>
            {
                long n = ext(env);
                var iv = env.I;
                for (long k = 0; k < n; k++) { iv[slot] = k; body(env); }
            };
        }
        return env =>
        {
            long m = min(env), n = ext(env);
            var iv = env.I;
            for (long k = 0; k < n; k++) { iv[slot] = m + k; body(env); }
        };
    }

    private Action<Env> Sequence(SeqStmt q)
    {
        var parts = q.Stmts.Select(S).ToArray();
        return parts.Length switch
        {
            0 => _ => { },
            1 => parts[0],
            2 => Two(parts[0], parts[1]),
            _ => env => { foreach (var p in parts) p(env); },
        };
        static Action<Env> Two(Action<Env> a, Action<Env> b) => env => { a(env); b(env); };
    }

    private Action<Env> If(IfThenElse i)
    {
        if (!i.Condition.Dtype.IsScalar) throw new InterpreterException($"vector condition in if: {ExprText.Of(i.Condition)}");
        var c = Cond(i.Condition, 0);
        var then = S(i.Then);
        if (i.Else is null) return env => { if (c(env) != 0) then(env); };
        var els = S(i.Else);
        return env => { if (c(env) != 0) then(env); else els(env); };
    }

    private Action<Env> LetS(LetStmt l)
    {
        int lanes = l.Var.Type.Lanes;
        var binds = new Func<int, Action<Env>>[lanes];
        for (int k = 0; k < lanes; k++) binds[k] = LetBinding(l.Var, l.Value, k);
        var saved = BindVar(l.Var, out int slot);
        var sets = binds.Select(b => b(slot)).ToArray();
        var body = S(l.Body);
        Restore(saved);
        if (sets.Length == 1)
        {
            var set = sets[0];
            return env => { set(env); body(env); };
        }
        return env => { foreach (var set in sets) set(env); body(env); };
    }

    private Action<Env> Eval(Evaluate e)
    {
        if (e.Value is IntImm) return _ => { };
        int lanes = e.Value.Dtype.Lanes;
        var parts = new Action<Env>[lanes];
        for (int k = 0; k < lanes; k++)
        {
            if (e.Value.Dtype.IsFloat) { var f = F(e.Value, k); parts[k] = env => f(env); }
            else if (e.Value.Dtype == DataType.Void || e.Value.Dtype.IsHandle)
                throw new InterpreterException($"cannot evaluate {e.Value} of type {e.Value.Dtype}");
            else { var x = I(e.Value, k); parts[k] = env => x(env); }
        }
        return lanes == 1 ? parts[0] : env => { foreach (var p in parts) p(env); };
    }

    private Action<Env> Alloc(Allocate a)
    {
        var make = Allocator(a.Buffer);
        int s = BindBuffer(a.Buffer);
        var body = S(a.Body);
        ReleaseBuffer(a.Buffer);
        return env => { env.B[s] = make(env); body(env); };
    }

    /// <summary>Fresh, poisoned memory for a buffer whose shape (and strides) are evaluated at entry of its scope.</summary>
    private Func<Env, BufferData> Allocator(Buffer b)
    {
        if (!b.Dtype.IsScalar || b.Dtype.IsHandle) throw new InterpreterException($"buffer {b.Name}: element type {b.Dtype} cannot be allocated");
        var dims = b.Shape.Select(e => IAs(e, 0, DataType.Int64)).ToArray();
        var strides = b.Strides.Select(e => IAs(e, 0, DataType.Int64)).ToArray();
        if (strides.Length != 0 && strides.Length != dims.Length)
            throw new InterpreterException($"buffer {b.Name} has {strides.Length} strides for rank {dims.Length}");
        var shape = Shape(dims);
        if (strides.Length == 0) return env => BufferData.Fresh(b.Name, b.Dtype, shape(env));
        var str = Shape(strides);
        return env => BufferData.Fresh(b.Name, b.Dtype, shape(env), str(env));
    }
}
