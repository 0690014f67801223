using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Script;

namespace Tuner.Actors.Database;

/// <summary>
/// A tuning workload: one PrimFunc, normalised as TVM's tune_tir does (a module whose single function is named
/// "main"), keyed by its structural hash. Stored as [shash decimal string, canonical TVMScript] (design §6).
/// </summary>
public sealed record Workload(ulong Hash, string Script, PrimFunc Func)
{
    public static Workload FromFunc(PrimFunc f)
    {
        var normal = f with { IsPrivate = false, Attrs = f.Attrs.Remove("global_symbol") };
        return new Workload(StructuralHash.Hash(normal), TvmScript.Print(normal, "main"), normal);
    }

    /// <summary>Same program up to renaming of bound variables (the hash alone may collide).</summary>
    public bool Matches(PrimFunc f) => StructuralEqual.Equal(Func, FromFunc(f).Func);
}
