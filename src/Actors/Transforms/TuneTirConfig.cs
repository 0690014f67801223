using System.Globalization;
using Tuner.Actors.Runner;
using Tuner.Actors.Scheduling;
using Tuner.Actors.Tuning;
using Tuner.Ir.Transforms;

namespace Tuner.Actors.Transforms;

/// <summary>
/// The <see cref="PassContext.Config"/> keys that <see cref="Transform.MetaScheduleTuneTIR"/> reads, named after the
/// parameters of TVM's <c>meta_schedule.tune_tir</c> (TVM's pass takes them from its Python defaults; here they can be
/// set per context). A key left out keeps the default of <see cref="TuneOptions"/>. A key under
/// <c>meta_schedule.</c> that is not listed here, or a value of the wrong type, is an <see cref="ArgumentException"/>
/// naming the key (TVM rejects unknown config keys too).
/// </summary>
public static class TuneTirConfig
{
    /// <summary>A whole <see cref="TuneOptions"/> to start from (design space, cost model, compiler, output…); the keys below override it.</summary>
    public const string Options = "meta_schedule.tune_options";
    /// <summary>int: trials granted per scheduler pick (TVM: 64).</summary>
    public const string NumTrialsPerIter = "meta_schedule.num_trials_per_iter";
    /// <summary>int: cap per task (TVM's pass: max_trials_global).</summary>
    public const string MaxTrialsPerTask = "meta_schedule.max_trials_per_task";
    /// <summary>int or long: seed of the search.</summary>
    public const string Seed = "meta_schedule.seed";
    /// <summary>string: "evolutionary" (default) or "replay-trace".</summary>
    public const string Strategy = "meta_schedule.strategy";
    /// <summary>string: "gradient" (default) or "round-robin".</summary>
    public const string TaskScheduler = "meta_schedule.task_scheduler";
    /// <summary>int: TVM's EvaluatorConfig.number (3).</summary>
    public const string Number = "meta_schedule.runner.number";
    /// <summary>int: TVM's EvaluatorConfig.repeat (1).</summary>
    public const string Repeat = "meta_schedule.runner.repeat";
    /// <summary>int: TVM's EvaluatorConfig.min_repeat_ms (100).</summary>
    public const string MinRepeatMs = "meta_schedule.runner.min_repeat_ms";
    /// <summary>bool: TVM's EvaluatorConfig.enable_cpu_cache_flush (false).</summary>
    public const string EnableCpuCacheFlush = "meta_schedule.runner.enable_cpu_cache_flush";
    /// <summary>bool, ours: compare every candidate's outputs with the untuned function's (true).</summary>
    public const string Verify = "meta_schedule.runner.verify";

    /// <summary>CancellationToken, ours: stops tuning after the records committed so far (the pass then throws).</summary>
    public const string CancellationToken = "meta_schedule.cancellation_token";

    private static readonly string[] Known =
        [Options, NumTrialsPerIter, MaxTrialsPerTask, Seed, Strategy, TaskScheduler, Number, Repeat, MinRepeatMs, EnableCpuCacheFlush, Verify,
         CancellationToken];

    /// <summary>The context's <see cref="CancellationToken"/>, or none.</summary>
    public static System.Threading.CancellationToken Cancellation(PassContext context) =>
        Get<System.Threading.CancellationToken?>(context, CancellationToken, "a CancellationToken") ?? default;

    /// <summary>The tuning options of <paramref name="context"/>: <see cref="TuneOptions.Default"/> or <see cref="Options"/>, then each key set.</summary>
    public static TuneOptions Read(PassContext context)
    {
        foreach (var key in context.Config.Keys)
            if (key.StartsWith("meta_schedule.", StringComparison.Ordinal) && !Known.Contains(key))
                throw new ArgumentException($"PassContext config: unknown key '{key}' (known: {string.Join(", ", Known)})");
        var o = Get<TuneOptions>(context, Options, "a TuneOptions") ?? TuneOptions.Default;
        if (Int(context, NumTrialsPerIter) is { } perIter) o = o with { NumTrialsPerIter = Positive(NumTrialsPerIter, perIter) };
        if (Int(context, MaxTrialsPerTask) is { } perTask) o = o with { MaxTrialsPerTask = Positive(MaxTrialsPerTask, perTask) };
        if (Long(context, Seed) is { } seed) o = o with { Seed = seed };
        if (Get<string>(context, Strategy, "a string") is { } strategy)
            o = o with { Strategy = Parse(Strategy, () => TuneOptions.ParseStrategy(strategy)) };
        if (Get<string>(context, TaskScheduler, "a string") is { } scheduler)
            o = o with { Scheduler = Parse(TaskScheduler, () => ParseScheduler(scheduler)) };
        var e = o.Evaluator;
        if (Int(context, Number) is { } number) e = e with { Number = Positive(Number, number) };
        if (Int(context, Repeat) is { } repeat) e = e with { Repeat = Positive(Repeat, repeat) };
        if (Int(context, MinRepeatMs) is { } ms) e = e with { MinRepeatMs = ms >= 0 ? ms : throw Bad(MinRepeatMs, "must not be negative", ms) };
        if (Get<bool?>(context, EnableCpuCacheFlush, "a bool") is { } flush) e = e with { EnableCpuCacheFlush = flush };
        o = o with { Evaluator = e };
        if (Get<bool?>(context, Verify, "a bool") is { } verify) o = o with { Verify = verify };
        return o;
    }

    /// <summary>"gradient" or "round-robin" (TVM's task_scheduler names; "gradient-based" and "round_robin" too).</summary>
    public static TrialSchedulerKind ParseScheduler(string name) => name.Replace('_', '-').ToLowerInvariant() switch
    {
        "gradient" or "gradient-based" => TrialSchedulerKind.GradientBased,
        "round-robin" => TrialSchedulerKind.RoundRobin,
        _ => throw new FormatException($"unknown task scheduler '{name}' (known: gradient, round-robin)"),
    };

    private static T? Get<T>(PassContext context, string key, string what)
    {
        if (!context.Config.TryGetValue(key, out var v)) return default;
        return v is T t ? t : throw Bad(key, $"must be {what}", v);
    }

    private static long? Long(PassContext context, string key) =>
        !context.Config.TryGetValue(key, out var v) ? null
        : v is int or long or short or byte ? Convert.ToInt64(v, CultureInfo.InvariantCulture)
        : throw Bad(key, "must be an integer", v);

    private static int? Int(PassContext context, string key) =>
        Long(context, key) is not { } v ? null
        : v is >= int.MinValue and <= int.MaxValue ? (int)v : throw Bad(key, "is out of range", v);

    private static int Positive(string key, int v) => v > 0 ? v : throw Bad(key, "must be positive", v);

    private static T Parse<T>(string key, Func<T> parse)
    {
        try { return parse(); }
        catch (FormatException f) { throw new ArgumentException($"PassContext config '{key}': {f.Message}"); }
    }

    private static ArgumentException Bad(string key, string why, object value) =>
        new($"PassContext config '{key}' {why}, got {value.GetType().Name} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}
