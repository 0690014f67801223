namespace Tuner.Ir.Tests.Schedule.Support;

/// <summary>
/// A tiny reference evaluator for the subset of TIR the schedule tests build (loops, blocks with init and predicate,
/// stores, loads, arithmetic), used to check that a schedule preserves results until Tuner.Ir.Interp lands.
/// Floats are computed in double and rounded by the buffer's dtype on store.
/// </summary>
internal static class RefEval
{
    public static void Run(PrimFunc f, IReadOnlyList<NDArray> args)
    {
        var buffers = new Dictionary<Buffer, NDArray>();
        int a = 0;
        foreach (var p in f.Params)
            if (f.BufferOf(p) is { } b) buffers[b] = args[a++];
        new Machine(buffers).Exec(f.Body, new Dictionary<Var, double>());
    }

    private sealed class Machine(Dictionary<Buffer, NDArray> buffers)
    {
        public void Exec(Stmt s, Dictionary<Var, double> env)
        {
            switch (s)
            {
                case SeqStmt q: foreach (var x in q.Stmts) Exec(x, env); break;
                case For f:
                    long min = (long)Eval(f.Min, env), ext = (long)Eval(f.Extent, env);
                    for (long i = min; i < min + ext; i++) { env[f.LoopVar] = i; Exec(f.Body, env); }
                    env.Remove(f.LoopVar);
                    break;
                case BlockRealize br:
                    if (Eval(br.Predicate, env) == 0) break;
                    var b = br.Block;
                    foreach (var buf in b.AllocBuffers) buffers[buf] = NDArray.ForBuffer(buf);
                    for (int i = 0; i < b.IterVars.Count; i++) env[b.IterVars[i].Var] = Eval(br.IterValues[i], env);
                    if (b.Init is not null && b.IterVars.Where(iv => iv.Kind == IterKind.Reduce).All(iv => env[iv.Var] == Eval(iv.Dom.Min, env)))
                        Exec(b.Init, env);
                    Exec(b.Body, env);
                    break;
                case BufferStore st:
                    buffers[st.Buffer].SetDouble(Flat(st.Buffer, st.Indices, env), Eval(st.Value, env));
                    break;
                case IfThenElse ite:
                    if (Eval(ite.Condition, env) != 0) Exec(ite.Then, env); else if (ite.Else is not null) Exec(ite.Else, env);
                    break;
                default: throw new NotSupportedException(s.GetType().Name);
            }
        }

        private long Flat(Buffer b, Seq<Expr> idx, Dictionary<Var, double> env)
        {
            long flat = 0;
            for (int i = 0; i < idx.Count; i++)
            {
                long x = (long)Eval(idx[i], env), extent = E.AsConst(b.Shape[i])!.Value;
                if (x < 0 || x >= extent) throw new IndexOutOfRangeException($"{b.Name}[{x}] out of bounds (extent {extent})");
                flat = flat * extent + x;
            }
            return flat;
        }

        public double Eval(Expr e, Dictionary<Var, double> env) => e switch
        {
            IntImm i => i.Value,
            FloatImm f => f.Value,
            Var v => env.TryGetValue(v, out var x) ? x : throw new KeyNotFoundException($"unbound var {v.Name}"),
            BufferLoad l => buffers[l.Buffer].GetDouble(Flat(l.Buffer, l.Indices, env)),
            Binary b => Bin(b, Eval(b.A, env), Eval(b.B, env)),
            _ => throw new NotSupportedException(e.GetType().Name),
        };

        private static double Bin(Binary b, double x, double y)
        {
            bool isInt = !b.A.Dtype.IsFloat;
            return b.Op switch
            {
                BinOp.Add => x + y,
                BinOp.Sub => x - y,
                BinOp.Mul => x * y,
                BinOp.Div => isInt ? Math.Truncate(x / y) : x / y,
                BinOp.FloorDiv => Math.Floor(x / y),
                BinOp.FloorMod => x - Math.Floor(x / y) * y,
                BinOp.Min => Math.Min(x, y),
                BinOp.Max => Math.Max(x, y),
                BinOp.LT => x < y ? 1 : 0,
                BinOp.LE => x <= y ? 1 : 0,
                BinOp.GT => x > y ? 1 : 0,
                BinOp.GE => x >= y ? 1 : 0,
                BinOp.EQ => x == y ? 1 : 0,
                BinOp.NE => x != y ? 1 : 0,
                BinOp.And => x != 0 && y != 0 ? 1 : 0,
                BinOp.Or => x != 0 || y != 0 ? 1 : 0,
                _ => throw new NotSupportedException(b.Op.ToString()),
            };
        }
    }
}
