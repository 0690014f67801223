using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Tuner.Actors.Cluster;

/// <summary>
/// What makes a timing comparable between hosts (TVM's reproducibility caveat: the same schedule gives other results
/// on other hardware): the CPU model, the ISA extensions the compiler may use with <c>-march=native</c>, the core
/// count (OpenMP threads) and the C compiler's version. Two hosts with equal <see cref="Key"/>s measure alike;
/// measure work only goes to workers whose key equals the session's.
/// </summary>
/// <param name="IsaFlags">Sorted, code-generation-relevant flags only: hypervisor and timer flags differ between VMs on
/// the same hardware and say nothing about the code.</param>
public sealed record HostFingerprint(string CpuModel, IReadOnlyList<string> IsaFlags, int Cores, string Compiler)
{
    /// <summary>12 hex digits of SHA-256 over every field: short enough for a progress table, stable across runs.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key
    {
        get
        {
            var text = $"{CpuModel}\n{string.Join(' ', IsaFlags)}\n{Cores}\n{Compiler}";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        }
    }

    /// <summary>Equal when the keys are (the flag list is compared by content, not by reference).</summary>
    public bool Equals(HostFingerprint? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    /// <summary>One line for people: model, cores, compiler and the key.</summary>
    public override string ToString() => $"{CpuModel}, {Cores} cores, {Compiler} [{Key}]";

    // Prefixes of x86 flags that change what gcc -march=native emits; on other architectures every feature is kept.
    private static readonly string[] IsaPrefixes =
    [
        "sse", "ssse3", "avx", "fma", "f16c", "bmi", "adx", "aes", "vaes", "sha", "pclmul", "vpclmul", "popcnt", "movbe",
        "abm", "lzcnt", "amx", "gfni", "xop", "mmx", "3dnow", "cx16", "rdrand", "rdseed",
    ];

    /// <summary>
    /// Reads a fingerprint from the text of <c>/proc/cpuinfo</c> (x86 <c>model name</c>/<c>flags</c>, Arm
    /// <c>Features</c> with <c>CPU implementer</c>/<c>CPU part</c>), the first line of <c>cc --version</c> and the
    /// core count.
    /// </summary>
    public static HostFingerprint Parse(string cpuinfo, string compilerVersion, int cores)
    {
        string? model = null, implementer = null, part = null;
        IEnumerable<string> flags = [];
        bool x86 = false;
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "model name" when model is null: model = value; break;
                case "flags" when !x86: flags = value.Split(' ', StringSplitOptions.RemoveEmptyEntries); x86 = true; break;
                case "Features" when !x86 && !flags.Any(): flags = value.Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "CPU implementer" when implementer is null: implementer = value; break;
                case "CPU part" when part is null: part = value; break;
            }
        }
        model ??= implementer is not null ? $"implementer {implementer} part {part}" : "unknown CPU";
        var isa = flags.Where(f => !x86 || IsaPrefixes.Any(f.StartsWith)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var compiler = compilerVersion.Split('\n', 2)[0].Trim();
        return new HostFingerprint(model, isa, cores, compiler.Length > 0 ? compiler : "unknown compiler");
    }

    private static readonly Lazy<HostFingerprint> LocalHost = new(() => Detect(Environment.GetEnvironmentVariable("CC") ?? "cc"));

    /// <summary>This machine's fingerprint with the default compiler (read once per process).</summary>
    public static HostFingerprint Local => LocalHost.Value;

    /// <summary>This machine's fingerprint: /proc/cpuinfo, <c>compiler --version</c>, the processor count.</summary>
    public static HostFingerprint Detect(string compiler)
    {
        string cpuinfo = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        return Parse(cpuinfo, CompilerVersion(compiler), Environment.ProcessorCount);
    }

    private static string CompilerVersion(string compiler)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(compiler, "--version")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return "";
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no compiler: the fingerprint says "unknown compiler" and such a worker can only be told apart
        }
    }
}
