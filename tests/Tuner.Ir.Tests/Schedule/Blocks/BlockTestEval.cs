namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>
/// A small reference evaluator for the block-primitive tests (until Tuner.Ir.Interp lands on main): runs a PrimFunc
/// on NDArrays, with TVM's block semantics (init when every reduce iter var is at its minimum, predicates), bounds
/// checks on every access, and intermediate float buffers filled with NaN so reading an unwritten element shows.
/// </summary>
internal sealed class BlockTestEval
{
    private readonly Dictionary<Var, double> _env = [];
    private readonly Dictionary<Buffer, NDArray> _bufs = [];

    public static void Run(PrimFunc f, IReadOnlyList<NDArray> args)
    {
        var ev = new BlockTestEval();
        var bufs = f.ParamBuffers.ToList();
        for (int i = 0; i < bufs.Count; i++) ev._bufs[bufs[i]] = args[i];
        ev.Exec(f.Body);
    }

    private void Exec(Stmt s)
    {
        switch (s)
        {
            case SeqStmt q: foreach (var x in q.Stmts) Exec(x); break;
            case For f:
                long min = (long)Eval(f.Min), ext = (long)Eval(f.Extent);
                for (long i = min; i < min + ext; i++) { _env[f.LoopVar] = i; Exec(f.Body); }
                _env.Remove(f.LoopVar);
                break;
            case BlockRealize br:
                if (Eval(br.Predicate) == 0) break;
                var b = br.Block;
                var vals = br.IterValues.Select(Eval).ToList();
                for (int i = 0; i < vals.Count; i++)
                {
                    var iv = b.IterVars[i];
                    long lo = (long)Eval(iv.Dom.Min), hi = lo + (long)Eval(iv.Dom.Extent);
                    if (vals[i] < lo || vals[i] >= hi) throw new InvalidOperationException($"block {b.Name}: {iv.Var.Name}={vals[i]} outside [{lo}, {hi})");
                    _env[iv.Var] = vals[i];
                }
                foreach (var a in b.AllocBuffers)
                {
                    var arr = NDArray.ForBuffer(a);
                    if (a.Dtype.IsFloat) for (long k = 0; k < arr.Size; k++) arr.SetDouble(k, double.NaN);
                    _bufs[a] = arr;
                }
                bool atInit = b.IterVars.Select((iv, i) => (iv, i)).Where(t => t.iv.Kind == IterKind.Reduce)
                    .All(t => vals[t.i] == Eval(t.iv.Dom.Min));
                if (b.Init is not null && atInit) Exec(b.Init);
                Exec(b.Body);
                break;
            case BufferStore st:
                var arrS = _bufs[st.Buffer];
                long off = Offset(st.Buffer, st.Indices);
                double v = Eval(st.Value);
                if (st.Buffer.Dtype.IsFloat) arrS.SetDouble(off, st.Buffer.Dtype.Bits == 32 ? (float)v : v); else arrS.SetLong(off, (long)v);
                break;
            case IfThenElse ite:
                if (Eval(ite.Condition) != 0) Exec(ite.Then); else if (ite.Else is not null) Exec(ite.Else);
                break;
            default: throw new NotSupportedException(s.GetType().Name);
        }
    }

    private long Offset(Buffer b, Seq<Expr> idx)
    {
        var shape = b.ConstShape()!;
        long off = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            long i = (long)Eval(idx[d]);
            if (i < 0 || i >= shape[d]) throw new InvalidOperationException($"{b.Name}: index {i} out of bounds in dim {d} (extent {shape[d]})");
            off = off * shape[d] + i;
        }
        return off;
    }

    private double Eval(Expr e)
    {
        switch (e)
        {
            case IntImm i: return i.Value;
            case FloatImm f: return f.Value;
            case Var v: return _env.TryGetValue(v, out var x) ? x : throw new InvalidOperationException($"unbound var {v.Name}");
            case Cast c: { var y = Eval(c.Value); return c.Type.IsFloat ? y : Math.Truncate(y); }
            case Not n: return Eval(n.Value) == 0 ? 1 : 0;
            case Select sel: return Eval(sel.Condition) != 0 ? Eval(sel.TrueValue) : Eval(sel.FalseValue);
            case BufferLoad l:
            {
                var arr = _bufs[l.Buffer];
                long off = Offset(l.Buffer, l.Indices);
                return l.Buffer.Dtype.IsFloat ? arr.GetDouble(off) : arr.GetLong(off);
            }
            case Call c when c.Op == "exp": return Math.Exp(Eval(c.Args[0]));
            case Call c when c.Op == "if_then_else": return Eval(c.Args[0]) != 0 ? Eval(c.Args[1]) : Eval(c.Args[2]);
            case Binary b:
            {
                double a = Eval(b.A), y = Eval(b.B);
                bool isInt = b.A.Dtype.IsIntegral;
                return b.Op switch
                {
                    BinOp.Add => a + y, BinOp.Sub => a - y, BinOp.Mul => a * y,
                    BinOp.Div => isInt ? Math.Truncate(a / y) : a / y,
                    BinOp.Mod => a % y,
                    BinOp.FloorDiv => Math.Floor(a / y),
                    BinOp.FloorMod => a - Math.Floor(a / y) * y,
                    BinOp.Min => Math.Min(a, y), BinOp.Max => Math.Max(a, y),
                    BinOp.EQ => a == y ? 1 : 0, BinOp.NE => a != y ? 1 : 0, BinOp.LT => a < y ? 1 : 0,
                    BinOp.LE => a <= y ? 1 : 0, BinOp.GT => a > y ? 1 : 0, BinOp.GE => a >= y ? 1 : 0,
                    BinOp.And => a != 0 && y != 0 ? 1 : 0, BinOp.Or => a != 0 || y != 0 ? 1 : 0,
                    _ => throw new NotSupportedException(b.Op.ToString()),
                };
            }
            default: throw new NotSupportedException(e.GetType().Name);
        }
    }
}
