
namespace Tuner.Ir.Relax;

/// <summary>
/// A Relax function's integer parameters that index a tensor (R.take's indices, or a call_tir argument that the
/// called PrimFunc gathers with, <see cref="IndexOperands"/>), with the extent that bounds them: random model
/// inputs for them must stay in [0, bound) or the gather reads out of bounds.
/// </summary>
public static class IndexInputs
{
    public static IReadOnlyDictionary<RVar, long> Bounds(IRModule m, RelaxFunction f)
    {
        var bounds = new Dictionary<RVar, long>();
        void Bound(RExpr e, long b)
        {
            if (e is RVar v && f.Params.Contains(v)) bounds[v] = Math.Min(bounds.GetValueOrDefault(v, long.MaxValue), b);
        }
        foreach (var binding in f.Bindings)
        {
            if (binding.Value is not RCall call) continue;
            if (call.Op == "relax.take" && call.Args[0].Sinfo is TensorStructInfo { } x && x.ConstShape() is { } shape)
                Bound(call.Args[1], call.Attrs["axis"] is null ? Ops.Shapes.Product(shape)
                    : shape[Ops.Shapes.Axis(call.Attrs.Int("axis"), shape.Length, "R.take")]);
            else if (call.IsCallTir && m.Lookup(call.TirName) is { } prim)
            {
                var gathers = IndexOperands.Bounds(prim);
                var buffers = prim.ParamBuffers.ToList();
                for (int k = 0; k < call.TirArgs.Count && k < buffers.Count; k++)
                    if (gathers.TryGetValue(buffers[k], out long b)) Bound(call.TirArgs[k], b);
            }
        }
        return bounds;
    }
}
