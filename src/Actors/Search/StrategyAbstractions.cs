using Tuner.Ir;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>A candidate to build and measure: the trace that produced it and the scheduled function.</summary>
public sealed record MeasureCandidate(Trace Trace, PrimFunc Scheduled);

/// <summary>The outcome of measuring a candidate: run seconds per repeat, or the error (build, run or verification).</summary>
public sealed record RunnerResult(IReadOnlyList<double>? RunSecs, string? Error)
{
    public bool Ok => Error is null && RunSecs is { Count: > 0 };
    public double MeanSecs => Ok ? RunSecs!.Average() : double.PositiveInfinity;
}

/// <summary>
/// A search strategy as TVM shapes it: a protocol, not a loop that owns building and running. The driver (a plain
/// loop in tune_tir, or the actor engine) asks for candidates, measures them wherever it likes, and reports back.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>Up to <paramref name="maxCount"/> new candidates, never one already measured; null when the space is exhausted.</summary>
    IReadOnlyList<MeasureCandidate>? GenerateMeasureCandidates(int maxCount);

    /// <summary>Results of the candidates from the last call, in the same order.</summary>
    void NotifyRunnerResults(IReadOnlyList<MeasureCandidate> candidates, IReadOnlyList<RunnerResult> results);
}
