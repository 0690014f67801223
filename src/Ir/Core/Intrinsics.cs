namespace Tuner.Ir;

/// <summary>The intrinsic calls the IR knows (design §3.1), with their arity. One table shared by parser, interpreter and codegen.</summary>
public static class Intrinsics
{
    /// <summary>Name → number of arguments (-1: any).</summary>
    public static readonly IReadOnlyDictionary<string, int> Arity = new Dictionary<string, int>
    {
        ["exp"] = 1, ["exp2"] = 1, ["exp10"] = 1, ["log"] = 1, ["log2"] = 1, ["log10"] = 1, ["log1p"] = 1,
        ["sqrt"] = 1, ["rsqrt"] = 1, ["tanh"] = 1, ["sigmoid"] = 1, ["erf"] = 1, ["fabs"] = 1,
        ["sin"] = 1, ["cos"] = 1, ["tan"] = 1, ["atan"] = 1, ["asin"] = 1, ["acos"] = 1,
        ["sinh"] = 1, ["cosh"] = 1, ["pow"] = 2, ["atan2"] = 2, ["fmod"] = 2,
        ["floor"] = 1, ["ceil"] = 1, ["round"] = 1, ["nearbyint"] = 1, ["trunc"] = 1,
        ["isnan"] = 1, ["isinf"] = 1, ["isfinite"] = 1,
        ["if_then_else"] = 3,
        ["shift_left"] = 2, ["shift_right"] = 2,
        ["bitwise_and"] = 2, ["bitwise_or"] = 2, ["bitwise_xor"] = 2, ["bitwise_not"] = 1,
        ["reinterpret"] = 1,
        ["popcount"] = 1, ["clz"] = 1,
    };

    public static bool IsKnown(string name) => Arity.ContainsKey(name);
}
