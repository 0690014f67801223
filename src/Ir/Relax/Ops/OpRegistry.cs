namespace Tuner.Ir.Relax.Ops;

/// <summary>
/// Every Relax operator this project knows, by registry name and by TVMScript spelling. Element-wise, broadcast,
/// neural-network, reduction and layout operators are declared in the partial files beside this one.
/// </summary>
public static partial class OpRegistry
{
    private static readonly Dictionary<string, OpDef> _byName = [];
    private static readonly Dictionary<string, OpDef> _byScript = [];

    static OpRegistry()
    {
        foreach (var op in ElementwiseOps().Concat(NnOps()).Concat(ReduceOps()).Concat(LayoutOps()))
        {
            _byName[op.Name] = op;
            _byScript[op.Script] = op;
        }
    }

    public static IEnumerable<OpDef> All => _byName.Values;

    public static OpDef? ByName(string name) => _byName.GetValueOrDefault(name);

    public static OpDef? ByScript(string script) => _byScript.GetValueOrDefault(script);

    public static OpDef Get(string name) => ByName(name) ?? throw new KeyNotFoundException($"unknown Relax operator '{name}'");

    private static OpDef Op(string script, int args, Func<IReadOnlyList<TensorStructInfo>, OpAttrs, TensorStructInfo> infer, string legal, params AttrSpec[] attrs) =>
        new("relax." + script[2..], script, args, attrs.ToSeq(), infer, legal);

    private static AttrSpec A(string name, AttrKind kind, object? dflt) => new(name, kind, dflt);

    private static Seq<long> L(params long[] xs) => xs.ToSeq();
}
