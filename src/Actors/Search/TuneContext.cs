using Tuner.Ir;

namespace Tuner.Actors.Search;

/// <summary>
/// What the design space, postprocessors, mutators and strategies know about one tuning task (TVM's TuneContext):
/// the workload (untuned PrimFunc, named "main"), a display name, the target's core count (drives parallel extents)
/// and kind ("llvm" or "c"), and the seed of the task's random engine.
/// </summary>
public sealed record TuneContext(PrimFunc Func, string TaskName, int NumCores, string TargetKind = "llvm", long Seed = 1);
