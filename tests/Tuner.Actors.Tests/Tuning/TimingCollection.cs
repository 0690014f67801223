namespace Tuner.Actors.Tests.Tuning;

/// <summary>
/// Tests that compare timings run alone, after the parallel ones: a 2-thread OpenMP kernel whose second thread is
/// descheduled by a concurrent test (gcc builds, other runs) stalls at every barrier and measured 60x slower here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing (runs alone)";
}
