using System.Globalization;
using Tuner.Ir;
using Buffer = Tuner.Ir.Buffer;

namespace Tuner.Actors.Verify;

/// <summary>
/// Compares a candidate's outputs with the untuned function's outputs on the same inputs (design §1, "verified
/// candidates"). Outputs = parameter buffers the function writes. Floats: |actual − expected| ≤ atol + rtol·|expected|
/// with atol = rtol = 1e-5·sqrt(K) + 1e-5 for float32 (1e-12·sqrt(K) + 1e-12 for float64, 1e-3·sqrt(K) + 1e-3 for
/// float16), K = the longest reduction of the function (product of a block's reduce extents); NaN matches only NaN.
/// Integers and bools: exact.
/// </summary>
public static class OutputVerifier
{
    /// <summary>Indices of the parameters whose buffers the function stores to.</summary>
    public static IReadOnlyList<int> OutputParams(PrimFunc f)
    {
        var written = new HashSet<Buffer>();
        NodeWalker.Walk(f.Body, onStmt: s => { if (s is BufferStore st) written.Add(st.Buffer); });
        return Enumerable.Range(0, f.Params.Count).Where(i => f.BufferOf(f.Params[i]) is { } b && written.Contains(b)).ToArray();
    }

    /// <summary>The longest reduction: max over blocks of the product of constant reduce-iter extents (1 without any).</summary>
    public static long ReductionLength(PrimFunc f)
    {
        long k = 1;
        NodeWalker.Walk(f.Body, onStmt: s =>
        {
            if (s is not Block b) return;
            long p = 1;
            foreach (var iv in b.IterVars)
                if (iv.Kind == IterKind.Reduce && iv.Dom.Extent is IntImm e) p *= e.Value;
            k = Math.Max(k, p);
        });
        return k;
    }

    /// <summary>atol (= rtol) for a float type and reduction length; 0 for integer types.</summary>
    public static double Tolerance(DataType t, long k)
    {
        double eps = t.IsFloat ? t.Bits switch { 64 => 1e-12, 16 => 1e-3, _ => 1e-5 } : 0;
        return eps * Math.Sqrt(k) + eps;
    }

    /// <summary>Null when every output matches; else which output, the largest error and its flat index.</summary>
    public static string? Compare(PrimFunc reference, IReadOnlyList<NDArray> expected, IReadOnlyList<NDArray> actual)
    {
        long k = ReductionLength(reference);
        foreach (int i in OutputParams(reference))
        {
            var (e, a) = (expected[i], actual[i]);
            string name = reference.BufferOf(reference.Params[i])!.Name;
            double tol = Tolerance(e.Dtype, k);
            double worst = 0;
            long at = -1;
            for (long j = 0; j < e.Size; j++)
            {
                double x = e.GetDouble(j), y = a.GetDouble(j);
                double err = double.IsNaN(x) || double.IsNaN(y) ? (double.IsNaN(x) && double.IsNaN(y) ? 0 : double.PositiveInfinity)
                    : x == y ? 0 : Math.Abs(x - y);
                if (err > tol + tol * Math.Abs(x) && (at < 0 || err > worst)) { worst = err; at = j; }
            }
            if (at >= 0)
                return string.Create(CultureInfo.InvariantCulture,
                    $"output {name} differs from the untuned function: largest error {worst:G6} at flat index {at} (expected {e.GetDouble(at):G9}, got {a.GetDouble(at):G9}; atol = rtol = {tol:G3})");
        }
        return null;
    }
}
