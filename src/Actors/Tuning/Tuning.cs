using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Scheduling;
using Tuner.Ir;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Tuning;

/// <summary>
/// TVM's tune_tir and apply-database as plain library calls; tuning runs on the actor engine (<see cref="TuningEngine"/>).
/// </summary>
public static partial class Tuning
{
    /// <summary>
    /// Tunes every PrimFunc of <paramref name="module"/> for <paramref name="target"/>, recording into
    /// <paramref name="workDir"/>: one task per structurally distinct PrimFunc (weight = how many share it), one
    /// global budget of <paramref name="maxTrialsGlobal"/> trials shared by the <see cref="TrialScheduler"/>. Runs on
    /// the actor engine (<see cref="TuningEngine"/>): each batch the search proposes is journaled in
    /// work_dir/journal.db before it is built, timed and verified, and each result before its record is written.
    /// Resumable: records already in <paramref name="workDir"/> for this target count towards the budgets and their
    /// programs are never measured again; a batch proposed before a crash is measured first. Logs go to
    /// workDir/logs/. The work_dir is locked for the whole call (<see cref="WorkDirLock"/>). Not in TVM: each task's
    /// untuned function is measured first (<see cref="Baseline"/>); failed candidates are reported by kind
    /// (<see cref="FailureReporter"/>) and a batch that fails to build with one error stops the run
    /// (<see cref="TuningFailedException"/>); cancelling <paramref name="ct"/> stops after the results journaled so far
    /// and returns a summary marked interrupted (the same call resumes).
    /// </summary>
    public static TuneSummary TuneTir(IRModule module, Target target, string workDir, int maxTrialsGlobal, TuneOptions options, CancellationToken ct = default) =>
        TuningEngine.Run(module, target, workDir, maxTrialsGlobal, options, ct);
}
