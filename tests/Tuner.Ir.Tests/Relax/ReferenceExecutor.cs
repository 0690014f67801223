using Tuner.Ir.Relax;

namespace Tuner.Ir.Tests.Relax;

/// <summary>Runs a pre-legalization Relax main with <see cref="ReferenceOps"/>: the oracle the executor is checked against.</summary>
internal static class ReferenceExecutor
{
    public static List<RefTensor> Run(RelaxFunction f, IReadOnlyList<NDArray> inputs)
    {
        var env = new Dictionary<RVar, object>();
        for (int i = 0; i < inputs.Count; i++) env[f.Params[i]] = RefTensor.Of(inputs[i]);
        object Eval(RExpr e) => e switch
        {
            RVar v => env[v],
            RConstant c => new RefTensor([], [c.Value]),
            RTuple t => t.Fields.Select(Eval).ToList(),
            TupleGetItem g => ((List<object>)Eval(g.Tuple))[g.Index],
            RCall c => ReferenceOps.Eval(c, c.Args.Select(a => (RefTensor)Eval(a)).ToList()),
            _ => throw new NotSupportedException(e.GetType().Name),
        };
        foreach (var b in f.Bindings) env[b.Var] = Eval(b.Value);
        var result = Eval(f.Body);
        var outs = new List<RefTensor>();
        void Flat(object o) { if (o is RefTensor t) outs.Add(t); else foreach (var x in (List<object>)o) Flat(x); }
        Flat(result);
        return outs;
    }

    /// <summary>Seeded random inputs for a function's parameters (small values, positive where sqrt needs it).</summary>
    /// <remarks>Indices of a gather (R.take) are drawn in range, as the model runner draws them.</remarks>
    public static List<NDArray> Inputs(RelaxFunction f, int seed)
    {
        var bounds = IndexInputs.Bounds(new IRModule(Seq<ModuleFunc>.Empty), f);
        return f.Params.Select((p, i) =>
        {
            var t = (TensorStructInfo)p.Info;
            return NDArray.Random(t.Dtype, t.ConstShape()!, seed + i, bounds.TryGetValue(p, out long b) ? b : null);
        }).ToList();
    }

    public static void AssertClose(RefTensor expected, NDArray actual, string what, double tol = 1e-4)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double e = expected.Data[i], a = actual.GetDouble(i);
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            Assert.True(Math.Abs(e - a) <= tol * (1 + Math.Abs(e)), $"{what}: element {i}: expected {e}, got {a}");
        }
    }
}
