using Tuner.Actors.Models;
using Tuner.Ir;
using Tuner.Ir.IO;
using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Transforms;

namespace Tuner.Host.Cli;

/// <summary>The inputs of a model's main: .npy files in parameter order, seeded random data for the rest.</summary>
internal static class ModelInputs
{
    public static List<NDArray> Load(IRModule m, string[] files, int seed)
    {
        var ps = ModelRunner.Inputs(m);
        if (files.Length > ps.Count)
            throw CliException.BadInput($"{files.Length} --inputs files given, but main has {ps.Count} parameters ({string.Join(", ", ps.Select(p => p.Name))})");
        var arrays = new List<NDArray>();
        var main = RelaxModule.RelaxFuncs(m).First(r => r.Name == "main").Func;
        var bounds = IndexInputs.Bounds(m, main); // indices of a gather (R.take) stay in range
        for (int i = 0; i < ps.Count; i++)
        {
            var t = ps[i].Info as TensorStructInfo ?? throw CliException.BadInput($"main's parameter {ps[i].Name} is not a tensor");
            if (i >= files.Length)
            {
                var shape = t.ConstShape() ?? throw CliException.BadInput($"main's parameter {ps[i].Name} has a symbolic shape: give its .npy with --inputs");
                arrays.Add(NDArray.Random(t.Dtype, shape, seed + i, bounds.TryGetValue(ps[i], out long b) ? b : null));
                continue;
            }
            NDArray a;
            try { a = Npy.Read(files[i]); }
            catch (NpyException e) { throw CliException.BadInput($"error: {e.Message}"); }
            catch (Exception e) when (PathArgs.IsIo(e)) { throw CliException.BadInput($"error: --inputs '{files[i]}': cannot be read: {PathArgs.Reason(e)}"); }
            var want = t.ConstShape();
            if (a.Dtype != t.Dtype || (want is not null && !want.SequenceEqual(a.Shape)))
                throw CliException.BadInput($"error: --inputs '{files[i]}': {a.Dtype}{NDArray.FormatShape(a.Shape)} does not match main's parameter {ps[i].Name}: {t.Dtype}{(want is null ? "" : NDArray.FormatShape(want))}");
            arrays.Add(a);
        }
        return arrays;
    }
}
