using System.Runtime.CompilerServices;
using Tuner.Actors.Build;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Interp;

namespace Tuner.Actors.Runner;

/// <summary>
/// Outcome of one candidate: run_secs (per repeat) or the error of its build, run or verification, and which step failed.
/// A failed candidate is stored by the tuner with run_secs [1e10] (design §6).
/// </summary>
public sealed record MeasureResult(int Index, IReadOnlyList<double>? RunSecs, string? Error, bool Verified, FailureKind? Failure = null)
{
    public bool Ok => Error is null;
    public double MeanSecs => RunSecs is { Count: > 0 } r ? r.Average() : double.PositiveInfinity;
}

/// <summary>
/// Build → run → verify for a batch of candidates of one workload: all builds first (batched, in parallel), then
/// the runs one by one (timings never overlap builds). Inputs are seeded random data shared by every candidate;
/// outputs start random too, so a candidate that skips a write is caught. With verification on, the untuned
/// reference is built and run once per workload (cached) and each candidate's outputs are compared with it
/// (<see cref="OutputVerifier"/>). With <paramref name="interpreterReference"/> the reference outputs come from the
/// TIR interpreter instead (exact semantics, independent of the C generator, but slow: small workloads only).
/// </summary>
public sealed class CandidateMeasurer(
    Builder builder, LocalRunner runner, EvaluatorConfig config, bool verify = true, int seed = 0, bool interpreterReference = false)
{
    private readonly ConditionalWeakTable<PrimFunc, NDArray[]> _expected = [];

    /// <summary>Seconds spent building candidates, over every call so far (for the tuner's time split).</summary>
    public double BuildSeconds => Volatile.Read(ref _buildSeconds);

    /// <summary>Seconds spent after the builds (reference outputs, runs, verification), over every call so far.</summary>
    public double RunSeconds => Volatile.Read(ref _runSeconds);

    private double _buildSeconds, _runSeconds;

    /// <summary>Counts build and run time spent elsewhere for this tuner (a cluster worker's, reported with its result).</summary>
    public void AddElsewhere(double buildSecs, double runSecs)
    {
        AddSeconds(ref _buildSeconds, buildSecs);
        AddSeconds(ref _runSeconds, runSecs);
    }

    /// <param name="slowCutoffSecs">Candidates whose warm-up call exceeds this are timed with single calls (<see cref="RunRequest.SlowCutoffSecs"/>).</param>
    public IReadOnlyList<MeasureResult> Measure(PrimFunc reference, IReadOnlyList<PrimFunc> candidates, CancellationToken ct = default, double? slowCutoffSecs = null) =>
        Run(reference, Build(candidates, ct), ct, slowCutoffSecs);

    /// <summary>The build step alone (the engine's Build actor): one result per candidate, artifacts kept for <see cref="Run"/>.</summary>
    public IReadOnlyList<BuildResult> Build(IReadOnlyList<PrimFunc> candidates, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try { return builder.Build(candidates, ct); }
        finally { AddSeconds(ref _buildSeconds, clock.Elapsed.TotalSeconds); }
    }

    /// <summary>
    /// The timing step alone (the engine's Measure actor): runs and verifies what <see cref="Build"/> made, in order,
    /// then deletes the artifacts (also when cancelled).
    /// </summary>
    public IReadOnlyList<MeasureResult> Run(PrimFunc reference, IReadOnlyList<BuildResult> built, CancellationToken ct = default, double? slowCutoffSecs = null)
    {
        var info = ArgInfo.Of(reference);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            NDArray[]? expected = null;
            string? refError = null;
            if (verify)
            {
                try { expected = Expected(reference, info, ct); }
                catch (MeasureException e) { refError = e.Message; }
            }
            var results = new MeasureResult[built.Count];
            foreach (var b in built)
            {
                ct.ThrowIfCancellationRequested();
                if (!b.Ok) { results[b.Index] = new MeasureResult(b.Index, null, b.Error, false, FailureKind.Build); continue; }
                if (refError is not null) { results[b.Index] = new MeasureResult(b.Index, null, $"reference failed: {refError}", false, FailureKind.Reference); continue; }
                var args = ArgInfo.Random(info, seed);
                if (b.Layout is { } layout)
                {
                    // The weights are packed once, untimed, as TVM's runner gets them already rewritten.
                    var (packed, packing) = LayoutPacking.Pack(runner, b, layout, args);
                    if (packed is null) { results[b.Index] = new MeasureResult(b.Index, null, $"weight packing failed: {packing.Error}", false, packing.TimedOut ? FailureKind.Timeout : FailureKind.Run); continue; }
                    args = LayoutPacking.WithPacked(args, layout, packed);
                }
                var run = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, config, ReturnArgs: verify, slowCutoffSecs));
                if (!run.Ok) { results[b.Index] = new MeasureResult(b.Index, null, run.Error, false, run.TimedOut ? FailureKind.Timeout : FailureKind.Run); continue; }
                string? mismatch = verify ? OutputVerifier.Compare(reference, expected!, run.Args!) : null;
                results[b.Index] = new MeasureResult(b.Index, mismatch is null ? run.RunSecs : null, mismatch, verify && mismatch is null,
                    mismatch is null ? null : FailureKind.Verification);
            }
            return results;
        }
        finally
        {
            Builder.DeleteArtifacts(built); // a loaded library stays mapped in the worker after its file is gone
            AddSeconds(ref _runSeconds, clock.Elapsed.TotalSeconds);
        }
    }

    private static void AddSeconds(ref double total, double secs)
    {
        double seen, sum;
        do { seen = Volatile.Read(ref total); sum = seen + secs; } while (Interlocked.CompareExchange(ref total, sum, seen) != seen);
    }

    private NDArray[] Expected(PrimFunc reference, IReadOnlyList<ArgInfo> info, CancellationToken ct)
    {
        if (_expected.TryGetValue(reference, out var cached)) return cached;
        if (interpreterReference)
        {
            var args = ArgInfo.Random(info, seed);
            try { Interpreter.Run(reference, args); }
            catch (InterpreterException e) { throw new MeasureException($"untuned function fails in the interpreter: {e.Message}"); }
            _expected.AddOrUpdate(reference, args);
            return args;
        }
        var b = builder.Build([reference], ct)[0];
        if (!b.Ok) throw new MeasureException($"untuned function does not build: {b.Error}");
        var r = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, ArgInfo.Random(info, seed), EvaluatorConfig.Once, ReturnArgs: true));
        Builder.DeleteArtifacts([b]);
        if (!r.Ok) throw new MeasureException($"untuned function does not run: {r.Error}");
        var outs = r.Args!.ToArray();
        _expected.AddOrUpdate(reference, outs);
        return outs;
    }
}

/// <summary>A function could not be built or run; the message says which step failed and why.</summary>
public sealed class MeasureException(string message) : Exception(message);
