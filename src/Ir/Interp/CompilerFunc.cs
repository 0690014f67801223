namespace Tuner.Ir.Interp;

/// <summary>The function level: parameter slots, symbolic shape variables bound from argument shapes, argument checks.</summary>
internal sealed partial class Compiler
{
    /// <summary>How one parameter takes its argument.</summary>
    private abstract record ParamBinder(int Index, string Name);
    private sealed record ScalarParam(int Index, string Name, DataType Type, int Slot) : ParamBinder(Index, Name);
    private sealed record BufferParam(int Index, string Name, Buffer Buffer, int Slot, DimBinder[] Dims, Func<Env, long>[] Strides) : ParamBinder(Index, Name);

    /// <summary>A shape dimension: a constant, the first occurrence of a shape variable (bound from the argument), or an expression checked after binding.</summary>
    private sealed record DimBinder(long? Const, int? BindSlot, Func<Env, long>? Check);

    public ICompiledPrimFunc CompileFunc(PrimFunc f)
    {
        var binders = new List<ParamBinder>();
        // Scalar parameters first: a buffer's shape may use one.
        for (int i = 0; i < f.Params.Count; i++)
        {
            var p = f.Params[i];
            if (f.BufferOf(p) is not null) continue;
            if (p.Type.IsHandle || !p.Type.IsScalar) throw new InterpreterException($"parameter {i} ({p.Name}): a {p.Type} parameter needs a buffer in the buffer map");
            BindVar(p, out int slot);
            binders.Add(new ScalarParam(i, p.Name, p.Type, slot));
        }
        var deferred = new List<(Buffer B, int D, Expr E)>();
        var buffers = new List<(int I, Var P, Buffer B, DimBinder?[] Dims)>();
        for (int i = 0; i < f.Params.Count; i++)
        {
            var p = f.Params[i];
            if (f.BufferOf(p) is not { } b) continue;
            var dims = new DimBinder?[b.Rank];
            for (int d = 0; d < b.Rank; d++)
            {
                var e = b.Shape[d];
                if (e is IntImm c) dims[d] = new DimBinder(c.Value, null, null);
                else if (e is Var v && !IsBound(v))
                {
                    BindVar(v, out int s);
                    dims[d] = new DimBinder(null, s, null);
                }
                else deferred.Add((b, d, e));
            }
            buffers.Add((i, p, b, dims));
        }
        foreach (var (b, d, e) in deferred)
        {
            var dims = buffers.First(x => ReferenceEquals(x.B, b)).Dims;
            dims[d] = new DimBinder(null, null, IAs(e, 0, DataType.Int64));
        }
        foreach (var (i, p, b, dims) in buffers)
        {
            if (b.Strides.Count != 0 && b.Strides.Count != b.Rank)
                throw new InterpreterException($"buffer {b.Name} has {b.Strides.Count} strides for rank {b.Rank}");
            var strides = b.Strides.Select(e => IAs(e, 0, DataType.Int64)).ToArray();
            binders.Add(new BufferParam(i, p.Name, b, BindBuffer(b), dims!, strides));
        }
        binders.Sort((x, y) => x.Index.CompareTo(y.Index));
        var body = S(f.Body);
        return new CompiledPrimFunc(f.Params.Count, binders.ToArray(), body, this);
    }

    /// <summary>Binds the arguments into a fresh environment, checking dtypes and shapes; the message names the parameter.</summary>
    private static Env Bind(int paramCount, ParamBinder[] binders, Compiler c, IReadOnlyList<NDArray> args)
    {
        if (args.Count != paramCount)
            throw new InterpreterException($"the function takes {paramCount} arguments, got {args.Count}");
        var env = new Env(c.IntSlots, c.FloatSlots, c.BufferSlots);
        foreach (var binder in binders)
        {
            var a = args[binder.Index];
            string who = $"argument {binder.Index} ({binder.Name})";
            switch (binder)
            {
                case ScalarParam sp:
                    if (a.Shape.Length != 0 || a.Dtype != sp.Type)
                        throw new InterpreterException($"{who}: expected a 0-d {sp.Type} array, got {a.Dtype}{NDArray.FormatShape(a.Shape)}");
                    if (sp.Type.IsFloat) env.F[sp.Slot] = a.GetDouble(0);
                    else env.I[sp.Slot] = Values.Wrap(sp.Type, a.GetLong(0));
                    break;
                case BufferParam bp:
                    {
                        var b = bp.Buffer;
                        if (a.Dtype != b.Dtype)
                            throw new InterpreterException($"{who}: dtype {a.Dtype} does not match buffer {b.Name} {b.Dtype}");
                        if (a.Shape.Length != b.Rank)
                            throw new InterpreterException($"{who}: shape {NDArray.FormatShape(a.Shape)} does not match buffer {b.Name} {FormatShape(b)}");
                        for (int d = 0; d < b.Rank; d++)
                        {
                            var dim = bp.Dims[d];
                            if (dim.BindSlot is int s) env.I[s] = a.Shape[d];
                            else if (dim.Const is long k && k != a.Shape[d])
                                throw new InterpreterException($"{who}: shape {NDArray.FormatShape(a.Shape)} does not match buffer {b.Name} {FormatShape(b)}");
                        }
                        env.B[bp.Slot] = new BufferData(b.Name, b.Dtype, (long[])a.Shape.Clone(), null, a.Data);
                        break;
                    }
            }
        }
        // Second pass: dimensions given by expressions (or repeated shape variables) once every variable is bound.
        foreach (var bp in binders.OfType<BufferParam>())
        {
            var a = args[bp.Index];
            for (int d = 0; d < bp.Dims.Length; d++)
            {
                if (bp.Dims[d].Check is { } check && check(env) != a.Shape[d])
                    throw new InterpreterException($"argument {bp.Index} ({bp.Name}): shape {NDArray.FormatShape(a.Shape)} does not match buffer {bp.Buffer.Name} {FormatShape(bp.Buffer)}: dimension {d} should be {bp.Buffer.Shape[d]} = {check(env)}");
            }
            if (bp.Strides.Length != 0)
            {
                var dense = BufferData.RowMajor(a.Shape);
                for (int d = 0; d < dense.Length; d++)
                    if (a.Shape[d] > 1 && bp.Strides[d](env) != dense[d])
                        throw new InterpreterException($"argument {bp.Index} ({bp.Name}): buffer {bp.Buffer.Name} has non-compact strides {bp.Buffer.Strides}; arguments are dense C-order arrays");
            }
        }
        return env;
    }

    private static string FormatShape(Buffer b) => ShapeText.Of(b);

    /// <summary>A compiled function: bind the arguments, run the body.</summary>
    private sealed class CompiledPrimFunc(int paramCount, ParamBinder[] binders, Action<Env> body, Compiler compiler) : ICompiledPrimFunc
    {
        public void Run(IReadOnlyList<NDArray> args) => body(Bind(paramCount, binders, compiler, args));
    }
}
