namespace Tuner.Ir.Interp;

/// <summary>
/// The float math intrinsics, computed in double and rounded to the call's width (correctly rounded for the
/// basic operations; within an ulp of libm for the transcendental ones). Composite intrinsics round each step
/// as the C code TVM emits for them would (rsqrt = 1/sqrt(x), sigmoid = 1/(1+exp(-x))).
/// </summary>
internal static class MathIntrinsics
{
    public delegate double UnaryFn(double x, Func<double, double> round);

    public static readonly Func<double, double> R32 = v => (float)v;
    public static readonly Func<double, double> R16 = v => (double)(Half)v;
    public static readonly Func<double, double> R64 = v => v;

    public static readonly IReadOnlyDictionary<string, UnaryFn> Unary = new Dictionary<string, UnaryFn>
    {
        ["exp"] = (x, r) => r(Math.Exp(x)),
        ["exp2"] = (x, r) => r(Math.Pow(2, x)),
        ["exp10"] = (x, r) => r(Math.Pow(10, x)),
        ["log"] = (x, r) => r(Math.Log(x)),
        ["log2"] = (x, r) => r(Math.Log2(x)),
        ["log10"] = (x, r) => r(Math.Log10(x)),
        ["log1p"] = (x, r) => r(LogOnePlus(x)),
        ["sqrt"] = (x, r) => r(Math.Sqrt(x)),
        ["rsqrt"] = (x, r) => r(1 / r(Math.Sqrt(x))),
        ["tanh"] = (x, r) => r(Math.Tanh(x)),
        ["sigmoid"] = (x, r) => r(1 / r(1 + r(Math.Exp(-x)))),
        ["erf"] = (x, r) => r(Erf(x)),
        ["fabs"] = (x, r) => r(Math.Abs(x)),
        ["sin"] = (x, r) => r(Math.Sin(x)),
        ["cos"] = (x, r) => r(Math.Cos(x)),
        ["tan"] = (x, r) => r(Math.Tan(x)),
        ["atan"] = (x, r) => r(Math.Atan(x)),
        ["asin"] = (x, r) => r(Math.Asin(x)),
        ["acos"] = (x, r) => r(Math.Acos(x)),
        ["sinh"] = (x, r) => r(Math.Sinh(x)),
        ["cosh"] = (x, r) => r(Math.Cosh(x)),
        ["floor"] = (x, r) => r(Math.Floor(x)),
        ["ceil"] = (x, r) => r(Math.Ceiling(x)),
        // C's round() rounds halves away from zero, but TVM lowers T.round to nearbyint: halves to even.
        ["round"] = (x, r) => r(Math.Round(x, MidpointRounding.ToEven)),
        ["nearbyint"] = (x, r) => r(Math.Round(x, MidpointRounding.ToEven)),
        ["trunc"] = (x, r) => r(Math.Truncate(x)),
    };

    public static readonly IReadOnlyDictionary<string, Func<double, double, double>> Binary = new Dictionary<string, Func<double, double, double>>
    {
        ["pow"] = Math.Pow,
        ["atan2"] = Math.Atan2,
        ["fmod"] = (a, b) => a % b,
    };

    /// <summary>log(1 + x) without cancellation for small x.</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>
    /// The error function to about 1e-15 relative: the everywhere-positive series
    /// erf x = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3···(2n+1)) below |x| = 3, and 1 − erfc x from erfc's
    /// continued fraction above (.NET has no Math.Erf).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        double result;
        if (ax < 3)
        {
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++)
            {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            result = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum;
        }
        else if (ax < 6)
        {
            result = 1 - Erfc(ax);
        }
        else
        {
            result = 1;
        }
        return x < 0 ? -result : result;
    }

    /// <summary>erfc x for x ≥ 3: e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated bottom-up.</summary>
    private static double Erfc(double x)
    {
        double f = x;
        for (int k = 60; k >= 1; k--) f = x + k / 2.0 / f;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
