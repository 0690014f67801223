using Tuner.Ir.Relax.Transforms;

namespace Tuner.Ir.Relax.Exec;

/// <summary>A failure to run a Relax function: wrong inputs, an unlegalized operator, a kernel error.</summary>
public sealed class RelaxExecException(string message) : Exception(message);

/// <summary>
/// Runs a Relax function of a legalized module (operators already call_tir): parameters bound to the inputs,
/// each binding evaluated in order — call_tir allocates its outputs and calls the kernel runner, a call of a Relax
/// function recurses, tuples and constants are values — and the returned value flattened to its tensors.
/// Symbolic dims are bound from the inputs' shapes.
/// </summary>
public sealed class RelaxExecutor(IRModule module, IKernelRunner kernels)
{
    /// <summary>Runs <paramref name="func"/> on <paramref name="inputs"/> (parameter order); returns the output tensors.</summary>
    public IReadOnlyList<NDArray> Run(IReadOnlyList<NDArray> inputs, string func = "main")
    {
        var f = Lookup(func);
        var outs = new List<NDArray>();
        Flatten(Call(f, func, inputs.Cast<object>().ToList()), outs);
        return outs;
    }

    private RelaxFunction Lookup(string name) =>
        RelaxModule.RelaxFuncs(module).FirstOrDefault(r => r.Name == name)?.Func
        ?? throw new RelaxExecException($"the module has no Relax function '{name}'");

    private static void Flatten(object v, List<NDArray> outs)
    {
        if (v is NDArray a) outs.Add(a);
        else foreach (var x in (IReadOnlyList<object>)v) Flatten(x, outs);
    }

    private object Call(RelaxFunction f, string name, IReadOnlyList<object> args)
    {
        if (args.Count != f.Params.Count)
            throw new RelaxExecException($"{name} takes {f.Params.Count} inputs ({string.Join(", ", f.Params.Select(p => p.Name))}), got {args.Count}");
        var env = new Dictionary<RVar, object>();
        var dims = new Dictionary<Var, long>();
        for (int i = 0; i < args.Count; i++)
        {
            Match(f.Params[i].Info, args[i], dims, $"{name}: input {i + 1} ({f.Params[i].Name})");
            env[f.Params[i]] = args[i];
        }
        foreach (var b in f.Bindings) env[b.Var] = Eval(b.Value, env, dims, $"{name}: {b.Var.Name}");
        return Eval(f.Body, env, dims, $"{name}: return");
    }

    /// <summary>Checks a value against struct info, binding symbolic dims on first sight.</summary>
    private static void Match(StructInfo s, object v, Dictionary<Var, long> dims, string what)
    {
        if (s is TupleStructInfo ts)
        {
            if (v is not IReadOnlyList<object> items || items.Count != ts.Fields.Count) throw new RelaxExecException($"{what}: expected a tuple of {ts.Fields.Count}");
            for (int i = 0; i < items.Count; i++) Match(ts.Fields[i], items[i], dims, what);
            return;
        }
        if (s is not TensorStructInfo t) return;
        if (v is not NDArray a) throw new RelaxExecException($"{what}: expected a tensor");
        if (t.Dtype != DataType.Void && a.Dtype != t.Dtype) throw new RelaxExecException($"{what}: expected dtype {t.Dtype}, got {a.Dtype}");
        if (t.Shape is not { } shape) return;
        bool ok = shape.Count == a.Shape.Length;
        for (int i = 0; ok && i < shape.Count; i++)
        {
            if (shape[i] is IntImm c) ok = c.Value == a.Shape[i];
            else if (shape[i] is Var sv) ok = dims.TryAdd(sv, a.Shape[i]) || dims[sv] == a.Shape[i];
        }
        if (!ok) throw new RelaxExecException($"{what}: expected shape {Ops.Shapes.Text(shape)}, got {NDArray.FormatShape(a.Shape)}");
    }

    private object Eval(RExpr e, Dictionary<RVar, object> env, Dictionary<Var, long> dims, string at)
    {
        switch (e)
        {
            case RVar v:
                return env.TryGetValue(v, out var x) ? x : throw new RelaxExecException($"{at}: '{v.Name}' is not bound");
            case RConstant c:
            {
                var a = new NDArray(c.Dtype, []);
                a.SetDouble(0, c.Value);
                return a;
            }
            case RTuple t:
                return t.Fields.Select(fe => Eval(fe, env, dims, at)).ToList();
            case TupleGetItem g:
                return ((IReadOnlyList<object>)Eval(g.Tuple, env, dims, at))[g.Index];
            case RCall { IsCallTir: true } c:
                return CallTir(c, env, dims, at);
            case RCall { Callee: { } callee } c:
                return Call(Lookup(callee.Name), callee.Name, c.Args.Select(a => Eval(a, env, dims, at)).ToList());
            case RCall c:
                throw new RelaxExecException($"{at}: operator {c.Op} is not legalized (run LegalizeOps first)");
        }
        throw new RelaxExecException($"{at}: cannot evaluate {e.GetType().Name}");
    }

    private object CallTir(RCall c, Dictionary<RVar, object> env, Dictionary<Var, long> dims, string at)
    {
        var name = c.TirName;
        var f = module.Lookup(name) ?? throw new RelaxExecException($"{at}: no PrimFunc '{name}'");
        var args = c.TirArgs.Select(a => Eval(a, env, dims, at)).Cast<NDArray>().ToList();
        var outs = c.SinfoArgs.Select(s => Allocate((TensorStructInfo)s, dims, at)).ToList();
        try { kernels.Run(name, f, [.. args, .. outs]); }
        catch (Exception ex) when (ex is not RelaxExecException) { throw new RelaxExecException($"{at}: {name}: {ex.Message}"); }
        return c.Info is TupleStructInfo ? outs.Cast<object>().ToList() : outs[0];
    }

    private static NDArray Allocate(TensorStructInfo t, Dictionary<Var, long> dims, string at)
    {
        var shape = t.Shape ?? throw new RelaxExecException($"{at}: an output of unknown shape cannot be allocated");
        var s = shape.Select(d => d switch
        {
            IntImm c => c.Value,
            Var v when dims.TryGetValue(v, out var n) => n,
            _ => throw new RelaxExecException($"{at}: output dimension {Ops.Shapes.DimText(d)} is not bound by the inputs"),
        }).ToArray();
        return new NDArray(t.Dtype, s);
    }
}
