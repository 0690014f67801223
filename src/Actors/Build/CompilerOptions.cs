using Tuner.Ir.Targets;

namespace Tuner.Actors.Build;

/// <summary>
/// How candidates are compiled: the C compiler (<c>cc</c> unless overridden, e.g. by the CC environment variable),
/// its flags, a per-call timeout (30 s default), how many compiler calls run at once (the cores) and how many
/// candidates go into one shared library (8: 64 candidates on 2 cores built at 35 candidates/s vs 10 with one call
/// each and 41 with 32 per call — benchmarks/README.md; smaller batches make the fallback of a failed batch cheaper).
/// Target, when set, is entered while lowering so target-dependent passes (register tiles' vector width) follow it.
/// </summary>
public sealed record CompilerOptions(
    string Compiler,
    IReadOnlyList<string> Flags,
    TimeSpan Timeout,
    int MaxParallel,
    int MaxBatchSize = 8,
    Target? Target = null)
{
    /// <summary>
    /// Flags for a target: <c>-O3 -march=native -fopenmp -shared -fPIC</c> (<c>-march=</c>mcpu when the target names one;
    /// -mattr +x/-x → -mx/-mno-x), no -ffast-math (it changes numerics), and implicit declarations as errors so a
    /// call to an unknown C function fails at build time rather than at load time.
    /// </summary>
    public static CompilerOptions For(Target target, string? compiler = null)
    {
        var flags = new List<string> { "-O3", target.Mcpu is { } cpu ? $"-march={cpu}" : "-march=native" };
        foreach (var a in target.Mattr)
            flags.Add(a.StartsWith('-') ? "-mno-" + a[1..] : "-m" + a.TrimStart('+'));
        flags.AddRange(["-fopenmp", "-shared", "-fPIC", "-Werror=implicit-function-declaration"]);
        return new CompilerOptions(
            compiler ?? Environment.GetEnvironmentVariable("CC") ?? "cc",
            flags,
            TimeSpan.FromSeconds(30),
            Math.Max(1, Environment.ProcessorCount),
            Target: target);
    }
}
