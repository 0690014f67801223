using System.Globalization;
using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Script;

/// <summary>
/// Relax functions as TVM v0.23 prints them: signature with struct info (a symbolic dim quoted where the
/// signature defines it), then 'n = T.int64()', R.func_attr, 'cls = Module', dataflow blocks with R.output, return.
/// </summary>
internal sealed partial class Printer
{
    private string _moduleName = "Module";

    public static string PrintRelax(RelaxFuncEntry f)
    {
        var p = new Printer { _indent = 1 };
        p.PrintRelaxFunc(f.Func, f.Name);
        return p._sb.ToString();
    }

    private void PrintRelaxFunc(RelaxFunction f, string name)
    {
        PushFrame();
        Line(f.IsPrivate ? "@R.function(private=True)" : "@R.function");
        var sym = new List<Var>();
        var ps = f.Params.Select(p => $"{Define(p, p.Name)}: {Sinfo(p.Info, sym)}").ToList();
        string ret = Sinfo(f.Ret, sym);
        Line($"def {name}({string.Join(", ", ps)}) -> {ret}:");
        _indent++;
        foreach (var v in sym) Line($"{Define(v, v.Name)} = T.{v.Dtype}()");
        if (!f.Attrs.IsEmpty)
            Line("R.func_attr({" + string.Join(", ", f.Attrs.Select(kv => $"{PyFormat.Str(kv.Key)}: {RelaxAttrValue(kv.Value)}")) + "})");
        if (UsesGlobals(f)) Line($"cls = {_moduleName}");
        foreach (var b in f.Blocks)
        {
            if (!b.IsDataflow) { foreach (var x in b.Bindings) PrintBinding(x); continue; }
            Line("with R.dataflow():");
            _indent++;
            foreach (var x in b.Bindings) PrintBinding(x);
            var outs = b.Bindings.Where(x => !x.Var.IsDataflow).Select(x => NameOfR(x.Var)).ToList();
            Line($"R.output({string.Join(", ", outs)})");
            _indent--;
        }
        Line($"return {RExprText(f.Body)}");
        _indent--;
        PopFrame();
    }

    private static bool UsesGlobals(RelaxFunction f) =>
        f.Bindings.Any(b => b.Value is RCall { Callee: not null } or RCall { IsCallTir: true });

    private void PrintBinding(Binding b)
    {
        var value = RExprText(b.Value);
        Line($"{Define(b.Var, b.Var.Name)} = {value}");
    }

    private string NameOfR(RVar v) => _names.TryGetValue(v, out var n) ? n : v.Name;

    private static string RelaxAttrValue(Expr e) => e switch
    {
        IntImm { Type.IsBool: true } b => b.Value != 0 ? "True" : "False",
        IntImm i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatImm f => PyFormat.TvmFloat(f.Value),
        StringImm s => PyFormat.Str(s.Value),
        _ => e.ToString() ?? "",
    };

    /// <summary>Struct info; when <paramref name="sig"/> is given, symbolic dims not yet seen are quoted and collected.</summary>
    private string Sinfo(StructInfo s, List<Var>? sig = null) => s switch
    {
        TensorStructInfo t => TensorSinfo(t, sig),
        TupleStructInfo t => $"R.Tuple({string.Join(", ", t.Fields.Select(x => Sinfo(x, sig)))})",
        ShapeStructInfo sh => $"R.Shape([{string.Join(", ", sh.Values.Select(d => Dim(d, sig)))}])",
        PrimStructInfo p => $"R.Prim(\"{p.Dtype}\")",
        _ => "R.Object",
    };

    private string TensorSinfo(TensorStructInfo t, List<Var>? sig)
    {
        var parts = new List<string>();
        if (t.Shape is { } shape)
            parts.Add("(" + string.Join(", ", shape.Select(d => Dim(d, sig))) + (shape.Count == 1 ? ",)" : ")"));
        if (t.Dtype != DataType.Void) parts.Add($"dtype=\"{t.Dtype}\"");
        if (t.Shape is null && t.Ndim >= 0) parts.Add($"ndim={t.Ndim}");
        return $"R.Tensor({string.Join(", ", parts)})";
    }

    private string Dim(Expr d, List<Var>? sig)
    {
        if (d is IntImm i) return i.Value.ToString(CultureInfo.InvariantCulture);
        if (d is Var v && sig is not null && !IsDefined(v))
        {
            if (!sig.Contains(v)) sig.Add(v);
            return PyFormat.Str(v.Name);
        }
        return d is Var v2 ? NameOf(v2) : Ex(d);
    }

    private string RExprText(RExpr e) => e switch
    {
        RVar v => NameOfR(v),
        GlobalVarRef g => $"cls.{g.Name}",
        RConstant c => $"R.const({(c.Dtype.IsFloat ? PyFormat.Float(c.Value) : ((long)c.Value).ToString(CultureInfo.InvariantCulture))}, \"{c.Dtype}\")",
        ShapeExpr s => $"R.shape([{string.Join(", ", s.Values.Select(d => Dim(d, null)))}])",
        RTuple t => t.Fields.Count == 1 ? $"({RExprText(t.Fields[0])},)" : $"({string.Join(", ", t.Fields.Select(RExprText))})",
        TupleGetItem g => $"{RExprText(g.Tuple)}[{g.Index}]",
        RCall c => CallText(c),
        _ => throw new InvalidOperationException($"cannot print {e.GetType().Name}"),
    };

    private string CallText(RCall c)
    {
        if (c.IsCallTir)
        {
            string outs = c.SinfoArgs.Count == 1 && c.Info is not TupleStructInfo
                ? Sinfo(c.SinfoArgs[0])
                : "[" + string.Join(", ", c.SinfoArgs.Select(s => Sinfo(s))) + "]";
            return $"R.call_tir(cls.{c.TirName}, {RExprText(c.Args[1])}, out_sinfo={outs})";
        }
        if (c.Callee is { } g) return $"cls.{g.Name}({string.Join(", ", c.Args.Select(RExprText))})";
        var op = OpRegistry.Get(c.Op);
        var parts = c.Args.Select(RExprText).ToList();
        foreach (var (k, v) in c.Attrs.Items)
        {
            var spec = op.Attrs.First(a => a.Name == k);
            if (spec.Kind == AttrKind.Shape) parts.Add($"R.shape([{string.Join(", ", ((Seq<Expr>)v!).Select(d => Dim(d, null)))}])");
            else parts.Add($"{k}={OpAttrText(v)}");
        }
        return $"{op.Script}({string.Join(", ", parts)})";
    }

    private static string OpAttrText(object? v) => v switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyFormat.TvmFloat(d),
        string s => PyFormat.Str(s),
        Seq<long> xs => "[" + string.Join(", ", xs.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]",
        _ => v.ToString() ?? "",
    };
}
