using Tuner.Ir.Analysis;
using Tuner.Ir.Interp;
using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule.Support;

/// <summary>Checks shared by the primitive tests: results preserved, trace JSON round trip and replay.</summary>
internal static class ScheduleAssert
{
    /// <summary>The scheduled function computes the same outputs as the original on seeded random inputs (interpreter; relative tolerance 1e-5).</summary>
    public static void SameResults(PrimFunc original, PrimFunc scheduled, int seed = 7)
    {
        var x = TestFuncs.RandomArgs(original, seed);
        var y = x.Select(a => a.Clone()).ToList();
        // Region checks too: every access must stay inside the regions its block declares.
        Interpreter.Run(original, x, new InterpreterOptions(CheckRegions: true));
        Interpreter.Run(scheduled, y, new InterpreterOptions(CheckRegions: true));
        for (int i = 0; i < x.Count; i++)
            for (long k = 0; k < x[i].Size; k++)
            {
                double a = x[i].GetDouble(k), b = y[i].GetDouble(k);
                Assert.True(Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)), $"arg {i} element {k}: {a} vs {b}");
            }
    }

    /// <summary>The trace survives ToJson → FromJson → ToJson unchanged and replays on the original to the same IR.</summary>
    public static void TraceRoundTrips(PrimFunc original, TracedSchedule sch)
    {
        var json = sch.Trace.ToJson();
        var back = Trace.FromJson(json);
        Assert.Equal(json, back.ToJson());
        var replay = new Sched(original, seed: 1);
        back.ApplyTo(replay);
        Assert.True(StructuralEqual.Equal(sch.Func, replay.Func), $"replayed function differs:\n{IrText.Of(sch.Func)}\n{IrText.Of(replay.Func)}");
        Assert.Empty(Verifier.Verify(replay.Func));
    }
}

/// <summary>
/// A canonical text of a function with bound variables and buffers numbered by first occurrence (readable
/// failure messages; equality itself is <see cref="StructuralEqual"/>).
/// </summary>
internal static class IrText
{
    public static string Of(PrimFunc f)
    {
        var names = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        string Name(object o, string hint) => names.TryGetValue(o, out var n) ? n : names[o] = $"{hint}#{names.Count}";
        var sb = new System.Text.StringBuilder();
        foreach (var (p, b) in f.BufferMap) sb.Append(Name(b, b.Name)).Append(' ');
        void E(Expr e)
        {
            switch (e)
            {
                case Var v: sb.Append(Name(v, v.Name)); break;
                case IntImm i: sb.Append(i.Value).Append(':').Append(i.Dtype); break;
                case FloatImm x: sb.Append(x.Value).Append('f'); break;
                case StringImm s: sb.Append('"').Append(s.Value).Append('"'); break;
                case Binary b: sb.Append('(').Append(b.Op).Append(' '); E(b.A); sb.Append(' '); E(b.B); sb.Append(')'); break;
                case BufferLoad l: sb.Append(Name(l.Buffer, l.Buffer.Name)).Append('['); foreach (var i in l.Indices) { E(i); sb.Append(','); } sb.Append(']'); break;
                default: sb.Append(e.GetType().Name); break;
            }
        }
        void Attrs(Attrs a) { foreach (var (k, v) in a) { sb.Append(k).Append('='); E(v); sb.Append(';'); } }
        void S(Stmt s)
        {
            switch (s)
            {
                case For fo: sb.Append("for ").Append(Name(fo.LoopVar, fo.LoopVar.Name)).Append(' '); E(fo.Min); sb.Append(' '); E(fo.Extent);
                    sb.Append(' ').Append(fo.Kind).Append(' ').Append(fo.ThreadTag); Attrs(fo.Annotations); sb.Append(" {"); S(fo.Body); sb.Append('}'); break;
                case BlockRealize br:
                    sb.Append("block ").Append(br.Block.Name).Append(" where "); E(br.Predicate);
                    for (int i = 0; i < br.Block.IterVars.Count; i++)
                    {
                        var iv = br.Block.IterVars[i];
                        sb.Append(' ').Append(Name(iv.Var, iv.Var.Name)).Append(':').Append(iv.Kind).Append('='); E(br.IterValues[i]);
                    }
                    foreach (var a in br.Block.AllocBuffers) sb.Append(" alloc ").Append(Name(a, a.Name));
                    Attrs(br.Block.Annotations);
                    if (br.Block.Init is not null) { sb.Append(" init {"); S(br.Block.Init); sb.Append('}'); }
                    sb.Append(" {"); S(br.Block.Body); sb.Append('}'); break;
                case SeqStmt q: foreach (var x in q.Stmts) { S(x); sb.Append(';'); } break;
                case BufferStore st: sb.Append(Name(st.Buffer, st.Buffer.Name)).Append('['); foreach (var i in st.Indices) { E(i); sb.Append(','); } sb.Append("] = "); E(st.Value); break;
                default: sb.Append(s.GetType().Name); break;
            }
        }
        S(f.Body);
        return sb.ToString();
    }

    /// <summary>A readable one-expression text: loop/iter var names as written, a+b, a*b, a // b, a % b, a &lt; b.</summary>
    public static string Expr(Expr e) => e switch
    {
        Var v => v.Name,
        IntImm i => i.Dtype.IsBool ? (i.Value != 0 ? "True" : "False") : i.Value.ToString(),
        Binary b => $"{Wrap(b.A)} {Op(b.Op)} {Wrap(b.B)}",
        _ => e.ToString() ?? "",
    };

    private static string Wrap(Expr e) => e is Binary ? "(" + Expr(e) + ")" : Expr(e);

    private static string Op(BinOp op) => op switch
    {
        BinOp.Add => "+", BinOp.Sub => "-", BinOp.Mul => "*", BinOp.FloorDiv => "//", BinOp.FloorMod => "%",
        BinOp.LT => "<", BinOp.And => "and", _ => op.ToString(),
    };
}
