using Tuner.Ir.Relax.Legalize;
using Tuner.Ir.Relax.Ops;
using Tuner.Ir.Script;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>
/// TVM's relax.transform.LegalizeOps: every operator call becomes <c>R.call_tir</c> of a PrimFunc that computes it
/// (TOPI's computation, block and buffer names). Calls with the same legal function share one PrimFunc, named
/// after the operator (add, add1, ... for further signatures).
/// </summary>
public static class LegalizeOps
{
    public static IRModule Run(IRModule m)
    {
        var used = m.Functions.Select(f => f.Name).ToHashSet();
        var byText = new Dictionary<string, string>();
        var added = new List<ModuleFunc>();
        var funcs = new List<ModuleFunc>();
        foreach (var entry in m.Functions)
        {
            if (entry is not RelaxFuncEntry r) { funcs.Add(entry); continue; }
            var f = RelaxModule.MapBindings(r.Func, b => b.Value is RCall { Callee: null, IsCallTir: false } c && OpRegistry.ByName(c.Op) is not null
                ? Legalize(c, b, r.Name, used, byText, added)
                : b.Value);
            funcs.Add(r with { Func = f });
        }
        return RelaxModule.Sorted(m with { Functions = funcs.Concat(added).ToSeq() });
    }

    private static RCall Legalize(RCall c, Binding b, string fname, ISet<string> used, Dictionary<string, string> byText, List<ModuleFunc> added)
    {
        LegalFunc lf;
        try { lf = Legalizer.For(c); }
        catch (RelaxTypeException e) { throw new RelaxPassException($"LegalizeOps: {fname}: {b.Var.Name} = {e.Message}", b); }
        var key = lf.Text("legal_func");
        if (!byText.TryGetValue(key, out var name))
        {
            name = RelaxModule.Fresh(lf.NameHint, used);
            byText[key] = name;
            added.Add(new PrimFuncEntry(name, TvmScript.ParseFunc(lf.Text(name), $"<legalized {name}>")));
        }
        var args = lf.TensorArgs.Map(i => c.Args[i]);
        return new RCall(RCall.CallTir, [new GlobalVarRef(name), new RTuple(args)], OpAttrs.Empty, [c.Info], c.Info);
    }
}
