using Tuner.Actors.Runner;
using Tuner.Ir;
using Tuner.Ir.Relax;
using Tuner.Ir.Relax.Exec;
using Tuner.Ir.Relax.Transforms;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Models;

/// <summary>One PrimFunc call of a model run: the function, how many times main calls it, its mean latency per call.</summary>
public sealed record CallLatency(string Func, int Calls, double SecsPerCall)
{
    public double TotalSecs => Calls * SecsPerCall;
}

/// <summary>
/// Relax models end to end: <see cref="Prepare"/> legalizes and fuses a model written with operators (a module
/// already of call_tir is kept), then applies the work_dir's best schedules (MetaScheduleApplyDatabase);
/// <see cref="Run"/> executes main with compiled kernels (or the interpreter); <see cref="Bench"/> times each call.
/// </summary>
public static class ModelRunner
{
    /// <summary>True when some Relax function still calls operators (LegalizeOps has work to do).</summary>
    public static bool NeedsLegalization(IRModule m) =>
        RelaxModule.RelaxFuncs(m).Any(r => r.Func.Bindings.Any(b => b.Value is RCall { Callee: null, IsCallTir: false }));

    /// <summary>The module whose PrimFuncs are tuned: LegalizeOps → AnnotateTIROpPattern → FuseOps → FuseTIR for a model of operators.</summary>
    public static IRModule ForTuning(IRModule m) => NeedsLegalization(m) ? RelaxTransform.TuningPipeline().Apply(m) : m;

    /// <summary>The module that runs: <see cref="ForTuning"/>, then each PrimFunc with a record replaced by its best schedule.</summary>
    public static IRModule Prepare(IRModule m, Target target, string? workDir, Action<string>? warn = null)
    {
        var mod = ForTuning(m);
        return workDir is null ? mod : Tuner.Actors.Tuning.Tuning.ApplyDatabase(mod, target, workDir, warn);
    }

    public static IReadOnlyList<NDArray> Run(IRModule prepared, IReadOnlyList<NDArray> inputs, Target target, bool interpret = false)
    {
        if (interpret) return new RelaxExecutor(prepared, new InterpreterKernels()).Run(inputs);
        using var kernels = new CompiledKernels(prepared, target);
        return new RelaxExecutor(prepared, kernels).Run(inputs);
    }

    /// <summary>Runs main once with every call timed; returns the latency of each PrimFunc, in first-call order.</summary>
    public static IReadOnlyList<CallLatency> Bench(IRModule prepared, IReadOnlyList<NDArray> inputs, Target target, EvaluatorConfig? config = null)
    {
        using var kernels = new CompiledKernels(prepared, target) { Timing = config ?? EvaluatorConfig.Default };
        new RelaxExecutor(prepared, kernels).Run(inputs);
        return kernels.Calls.GroupBy(c => c.Name).Select(g => new CallLatency(g.Key, g.Count(), g.Average(c => c.Secs))).ToList();
    }

    /// <summary>Seeded random inputs for main's parameters (constant shapes only).</summary>
    public static List<NDArray> RandomInputs(IRModule m, int seed, string func = "main")
    {
        var f = RelaxModule.RelaxFuncs(m).FirstOrDefault(r => r.Name == func)?.Func
            ?? throw new ArgumentException($"the module has no Relax function '{func}'");
        var bounds = IndexInputs.Bounds(m, f); // indices of a gather (R.take) stay in range
        return f.Params.Select((p, i) => p.Info is TensorStructInfo t && t.ConstShape() is { } s
            ? NDArray.Random(t.Dtype, s, seed + i, bounds.TryGetValue(p, out long b) ? b : null)
            : throw new ArgumentException($"input {p.Name} has no constant tensor shape: give it as a .npy file")).ToList();
    }

    /// <summary>main's parameters: names and struct info, for checking .npy inputs.</summary>
    public static IReadOnlyList<RVar> Inputs(IRModule m, string func = "main") =>
        RelaxModule.RelaxFuncs(m).FirstOrDefault(r => r.Name == func)?.Func.Params.ToList()
        ?? throw new ArgumentException($"the module has no Relax function '{func}'");
}
