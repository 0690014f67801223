namespace Tuner.Actors.Runner;

/// <summary>
/// TVM's evaluator settings (design §4.4): one warm-up call, <see cref="Number"/> calls averaged per repeat,
/// <see cref="Repeat"/> results, <see cref="MinRepeatMs"/> raising Number until a repeat lasts that long, and an
/// optional CPU cache flush (of the arguments) before each repeat.
/// </summary>
public sealed record EvaluatorConfig(int Number = 3, int Repeat = 1, int MinRepeatMs = 100, bool EnableCpuCacheFlush = false)
{
    public static readonly EvaluatorConfig Default = new();

    /// <summary>One call, no warm-up, no timing target: for <c>tuner run</c> and reference outputs.</summary>
    public static readonly EvaluatorConfig Once = new(1, 1, 0);
}

/// <summary>
/// Options of a runner: the per-candidate timeout (30 s as TVM's LocalRunner; the timing loop's
/// repeat × min_repeat_ms comes on top) and the OpenMP thread count of its workers.
/// </summary>
public sealed record RunnerOptions(TimeSpan Timeout, int NumThreads, string Compiler = "cc")
{
    public static RunnerOptions Default => new(TimeSpan.FromSeconds(30), Environment.ProcessorCount,
        Environment.GetEnvironmentVariable("CC") ?? "cc");
}

/// <summary>One measurement: a built function, its arguments (in parameter order), how to time it.</summary>
/// <param name="ReturnArgs">Read the arguments back after the run (outputs for verification or <c>tuner run</c>).</param>
/// <param name="SlowCutoffSecs">Not in TVM: when the warm-up call takes longer than this, each repeat is a single call
/// (no min_repeat_ms loop) — a candidate far slower than the best known needs no precise figure. Null: off.</param>
public sealed record RunRequest(string Artifact, string Symbol, IReadOnlyList<Tuner.Ir.NDArray> Args, EvaluatorConfig Config,
    bool ReturnArgs = false, double? SlowCutoffSecs = null);

/// <summary>
/// Outcome of one run: mean seconds per repeat (TVM's run_secs), or the error (signal name, "timeout after N s",
/// the worker's message). <see cref="Args"/> holds the arguments after the run when requested.
/// </summary>
public sealed record RunResult(IReadOnlyList<double>? RunSecs, string? Error, IReadOnlyList<Tuner.Ir.NDArray>? Args = null)
{
    public bool Ok => Error is null;
    public bool TimedOut => Error?.StartsWith(WorkerProcess.TimeoutPrefix, StringComparison.Ordinal) == true;
}
