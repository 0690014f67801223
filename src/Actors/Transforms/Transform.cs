using Tuner.Ir.Targets;
using Tuner.Ir.Transforms;

namespace Tuner.Actors.Transforms;

/// <summary>
/// TVM's MetaSchedule passes (<c>tvm.relax.transform.MetaScheduleTuneTIR</c> / <c>MetaScheduleApplyDatabase</c>) on
/// the pass infrastructure of <see cref="Tuner.Ir.Transforms"/>, so that they compose with other passes in a
/// <see cref="Sequential"/> and run under a <see cref="PassContext"/> and its instruments.
/// <code>
/// using (Target.Parse("llvm -num-cores 2").Enter())
///     mod = new Sequential(Transform.MetaScheduleTuneTIR("./tune_records", 1000),
///                          Transform.MetaScheduleApplyDatabase("./tune_records")).Apply(mod);
/// </code>
/// Both take the target as TVM does, from <see cref="Target.Current"/> when the pass is created; when none was in
/// scope then, the one in scope when the pass runs; none at either time is an <see cref="InvalidOperationException"/>
/// naming the fix.
/// </summary>
public static class Transform
{
    /// <summary>
    /// Tunes every PrimFunc of the module for the target in scope with <see cref="Tuning.Tuning.TuneTir"/>, records in
    /// <paramref name="workDir"/> (TVM's JSON format), and returns the module unchanged (the same object), as TVM's
    /// pass: its effect is the records; <see cref="MetaScheduleApplyDatabase"/> uses them. Other functions (Relax,
    /// kept verbatim) are not looked at. Settings come from the context's config (<see cref="TuneTirConfig"/>); a
    /// cancellation token there stops tuning after the records committed so far, with an <see cref="OperationCanceledException"/>.
    /// A module without PrimFuncs leaves <paramref name="workDir"/> untouched.
    /// <para>Ours: a module pass, not TVM's PrimFunc pass, because all PrimFuncs share one budget of
    /// <paramref name="maxTrialsGlobal"/> trials (TVM gives each function the whole budget); structurally equal
    /// functions are one task. Re-running resumes: records already in workDir count towards the budget.</para>
    /// Opt level 0, name "MetaScheduleTuneTIR", traceable (as TVM's).
    /// </summary>
    public static Pass MetaScheduleTuneTIR(string workDir, int maxTrialsGlobal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrialsGlobal);
        var created = Target.Current;
        return Pass.CreateModulePass((module, context) =>
        {
            var target = TargetOf(created, nameof(MetaScheduleTuneTIR));
            if (!module.PrimFuncs.Any()) return module;
            var options = TuneTirConfig.Read(context);
            var ct = TuneTirConfig.Cancellation(context);
            var summary = Tuning.Tuning.TuneTir(module, target, workDir, maxTrialsGlobal, options, ct);
            // Stop the pipeline: the passes after this one must not run on a half-tuned work_dir as if it were done.
            if (summary.Interrupted)
                throw new OperationCanceledException($"MetaScheduleTuneTIR interrupted after {summary.TotalTrials} of " +
                    $"{maxTrialsGlobal} trials; applying the pass again resumes", ct);
            return module;
        }, optLevel: 0, name: nameof(MetaScheduleTuneTIR), traceable: true);
    }

    /// <summary>
    /// Replaces each PrimFunc whose workload (matched by structural hash) has a valid record for the target in scope
    /// in <paramref name="workDir"/> by its best record's trace replayed on it, with its attributes kept and
    /// <c>tir.is_scheduled</c> set (TVM's ApplyDatabase, through <see cref="Tuning.Tuning.ApplyDatabase"/>). Functions
    /// without a record, and non-PrimFunc functions, are kept as they are; so is a function whose untuned baseline is
    /// its best record (ours). The work_dir is only read (a missing one has no records). With
    /// <paramref name="enableWarning"/> (TVM's flag, off by default) the functions left unscheduled are named on
    /// standard error. Opt level 0, name "MetaScheduleApplyDatabase".
    /// </summary>
    public static Pass MetaScheduleApplyDatabase(string workDir, bool enableWarning = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        var created = Target.Current;
        return Pass.CreateModulePass((module, _) =>
        {
            var target = TargetOf(created, nameof(MetaScheduleApplyDatabase));
            if (!module.PrimFuncs.Any()) return module;
            return Tuning.Tuning.ApplyDatabase(module, target, workDir, enableWarning ? Console.Error.WriteLine : _ => { });
        }, optLevel: 0, name: nameof(MetaScheduleApplyDatabase));
    }

    private static Target TargetOf(Target? created, string pass) =>
        created ?? Target.Current ?? throw new InvalidOperationException(
            $"{pass} needs a target in scope: create or apply the pass inside " +
            "'using (Target.Parse(\"llvm -num-cores 2\").Enter()) { ... }' (Tuner.Ir.Targets), as TVM's 'with tvm.target.Target(...)'");
}
